import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { principalOf, type GraphQLContext } from '../auth/graphql-context';
import { AuthException, AuthExceptionCode } from '../auth/auth.exception';
import { Roles } from '../auth/roles.decorator';
import { seesPii } from '../auth/role';
import { pageArgs, toConnection, withTotalCount, type Connection } from '../common/pagination';
import { normalizeGtin } from '../matching/engine/normalize/gtin';
import { expandProvenance, type StoredProvenance } from '../survivorship/stored-provenance';
import { checkFilter } from './filter-columns';
import { goldenRecordLoaders } from './golden-record-loaders';
import { GoldenRecordQueryService, type GoldenEventView, type GoldenRecordLoaders, type GoldenView } from './golden-record-query.service';
import { CustomerFilterInput, GoldenPageArgs, PageArgs, ProductFilterInput } from './golden-record.inputs';
import {
  AttributeProvenanceModel,
  CustomerConnectionTypes,
  CustomerModel,
  EntityTypeEnum,
  GoldenEventConnectionTypes,
  GoldenRecordModel,
  ProductConnectionTypes,
  PinModel,
  ProductModel,
  SourceRecordModel,
} from './golden-record.models';
import type { Pin } from './golden-record.types';
import { GraphQLDateTime } from '../common/graphql/date-time.scalar';

const AS_OF =
  'With asOf: the record as it was at that time (null if it did not exist yet), not redirected, rebuilt from its history: its attributes, version, status, mergedInto and updatedAt are those of then; its provenance and pins are kept for the current version only (a past version has none), and sourceRecords and history are those of today.';

/** Reads of golden records. Field resolvers batch through per-request DataLoaders, so a page costs a fixed number of queries. */
@Resolver(() => GoldenRecordModel)
export class GoldenRecordResolver {
  constructor(private readonly goldenRecords: GoldenRecordQueryService) {}

  @Query(() => CustomerModel, { nullable: true, description: `A golden customer by id; a merged id returns its survivor. ${AS_OF}` })
  @Roles('admin', 'steward', 'reader')
  customer(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => GraphQLDateTime, nullable: true }) asOf?: string | null,
  ): Promise<GoldenView | null> {
    return asOf ? this.goldenRecords.getAsOf(id, 'customer', new Date(asOf).toISOString()) : this.goldenRecords.get(id, 'customer');
  }

  @Query(() => ProductModel, { nullable: true, description: `A golden product by id; a merged id returns its survivor. ${AS_OF}` })
  @Roles('admin', 'steward', 'reader')
  product(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => GraphQLDateTime, nullable: true }) asOf?: string | null,
  ): Promise<GoldenView | null> {
    return asOf ? this.goldenRecords.getAsOf(id, 'product', new Date(asOf).toISOString()) : this.goldenRecords.get(id, 'product');
  }

  @Query(() => CustomerConnectionTypes.connection)
  @Roles('admin', 'steward', 'reader')
  customers(
    @Args() args: GoldenPageArgs,
    @Context() context: GraphQLContext,
    @Args('filter', { nullable: true }) filter?: CustomerFilterInput,
  ): Promise<Connection<GoldenView>> {
    // A filter on a masked value would tell a key without PII access whether a guessed email exists.
    if (filter?.email && !seesPii(principalOf(context))) {
      throw new AuthException(AuthExceptionCode.PII_REQUIRED, 'filtering by email needs a key with PII access', 'email');
    }
    const { limit, after } = pageArgs(args.first, args.after);
    if (filter?.country) checkFilter('country', filter.country);
    return this.goldenRecords.page('customer', { ...filter }, args.status, limit, after);
  }

  @Query(() => ProductConnectionTypes.connection)
  @Roles('admin', 'steward', 'reader')
  products(@Args() args: GoldenPageArgs, @Args('filter', { nullable: true }) filter?: ProductFilterInput): Promise<Connection<GoldenView>> {
    const { limit, after } = pageArgs(args.first, args.after);
    const gtin = filter?.gtin ? normalizeGtin(filter.gtin) : null;
    // A GTIN that cannot be valid matches nothing, rather than being compared as typed.
    const gtinKey = gtin ? ('gtin14' in gtin ? gtin.gtin14 : '-') : filter?.gtin;
    return this.goldenRecords.page('product', { ...filter, gtin: gtinKey }, args.status, limit, after);
  }

  @Query(() => GoldenRecordModel, {
    nullable: true,
    description: 'The golden record a source record is linked to. A source key may look up its own source only.',
  })
  @Roles('admin', 'steward', 'reader', 'source')
  goldenRecordBySource(
    @Args('entityType', { type: () => EntityTypeEnum }) entityType: EntityTypeEnum,
    @Args('source') source: string,
    @Args('sourceId') sourceId: string,
    @Context() context: GraphQLContext,
  ): Promise<GoldenView | null> {
    const principal = principalOf(context);
    if (principal.role === 'source' && principal.source !== source) {
      throw new AuthException(AuthExceptionCode.WRONG_SOURCE, `this key may only look up records of source "${principal.source}"`);
    }
    return this.goldenRecords.bySource(entityType, source, sourceId);
  }

  @ResolveField(() => [SourceRecordModel], { description: 'The crosswalk: every source record linked to this golden record, deleted ones included.' })
  sourceRecords(@Parent() golden: GoldenView, @Context() context: GraphQLContext) {
    return this.loaders(context).sourceRecords.load(golden.id);
  }

  @ResolveField(() => [AttributeProvenanceModel], { description: 'For each attribute: the winning source record and the rule.' })
  async provenance(@Parent() golden: GoldenView, @Context() context: GraphQLContext): Promise<AttributeProvenanceModel[]> {
    const sourceRecords = await this.loaders(context).sourceRecords.load(golden.id);
    const contributors = sourceRecords.map((r) => ({
      sourceRecordId: r.id,
      source: r.source,
      sourceId: r.sourceId,
      updatedAt: r.updatedAt,
      attributes: r.normalized,
    }));
    return expandProvenance(JSON.parse(golden.provenanceJson) as StoredProvenance, contributors, golden.attributes).map((p) => ({
      ...p,
      group: p.group ?? null,
      candidates: [...p.candidates],
    }));
  }

  @ResolveField(() => [PinModel], { description: 'Values a steward pinned: they win over every source.' })
  pins(@Parent() golden: GoldenView): PinModel[] {
    if (!golden.pinsJson) return [];
    const pins = JSON.parse(golden.pinsJson) as Record<string, Pin>;
    return Object.entries(pins)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([attribute, pin]) => ({ attribute, ...pin }));
  }

  @ResolveField(() => GoldenEventConnectionTypes.connection, { description: 'Every change of this record, oldest first.' })
  async history(@Parent() golden: GoldenView, @Args() args: PageArgs, @Context() context: GraphQLContext): Promise<Connection<GoldenEventView>> {
    const { limit, after } = pageArgs(args.first, args.after);
    const events = await this.loaders(context).history.load(golden.id);
    const rest = after === null ? events : events.filter((e) => e.version > Number(after));
    const page = toConnection(rest.slice(0, limit + 1), limit, (e) => String(e.version), after !== null);
    return withTotalCount(page, async () => events.length);
  }

  private loaders(context: GraphQLContext): GoldenRecordLoaders {
    return goldenRecordLoaders(context, this.goldenRecords);
  }
}
