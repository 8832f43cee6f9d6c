import { Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTime } from '../common/graphql/date-time.scalar';
import { GraphQLJSON } from '../common/graphql/json.scalar';
import { connectionTypes } from '../common/graphql/connection';
import type { AttributeValue } from '../matching/engine/types';
import { maskPiiAttributes, maskPiiByParentAttribute, maskPiiField, maskPiiListByParentAttribute } from '../auth/pii/pii.middleware';

// Personal data: masked for keys without PII access (src/auth/pii).
const PII = [maskPiiField];
const MASKED_NULL = 'null when masked: a street address is not shown to keys without PII access.';

export enum EntityTypeEnum {
  CUSTOMER = 'customer',
  PRODUCT = 'product',
}
registerEnumType(EntityTypeEnum, { name: 'EntityType' });

export enum GoldenStatusEnum {
  ACTIVE = 'active',
  MERGED = 'merged',
  DELETED = 'deleted',
}
registerEnumType(GoldenStatusEnum, {
  name: 'GoldenStatus',
  description: 'active: in use; merged: retired into another golden record (see mergedInto); deleted: no live source record.',
});

export enum GoldenEventTypeEnum {
  CREATED = 'created',
  UPDATED = 'updated',
  MERGED = 'merged',
  UNMERGED = 'unmerged',
  DELETED = 'deleted',
  PINNED = 'pinned',
  UNPINNED = 'unpinned',
  CONFLICT_RESOLVED = 'conflict_resolved',
  NOT_A_MATCH = 'not_a_match',
}
registerEnumType(GoldenEventTypeEnum, { name: 'GoldenEventType' });

@ObjectType('SourceRecord', { description: 'A record as a source system sent it, and the golden record it is linked to (the crosswalk).' })
export class SourceRecordModel {
  @Field(() => ID) id: string;
  @Field(() => EntityTypeEnum) entityType: EntityTypeEnum;
  @Field({ description: 'Code of the source system.' }) source: string;
  @Field({ description: 'The id the source system gave the record.' }) sourceId: string;
  @Field(() => GraphQLJSON, { description: 'The attributes as received.', middleware: [maskPiiAttributes] }) attributes: Record<string, AttributeValue>;
  @Field(() => GraphQLJSON, { description: 'The cleansed attributes that matching and survivorship use.', middleware: [maskPiiAttributes] })
  normalized: Record<string, AttributeValue>;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it last changed in the source.' })
  updatedAt: string | null;
  @Field(() => GraphQLDateTime, { description: 'When the hub last received a change of it.' }) receivedAt: string;
  @Field({ description: 'true once the source deleted it; it then no longer contributes.' }) deleted: boolean;
  @Field(() => ID) goldenId: string;
}

@ObjectType('ProvenanceCandidate', { description: 'A value that lost survivorship, and where it came from.' })
export class ProvenanceCandidateModel {
  @Field(() => GraphQLJSON, { nullable: true, description: MASKED_NULL }) value: AttributeValue;
  @Field(() => ID) sourceRecordId: string;
  @Field() source: string;
  @Field() sourceId: string;
}

@ObjectType('AttributeProvenance', { description: 'Where a golden attribute value came from and which rule chose it.' })
export class AttributeProvenanceModel {
  @Field() attribute: string;
  @Field(() => GraphQLJSON, { nullable: true, middleware: [maskPiiByParentAttribute], description: MASKED_NULL }) value: AttributeValue;
  @Field(() => ID, { nullable: true, description: 'The winning source record; null for a value a steward pinned.' }) sourceRecordId: string | null;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => String, { nullable: true }) sourceId: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) updatedAt: string | null;
  @Field({ description: 'The configured strategy: source-priority | most-recent | most-complete | most-frequent, or pinned.' }) strategy: string;
  @Field({ description: 'What decided: only-value | pinned | source-trust | most-recent | most-complete | most-frequent | tie-break' })
  rule: string;
  @Field(() => String, { nullable: true, description: 'The linked-attribute group (address) the value survived with, whole, from one record.' })
  group: string | null;
  @Field(() => [ProvenanceCandidateModel], { description: 'The losing values, best first.', middleware: [maskPiiListByParentAttribute] }) candidates: ProvenanceCandidateModel[];
}

@ObjectType('AttributeChange')
export class AttributeChangeModel {
  @Field() attribute: string;
  @Field(() => GraphQLJSON, { nullable: true, middleware: [maskPiiByParentAttribute] }) before: AttributeValue | null;
  @Field(() => GraphQLJSON, { nullable: true, middleware: [maskPiiByParentAttribute] }) after: AttributeValue | null;
}

@ObjectType('GoldenEvent', { description: 'One change of a golden record.' })
export class GoldenEventModel {
  @Field(() => ID) id: string;
  @Field(() => ID) goldenId: string;
  @Field(() => GoldenEventTypeEnum) type: GoldenEventTypeEnum;
  @Field(() => Int, { description: 'The golden record version this change produced.' }) version: number;
  @Field(() => GraphQLDateTime) at: string;
  @Field({ description: 'Who caused it: key:NAME for an API key, cli for the command line.' }) actor: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => [AttributeChangeModel]) changes: AttributeChangeModel[];
  @Field(() => GoldenStatusEnum) status: GoldenStatusEnum;
  @Field(() => ID, { nullable: true }) mergedInto: string | null;
  @Field(() => [ID], { description: 'The source records whose change caused this event.' }) sourceRecordIds: string[];
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What else it records: the pinned attribute; survivorId and mergedIds of a merge; sourceRecordId, from and to of an unmerge.',
  })
  details: Record<string, unknown> | null;
}

@ObjectType('Pin', { description: 'A value a steward fixed on a golden record: it wins over every source until unpinned.' })
export class PinModel {
  @Field() attribute: string;
  @Field(() => GraphQLJSON, { nullable: true, middleware: [maskPiiByParentAttribute], description: MASKED_NULL }) value: AttributeValue;
  @Field({ description: 'Who pinned it: key:NAME.' }) actor: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => GraphQLDateTime) at: string;
}
export const GoldenEventConnectionTypes = connectionTypes(GoldenEventModel, 'GoldenEvent');

@InterfaceType('GoldenRecord', {
  description: 'The hub\'s single best version of one real customer or product.',
  resolveType: (value: { entityType: string }) => (value.entityType === 'customer' ? 'Customer' : 'Product'),
})
export abstract class GoldenRecordModel {
  @Field(() => ID, { description: 'Stable UUID.' }) id: string;
  @Field(() => EntityTypeEnum) entityType: EntityTypeEnum;
  @Field(() => Int, { description: 'Goes up by one with every change.' }) version: number;
  @Field(() => GoldenStatusEnum) status: GoldenStatusEnum;
  @Field(() => ID, { nullable: true, description: 'For a merged record: the golden record it was merged into.' })
  mergedInto: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Set when the id asked for was retired by a merge and this, its survivor, was returned instead.',
  })
  redirectedFrom: string | null;
  @Field(() => GraphQLJSON, { description: 'All attributes as one object.', middleware: [maskPiiAttributes] }) attributes: Record<string, AttributeValue>;
  @Field(() => GraphQLDateTime) createdAt: string;
  @Field(() => GraphQLDateTime) updatedAt: string;
}

@ObjectType('Customer', { implements: () => [GoldenRecordModel] })
export class CustomerModel extends GoldenRecordModel {
  @Field(() => String, { nullable: true }) givenName?: string;
  @Field(() => String, { nullable: true }) familyName?: string;
  @Field(() => String, { nullable: true, middleware: PII }) email?: string;
  @Field(() => String, { nullable: true, middleware: PII, description: 'E.164 when the number is valid for its country, then an extension RFC 3966 style (+493023456700;ext=280).' }) phone?: string;
  @Field(() => String, { nullable: true, middleware: PII, description: 'YYYY-MM-DD (the year alone when masked)' }) birthDate?: string;
  @Field(() => String, {
    nullable: true,
    middleware: PII,
    description: 'National id, social security or tax number: letters and digits only (the last four when masked).',
  })
  nationalId?: string;
  @Field(() => String, { nullable: true, middleware: PII }) addressLine1?: string;
  @Field(() => String, { nullable: true, middleware: PII }) addressLine2?: string;
  @Field(() => String, { nullable: true }) city?: string;
  @Field(() => String, { nullable: true, middleware: PII }) postalCode?: string;
  @Field(() => String, { nullable: true, middleware: PII }) region?: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' }) country?: string;
}
export const CustomerConnectionTypes = connectionTypes(CustomerModel, 'Customer');

@ObjectType('Product', { implements: () => [GoldenRecordModel] })
export class ProductModel extends GoldenRecordModel {
  @Field(() => String, { nullable: true, description: 'GTIN-14' }) gtin?: string;
  @Field(() => String, { nullable: true }) sku?: string;
  @Field(() => String, { nullable: true }) brand?: string;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => Number, { nullable: true }) price?: number;
  @Field(() => String, { nullable: true, description: 'ISO 4217' }) currency?: string;
  @Field(() => String, { nullable: true }) color?: string;
  @Field(() => String, { nullable: true }) size?: string;
}
export const ProductConnectionTypes = connectionTypes(ProductModel, 'Product');
