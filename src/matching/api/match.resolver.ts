import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { principalOf, type GraphQLContext } from '../../auth/graphql-context';
import { isPiiAttribute } from '../../auth/pii/pii-mask';
import { seesPii } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { pageArgs } from '../../common/pagination';
import { goldenRecordLoaders } from '../../golden-records/golden-record-loaders';
import { GoldenRecordQueryService } from '../../golden-records/golden-record-query.service';
import { EntityTypeEnum } from '../../golden-records/golden-record.models';
import { MatchQueryService } from '../match-query.service';
import { MatchException } from './match.exception';
import { SearchService } from '../search.service';
import { FindMatchesPayload, MatchExplanationModel, SearchResultModel, type MatchCandidateModel } from './match.models';

@Resolver()
export class MatchResolver {
  constructor(
    private readonly matches: MatchQueryService,
    private readonly search: SearchService,
    private readonly goldenRecords: GoldenRecordQueryService,
  ) {}

  @Query(() => MatchExplanationModel, {
    nullable: true,
    description: 'Why a source record is in a golden record: the waterfall stored when it was linked, or its best comparison now.',
  })
  @Roles('admin', 'steward', 'reader')
  matchExplanation(
    @Args('goldenId', { type: () => ID }) goldenId: string,
    @Args('sourceRecordId', { type: () => ID }) sourceRecordId: string,
  ): Promise<MatchExplanationModel | null> {
    return this.matches.explainLink(goldenId, sourceRecordId) as Promise<MatchExplanationModel | null>;
  }

  @Query(() => MatchExplanationModel, {
    nullable: true,
    description:
      'Two stored source records scored against each other with the rules in force now: why a pair is in one golden record, or apart, when each was linked through another record. Null when either does not exist.',
  })
  @Roles('admin', 'steward', 'reader')
  async compareSourceRecords(@Args('a', { type: () => ID }) a: string, @Args('b', { type: () => ID }) b: string): Promise<MatchExplanationModel | null> {
    const comparison = await this.matches.compareRecords(a, b);
    if (!comparison) return null;
    if ('error' in comparison) throw new MatchException('ENTITY_TYPES_DIFFER', comparison.error);
    return { ...comparison.explanation, stored: false } as MatchExplanationModel;
  }

  @Query(() => FindMatchesPayload, { description: 'Scores a record against the hub without saving it (search before create).' })
  @Roles('admin', 'steward', 'reader', 'source')
  async findMatches(
    @Args('entityType', { type: () => EntityTypeEnum }) entityType: EntityTypeEnum,
    @Args('record', { type: () => GraphQLJSON, description: 'A record in the shape of the data contract; sourceId is optional.' }) record: unknown,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
    @Context() context: GraphQLContext,
  ): Promise<FindMatchesPayload> {
    const { limit } = pageArgs(first, null);
    const personal = entityType === EntityTypeEnum.PRODUCT || seesPii(principalOf(context));
    const { scored, ignoredFields } = personal ? { scored: record, ignoredFields: [] } : withoutPersonalData(record);
    const result = await this.matches.findMatches(entityType as 'customer' | 'product', scored, limit);
    if (!result.ok) return { matches: [], errors: [...result.errors], ignoredFields };
    const loaders = goldenRecordLoaders(context, this.goldenRecords);
    const matches = await Promise.all(
      result.matches.map(async (m) => ({
        golden: await loaders.golden.load(m.goldenId),
        sourceRecordId: m.sourceRecordId,
        score: m.pair.score,
        decision: m.pair.decision,
        explanation: { ...m.pair.explanation, stored: false },
      })),
    );
    return { matches: matches.filter((m) => m.golden !== null) as MatchCandidateModel[], errors: [], ignoredFields };
  }

  @Query(() => [SearchResultModel], { description: 'Fuzzy search over golden customers: names and city; also email, phone, postcode and street for keys that see PII.' })
  @Roles('admin', 'steward', 'reader')
  searchCustomers(
    @Args('query') query: string,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
    @Context() context: GraphQLContext,
  ): Promise<SearchResultModel[]> {
    return this.search.search('customer', query, pageArgs(first, null).limit, seesPii(principalOf(context)));
  }

  @Query(() => [SearchResultModel], { description: 'Fuzzy search over golden products: title, brand, model code, GTIN.' })
  @Roles('admin', 'steward', 'reader')
  searchProducts(@Args('query') query: string, @Args('first', { type: () => Int, defaultValue: 10 }) first: number): Promise<SearchResultModel[]> {
    return this.search.search('product', query, pageArgs(first, null).limit);
  }
}

/**
 * A key without PII access may not match on personal data: the scores and comparison levels would tell
 * it, guess by guess, the values it is shown masked. Those fields are left out and named in the answer.
 */
function withoutPersonalData(record: unknown): { scored: unknown; ignoredFields: string[] } {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return { scored: record, ignoredFields: [] };
  // No prototype, so that a "__proto__" field stays a field (and is reported as unknown).
  const scored: Record<string, unknown> = Object.create(null);
  const ignoredFields: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (isPiiAttribute(field)) ignoredFields.push(field);
    else scored[field] = value;
  }
  return { scored, ignoredFields };
}
