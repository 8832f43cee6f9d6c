import type { EntityType } from '../../common/entity-type';
import { CustomerEngineV1 } from './customer/customer-engine-v1';
import { ProductEngineV1 } from './product/product-engine-v1';
import type { MatchEngine } from './types';

export type * from './types';

/** The default engine for each entity type. */
export function createEngines(): Record<EntityType, MatchEngine> {
  return { customer: new CustomerEngineV1(), product: new ProductEngineV1() };
}
