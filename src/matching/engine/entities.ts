import type { EntityType } from '../../common/entity-type';
import { normalizeCustomer } from './customer/customer-normalizer';
import { CUSTOMER_FEATURES, customerFeatures } from './features/customer-features';
import { PRODUCT_FEATURES, productFeatures } from './features/product-features';
import { normalizeProduct } from './product/product-normalizer';
import { RulesEngine, type EntityDefinition } from './rules-engine';
import type { MatchRules } from './rules/match-rules';
import type { MatchEngine } from './types';

/** What each entity type brings to the engine: its cleansing and its features. */
export const ENTITY_DEFINITIONS: Record<EntityType, EntityDefinition> = {
  customer: { entityType: 'customer', catalog: CUSTOMER_FEATURES, normalize: normalizeCustomer, features: customerFeatures },
  product: { entityType: 'product', catalog: PRODUCT_FEATURES, normalize: (a) => normalizeProduct(a), features: productFeatures },
};

/** One engine per entity type, from validated rules. */
export function createEngines(rules: Record<EntityType, MatchRules>): Record<EntityType, MatchEngine> {
  return {
    customer: new RulesEngine(ENTITY_DEFINITIONS.customer, rules.customer),
    product: new RulesEngine(ENTITY_DEFINITIONS.product, rules.product),
  };
}
