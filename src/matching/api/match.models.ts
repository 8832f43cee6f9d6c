import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FieldErrorModel } from '../../ingestion/ingestion.models';
import { GoldenRecordModel } from '../../golden-records/golden-record.models';

export enum MatchDecisionEnum {
  MATCH = 'match',
  POSSIBLE = 'possible',
  NONE = 'none',
}
registerEnumType(MatchDecisionEnum, { name: 'MatchDecision', description: 'MATCH: same entity; POSSIBLE: a steward should look; NONE: different.' });

@ObjectType('ComparisonOutcome', { description: 'One comparison of a pair: the level it reached and the weight it added.' })
export class ComparisonOutcomeModel {
  @Field({ description: 'The comparison, as named in the rules file.' }) comparison: string;
  @Field({ description: 'The level reached; "null" when either record has no value.' }) level: string;
  @Field(() => Float, { description: 'log2(m/u) of the level (term-frequency adjusted).' }) weight: number;
  @Field(() => String, { nullable: true }) detail?: string;
  @Field(() => String, { nullable: true, description: 'Set when this level vetoes an automatic link: "none" means different entities whatever else agrees; "review" caps the pair at a possible match, for a steward.' })
  veto?: string;
}

@ObjectType('MatchExplanation', { description: 'The waterfall of a match score: prior weight + each comparison = total weight → probability.' })
export class MatchExplanationModel {
  @Field() engine: string;
  @Field(() => Float) priorWeight: number;
  @Field(() => [ComparisonOutcomeModel]) comparisons: ComparisonOutcomeModel[];
  @Field(() => Float) totalWeight: number;
  @Field(() => Float, { description: 'Match probability, 1 / (1 + 2^-totalWeight).' }) score: number;
  @Field(() => MatchDecisionEnum) decision: MatchDecisionEnum;
  @Field(() => String, { nullable: true, description: 'Set when a decisive disagreement capped the decision: "none" (different entities) or "review" (a steward decides; the score stays what the comparisons added up to).' }) vetoed?: string;
  @Field({ description: 'True when stored at link time; false when computed now.' }) stored: boolean;
}

@ObjectType('MatchCandidate', { description: 'A golden record a record would match, with the score of its best source record.' })
export class MatchCandidateModel {
  @Field(() => GoldenRecordModel) golden: unknown;
  @Field(() => ID) sourceRecordId: string;
  @Field(() => Float) score: number;
  @Field(() => MatchDecisionEnum) decision: MatchDecisionEnum;
  @Field(() => MatchExplanationModel) explanation: MatchExplanationModel;
}

@ObjectType()
export class FindMatchesPayload {
  @Field(() => [MatchCandidateModel]) matches: MatchCandidateModel[];
  @Field(() => [FieldErrorModel], { description: 'Why the record could not be scored (it fails its data contract).' }) errors: FieldErrorModel[];
  @Field(() => [String], { description: 'Personal-data fields of the record left out of scoring: this key does not see PII.' }) ignoredFields: string[];
}

@ObjectType('SearchResult')
export class SearchResultModel {
  @Field(() => GoldenRecordModel) golden: unknown;
  @Field(() => Float, { description: 'Similarity to the query, 0 to 1.' }) score: number;
}
