import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../auth/graphql-context';
import { Roles } from '../../auth/roles.decorator';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { pageArgs } from '../../common/pagination';
import { goldenRecordLoaders } from '../../golden-records/golden-record-loaders';
import { GoldenRecordQueryService } from '../../golden-records/golden-record-query.service';
import { EntityTypeEnum } from '../../golden-records/golden-record.models';
import { MatchQueryService } from '../match-query.service';
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

  @Query(() => FindMatchesPayload, { description: 'Scores a record against the hub without saving it (search before create).' })
  @Roles('admin', 'steward', 'reader', 'source')
  async findMatches(
    @Args('entityType', { type: () => EntityTypeEnum }) entityType: EntityTypeEnum,
    @Args('record', { type: () => GraphQLJSON, description: 'A record in the shape of the data contract; sourceId is optional.' }) record: unknown,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
    @Context() context: GraphQLContext,
  ): Promise<FindMatchesPayload> {
    const { limit } = pageArgs(first, null);
    const result = await this.matches.findMatches(entityType as 'customer' | 'product', record, limit);
    if (!result.ok) return { matches: [], errors: [...result.errors] };
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
    return { matches: matches.filter((m) => m.golden !== null) as MatchCandidateModel[], errors: [] };
  }

  @Query(() => [SearchResultModel], { description: 'Fuzzy search over golden customers: names, email, phone, city, postcode.' })
  @Roles('admin', 'steward', 'reader')
  searchCustomers(@Args('query') query: string, @Args('first', { type: () => Int, defaultValue: 10 }) first: number): Promise<SearchResultModel[]> {
    return this.search.search('customer', query, pageArgs(first, null).limit);
  }

  @Query(() => [SearchResultModel], { description: 'Fuzzy search over golden products: title, brand, model code, GTIN.' })
  @Roles('admin', 'steward', 'reader')
  searchProducts(@Args('query') query: string, @Args('first', { type: () => Int, defaultValue: 10 }) first: number): Promise<SearchResultModel[]> {
    return this.search.search('product', query, pageArgs(first, null).limit);
  }
}
