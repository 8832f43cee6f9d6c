import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { UserError } from '../../common/graphql/user-error.model';
import { GoldenRecordModel } from '../../golden-records/golden-record.models';
import type { AttributeValue } from '../../matching/engine/types';
import { ReviewTaskModel } from './review-task.models';

const REASON = 'Why: kept in the history with the steward who did it.';

@InputType({ description: 'The version of a golden record the steward saw; the action fails with STALE_VERSION if it moved on.' })
export class GoldenVersionInput {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
}

@InputType()
export class PinAttributeInput {
  @Field(() => ID) goldenId: string;
  @Field() attribute: string;
  @Field(() => GraphQLJSON, { description: 'Validated and cleansed like a source value (a phone becomes E.164).' }) value: AttributeValue;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class UnpinAttributeInput {
  @Field(() => ID) goldenId: string;
  @Field() attribute: string;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'A value the steward chose for the survivor of a merge; it is pinned.' })
export class FieldChoiceInput {
  @Field() attribute: string;
  @Field(() => GraphQLJSON) value: AttributeValue;
}

@InputType()
export class MergeGoldenRecordsInput {
  @Field(() => ID, { description: 'Keeps its id; the others are retired with mergedInto pointing to it.' }) survivorId: string;
  @Field(() => [ID]) mergedIds: string[];
  @Field(() => [FieldChoiceInput], { nullable: true }) fieldChoices?: FieldChoiceInput[] | null;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => [GoldenVersionInput], { nullable: true }) expectedVersions?: GoldenVersionInput[] | null;
}

@InputType({ description: 'Two golden records a steward decides about.' })
export class GoldenPairInput {
  @Field(() => ID) a: string;
  @Field(() => ID) b: string;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => [GoldenVersionInput], { nullable: true }) expectedVersions?: GoldenVersionInput[] | null;
}

@InputType()
export class UnmergeSourceRecordInput {
  @Field(() => ID) goldenId: string;
  @Field(() => ID) sourceRecordId: string;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class ResolveConflictInput {
  @Field(() => ID) taskId: string;
  @Field(() => GraphQLJSON, { description: 'One of the conflicting values; it is pinned on the golden record.' }) choice: AttributeValue;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'The task version the steward saw.' }) expectedVersion?: number | null;
}

@InputType()
export class ReviewTaskDecisionInput {
  @Field(() => ID) taskId: string;
  @Field(() => String, { nullable: true, description: REASON }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'The task version the steward saw.' }) expectedVersion?: number | null;
}

@ObjectType()
export class GoldenRecordPayload {
  @Field(() => GoldenRecordModel, { nullable: true }) golden: unknown;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class GoldenPairPayload {
  @Field(() => [GoldenRecordModel]) goldens: unknown[];
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class UnmergePayload {
  @Field(() => GoldenRecordModel, { nullable: true, description: 'The golden record the source record left.' }) golden: unknown;
  @Field(() => GoldenRecordModel, { nullable: true, description: 'Where it went: its original golden record, restored, or a new one.' })
  unmerged: unknown;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class ReviewTaskPayload {
  @Field(() => ReviewTaskModel, { nullable: true }) task: unknown;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class RecomputePayload {
  @Field(() => Int, { description: 'Active golden records looked at.' }) examined: number;
  @Field(() => Int, { description: 'Golden records whose values changed (each with an updated event).' }) changed: number;
  @Field(() => Int, { description: 'Source records whose blocking keys changed under the rules in force (a whole entity type only).' })
  rekeyed: number;
  @Field(() => [UserError]) userErrors: UserError[];
}
