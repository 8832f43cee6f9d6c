import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionTypes } from '../../common/graphql/connection';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import type { AttributeValue } from '../../matching/engine/types';
import { maskPiiByParentAttribute, maskPiiListByParentAttribute } from '../../auth/pii/pii.middleware';
import { GraphQLDateTime } from '../../common/graphql/date-time.scalar';
import { EntityTypeEnum, GoldenRecordModel } from '../../golden-records/golden-record.models';
import { MatchExplanationModel } from '../../matching/api/match.models';

export enum ReviewTaskKindEnum {
  POTENTIAL_MATCH = 'potential_match',
  ATTRIBUTE_CONFLICT = 'attribute_conflict',
}
registerEnumType(ReviewTaskKindEnum, { name: 'ReviewTaskKind' });

export enum ReviewTaskStatusEnum {
  OPEN = 'open',
  RESOLVED = 'resolved',
  DISMISSED = 'dismissed',
}
registerEnumType(ReviewTaskStatusEnum, { name: 'ReviewTaskStatus' });

@ObjectType('ReviewCandidate', { description: 'A golden record the inbound record possibly matches.' })
export class ReviewCandidateModel {
  @Field(() => GoldenRecordModel, { nullable: true }) golden: unknown;
  @Field(() => ID) goldenId: string;
  @Field(() => ID, { description: 'Its source record that scored best.' }) sourceRecordId: string;
  @Field(() => Float) score: number;
}

@ObjectType('ConflictingValue', { description: 'One of the values equally trusted sources disagree on.' })
export class ConflictingValueModel {
  @Field(() => GraphQLJSON, { nullable: true, middleware: [maskPiiByParentAttribute], description: 'null when masked (a street address for a key without PII access).' }) value: AttributeValue;
  @Field(() => [ID]) sourceRecordIds: string[];
}

@ObjectType('ComparedValue', { description: 'One source record\'s value of an attribute, for a side-by-side comparison.' })
export class ComparedValueModel {
  @Field(() => GraphQLJSON, { nullable: true }) value: AttributeValue | null;
  @Field(() => ID) goldenId: string;
  @Field(() => ID) sourceRecordId: string;
  @Field() source: string;
  @Field() sourceId: string;
  @Field(() => Int, { description: 'How far survivorship trusts this source for this attribute.' }) trust: number;
  @Field(() => GraphQLDateTime, { nullable: true }) updatedAt: string | null;
}

@ObjectType('AttributeComparison', { description: 'Every value of one attribute across the records a task is about.' })
export class AttributeComparisonModel {
  @Field() attribute: string;
  @Field({ description: 'The records hold more than one distinct value.' }) differs: boolean;
  @Field(() => [ComparedValueModel], { middleware: [maskPiiListByParentAttribute] }) values: ComparedValueModel[];
}

@ObjectType('ReviewTask', { description: 'Work for a data steward.' })
export class ReviewTaskModel {
  @Field(() => ID) id: string;
  @Field(() => ReviewTaskKindEnum) kind: ReviewTaskKindEnum;
  @Field(() => ReviewTaskStatusEnum) status: ReviewTaskStatusEnum;
  @Field(() => EntityTypeEnum) entityType: EntityTypeEnum;
  @Field(() => ID, { description: 'The golden record the task is about (a potential match: the one the inbound record started).' })
  goldenId: string;
  @Field(() => ID, { nullable: true, description: 'The inbound source record of a potential match.' }) sourceRecordId: string | null;
  @Field(() => Float, { nullable: true }) score: number | null;
  @Field(() => MatchExplanationModel, { nullable: true, description: 'Why the best candidate scored as it did.' })
  explanation: MatchExplanationModel | null;
  @Field(() => String, { nullable: true }) assignee: string | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLDateTime) createdAt: string;
  @Field(() => GraphQLDateTime) updatedAt: string;
}
export const ReviewTaskConnectionTypes = connectionTypes(ReviewTaskModel, 'ReviewTask');
