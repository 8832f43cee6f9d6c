import { Args, Context, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { principalOf, type GraphQLContext } from '../../auth/graphql-context';
import { actorOf } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { withUserErrors } from '../../common/graphql/user-error.model';
import { GoldenRecordQueryService } from '../../golden-records/golden-record-query.service';
import { ReviewTaskActionsService } from '../review-task-actions.service';
import { ReviewTaskQueryService } from '../review-task-query.service';
import { StewardException, StewardExceptionCode } from '../steward.exception';
import { StewardService } from '../steward.service';
import { RecomputeService } from '../recompute.service';
import { EntityTypeEnum } from '../../golden-records/golden-record.models';
import {
  GoldenPairInput,
  GoldenPairPayload,
  GoldenRecordPayload,
  MergeGoldenRecordsInput,
  PinAttributeInput,
  RecomputePayload,
  ResolveConflictInput,
  ReviewTaskDecisionInput,
  ReviewTaskPayload,
  UnmergePayload,
  UnmergeSourceRecordInput,
  UnpinAttributeInput,
  type GoldenVersionInput,
} from './steward.models';

/** The most items one bulk mutation takes; each is carried out on its own. */
const MAX_BULK = 100;

/** Stewards' decisions over GraphQL: each returns userErrors (STALE_VERSION, …) instead of failing the request. */
@Resolver()
export class StewardResolver {
  constructor(
    private readonly steward: StewardService,
    private readonly taskActions: ReviewTaskActionsService,
    private readonly goldenRecords: GoldenRecordQueryService,
    private readonly tasks: ReviewTaskQueryService,
    private readonly recompute: RecomputeService,
  ) {}

  @Mutation(() => GoldenRecordPayload, { description: 'Fixes the value of one attribute on a golden record; it wins over every source until unpinned.' })
  @Roles('admin', 'steward')
  pinAttribute(@Args('input') input: PinAttributeInput, @Context() context: GraphQLContext): Promise<GoldenRecordPayload> {
    return this.golden(() => this.steward.pinAttribute({ ...input, actor: actorOf(principalOf(context)) }));
  }

  @Mutation(() => GoldenRecordPayload, { description: 'Lets the sources decide an attribute again.' })
  @Roles('admin', 'steward')
  unpinAttribute(@Args('input') input: UnpinAttributeInput, @Context() context: GraphQLContext): Promise<GoldenRecordPayload> {
    return this.golden(() => this.steward.unpinAttribute({ ...input, actor: actorOf(principalOf(context)) }));
  }

  @Mutation(() => GoldenRecordPayload, { description: 'Merges golden records into a survivor, which keeps its id; returns the survivor.' })
  @Roles('admin', 'steward')
  mergeGoldenRecords(@Args('input') input: MergeGoldenRecordsInput, @Context() context: GraphQLContext): Promise<GoldenRecordPayload> {
    return this.merge(input, actorOf(principalOf(context)));
  }

  @Mutation(() => [GoldenRecordPayload], { description: `Several merges, each on its own: one result per item, in order (at most ${MAX_BULK}).` })
  @Roles('admin', 'steward')
  async mergeGoldenRecordsBulk(
    @Args('inputs', { type: () => [MergeGoldenRecordsInput] }) inputs: MergeGoldenRecordsInput[],
    @Context() context: GraphQLContext,
  ): Promise<GoldenRecordPayload[]> {
    checkBulk(inputs.length);
    const actor = actorOf(principalOf(context));
    const results: GoldenRecordPayload[] = [];
    for (const input of inputs) results.push(await this.merge(input, actor));
    return results;
  }

  @Mutation(() => GoldenRecordPayload, { description: 'A must-link: merges b into a and records that their source records belong together.' })
  @Roles('admin', 'steward')
  forceMatch(@Args('input') input: GoldenPairInput, @Context() context: GraphQLContext): Promise<GoldenRecordPayload> {
    return this.golden(() =>
      this.steward.forceMatch({ ...input, expectedVersions: versions(input.expectedVersions), actor: actorOf(principalOf(context)) }),
    );
  }

  @Mutation(() => GoldenPairPayload, { description: 'A persisted cannot-link: the two are never merged automatically again, even after re-ingest.' })
  @Roles('admin', 'steward')
  markNotAMatch(@Args('input') input: GoldenPairInput, @Context() context: GraphQLContext): Promise<GoldenPairPayload> {
    return this.notAMatch(input, actorOf(principalOf(context)));
  }

  @Mutation(() => [GoldenPairPayload], { description: `Several not-a-match decisions, each on its own (at most ${MAX_BULK}).` })
  @Roles('admin', 'steward')
  async markNotAMatchBulk(@Args('inputs', { type: () => [GoldenPairInput] }) inputs: GoldenPairInput[], @Context() context: GraphQLContext): Promise<GoldenPairPayload[]> {
    checkBulk(inputs.length);
    const actor = actorOf(principalOf(context));
    const results: GoldenPairPayload[] = [];
    for (const input of inputs) results.push(await this.notAMatch(input, actor));
    return results;
  }

  @Mutation(() => UnmergePayload, { description: 'Takes a source record out of a golden record: back to its original golden record (id restored) or into a new one.' })
  @Roles('admin', 'steward')
  unmergeSourceRecord(@Args('input') input: UnmergeSourceRecordInput, @Context() context: GraphQLContext): Promise<UnmergePayload> {
    return withUserErrors<UnmergePayload>(
      async () => {
        const { from, to } = await this.steward.unmergeSourceRecord({ ...input, actor: actorOf(principalOf(context)) });
        return { golden: await this.goldenRecords.get(from), unmerged: await this.goldenRecords.get(to) };
      },
      { golden: null, unmerged: null },
    );
  }

  @Mutation(() => ReviewTaskPayload, { description: 'Answers an attribute conflict: the chosen value is pinned on the golden record.' })
  @Roles('admin', 'steward')
  resolveConflict(@Args('input') input: ResolveConflictInput, @Context() context: GraphQLContext): Promise<ReviewTaskPayload> {
    return this.task(() => this.taskActions.resolveConflict(input.taskId, input.choice, actorOf(principalOf(context)), input.reason ?? null, input.expectedVersion));
  }

  @Mutation(() => ReviewTaskPayload, { description: 'Closes a review task without changing any record.' })
  @Roles('admin', 'steward')
  dismissReviewTask(@Args('input') input: ReviewTaskDecisionInput, @Context() context: GraphQLContext): Promise<ReviewTaskPayload> {
    return this.task(() => this.taskActions.dismiss(input.taskId, actorOf(principalOf(context)), input.reason ?? null, input.expectedVersion));
  }

  @Mutation(() => [ReviewTaskPayload], { description: `Dismisses several review tasks, each on its own (at most ${MAX_BULK}).` })
  @Roles('admin', 'steward')
  async dismissReviewTasks(
    @Args('inputs', { type: () => [ReviewTaskDecisionInput] }) inputs: ReviewTaskDecisionInput[],
    @Context() context: GraphQLContext,
  ): Promise<ReviewTaskPayload[]> {
    checkBulk(inputs.length);
    const actor = actorOf(principalOf(context));
    const results: ReviewTaskPayload[] = [];
    for (const input of inputs) results.push(await this.task(() => this.taskActions.dismiss(input.taskId, actor, input.reason ?? null, input.expectedVersion)));
    return results;
  }

  @Mutation(() => ReviewTaskPayload, { description: 'Assigns an open review task to the calling key.' })
  @Roles('admin', 'steward')
  claimReviewTask(
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
    @Context() context: GraphQLContext,
  ): Promise<ReviewTaskPayload> {
    return this.task(() => this.taskActions.assign(taskId, actorOf(principalOf(context)), expectedVersion));
  }

  @Mutation(() => ReviewTaskPayload, { description: 'Assigns an open review task to a steward (null: unassigned).' })
  @Roles('admin', 'steward')
  assignReviewTask(
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('assignee', { type: () => String, nullable: true }) assignee: string | null,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
  ): Promise<ReviewTaskPayload> {
    return this.task(() => this.taskActions.assign(taskId, assignee, expectedVersion));
  }

  @Mutation(() => RecomputePayload, {
    description:
      'Re-keys stored source records and recomputes golden records under the rules and trust rankings in force (after a rules change); pins and decisions stay (admin).',
  })
  @Roles('admin')
  recomputeGoldenRecords(
    @Args('entityType', { type: () => EntityTypeEnum }) entityType: EntityTypeEnum,
    @Args('source', { nullable: true, type: () => String, description: 'Only golden records with a record from this source.' }) source: string | null,
    @Context() context: GraphQLContext,
  ): Promise<RecomputePayload> {
    return withUserErrors<RecomputePayload>(
      () => this.recompute.applyRules({ entityType, source: source ?? undefined, actor: actorOf(principalOf(context)) }),
      { examined: 0, changed: 0, rekeyed: 0 },
    );
  }

  private merge(input: MergeGoldenRecordsInput, actor: string): Promise<GoldenRecordPayload> {
    return this.golden(() =>
      this.steward.mergeGoldenRecords({
        ...input,
        fieldChoices: input.fieldChoices ?? [],
        expectedVersions: versions(input.expectedVersions),
        actor,
      }),
    );
  }

  private notAMatch(input: GoldenPairInput, actor: string): Promise<GoldenPairPayload> {
    return withUserErrors<GoldenPairPayload>(
      async () => {
        const ids = await this.steward.markNotAMatch({ ...input, expectedVersions: versions(input.expectedVersions), actor });
        return { goldens: await this.goldenRecords.getMany(ids) };
      },
      { goldens: [] },
    );
  }

  private golden(work: () => Promise<string>): Promise<GoldenRecordPayload> {
    return withUserErrors<GoldenRecordPayload>(async () => ({ golden: await this.goldenRecords.get(await work()) }), { golden: null });
  }

  private task(work: () => Promise<string>): Promise<ReviewTaskPayload> {
    return withUserErrors<ReviewTaskPayload>(async () => ({ task: await this.tasks.get(await work()) }), { task: null });
  }
}

function versions(list: GoldenVersionInput[] | null | undefined): Record<string, number> {
  return Object.fromEntries((list ?? []).map((v) => [v.id, v.version]));
}

function checkBulk(count: number): void {
  if (count > MAX_BULK) throw new StewardException(StewardExceptionCode.TOO_MANY_ITEMS, `send at most ${MAX_BULK} items, got ${count}`);
}
