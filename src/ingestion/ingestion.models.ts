import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UserError } from '../common/graphql/user-error.model';

export enum IngestOutcomeEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(IngestOutcomeEnum, {
  name: 'IngestOutcome',
  description: 'CREATED: a new source record; UPDATED: a changed one; UNCHANGED: nothing to do; REJECTED: see errors.',
});

@ObjectType('FieldError', { description: 'A problem with one field of one record.' })
export class FieldErrorModel {
  @Field(() => String, { nullable: true, description: 'The field at fault; null when the record as a whole is.' })
  field: string | null;
  @Field({ description: 'e.g. UNKNOWN_FIELD, REQUIRED, WRONG_TYPE, INVALID_FORMAT, TOO_LONG, INVALID_GTIN' }) code: string;
  @Field() message: string;
}

@ObjectType('RecordResult')
export class RecordResultModel {
  @Field(() => Int, { description: 'Position of the record in `records`.' }) index: number;
  @Field(() => String, { nullable: true }) sourceId: string | null;
  @Field(() => IngestOutcomeEnum) outcome: IngestOutcomeEnum;
  @Field(() => ID, { nullable: true, description: 'The golden record the source record is linked to.' }) goldenId: string | null;
  @Field(() => [FieldErrorModel]) errors: FieldErrorModel[];
  @Field(() => [FieldErrorModel], { description: 'Accepted, but worth knowing (e.g. STALE_UPDATE).' }) warnings: FieldErrorModel[];
}

@ObjectType('IngestSummary')
export class IngestSummaryModel {
  @Field(() => Int) received: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) goldenCreated: number;
  @Field(() => Int) goldenUpdated: number;
}

@ObjectType()
export class IngestPayload {
  @Field(() => [RecordResultModel], { description: 'One result per record, in request order.' }) results: RecordResultModel[];
  @Field(() => IngestSummaryModel, { nullable: true }) summary: IngestSummaryModel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
