import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../auth/graphql-context';
import { Roles } from '../../auth/roles.decorator';
import { pageArgs, type Connection } from '../../common/pagination';
import { goldenRecordLoaders } from '../../golden-records/golden-record-loaders';
import { GoldenRecordQueryService } from '../../golden-records/golden-record-query.service';
import { EntityTypeEnum, GoldenRecordModel } from '../../golden-records/golden-record.models';
import { ReviewTaskQueryService, type ReviewTaskView } from '../review-task-query.service';
import { SourceSystemService, trustLookup } from '../../source-systems/source-system.service';
import { sideBySide, type SideBySideRow } from '../side-by-side';
import { AttributeComparisonModel, ConflictingValueModel, ReviewCandidateModel, ReviewTaskConnectionTypes, ReviewTaskKindEnum, ReviewTaskModel, ReviewTaskStatusEnum } from './review-task.models';

@Resolver(() => ReviewTaskModel)
export class ReviewTaskResolver {
  constructor(
    private readonly tasks: ReviewTaskQueryService,
    private readonly goldenRecords: GoldenRecordQueryService,
    private readonly sourceSystems: SourceSystemService,
  ) {}

  @Query(() => ReviewTaskConnectionTypes.connection, { description: 'The review queue, oldest first.' })
  @Roles('admin', 'steward')
  reviewTasks(
    @Args('status', { type: () => ReviewTaskStatusEnum, defaultValue: ReviewTaskStatusEnum.OPEN }) status: ReviewTaskStatusEnum,
    @Args('entityType', { type: () => EntityTypeEnum, nullable: true }) entityType: EntityTypeEnum | null,
    @Args('kind', { type: () => ReviewTaskKindEnum, nullable: true }) kind: ReviewTaskKindEnum | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<ReviewTaskView>> {
    const page = pageArgs(first, after);
    return this.tasks.page({ status, entityType, kind }, page.limit, page.after);
  }

  @ResolveField(() => ID, { nullable: true })
  sourceRecordId(@Parent() task: ReviewTaskView): string | null {
    return 'sourceRecordId' in task.subjects ? task.subjects.sourceRecordId : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'For an attribute conflict: the attribute the sources disagree on.' })
  attribute(@Parent() task: ReviewTaskView): string | null {
    return 'attribute' in task.subjects ? task.subjects.attribute : null;
  }

  @ResolveField(() => [ConflictingValueModel], { description: 'For an attribute conflict: each value, with the source records holding it.' })
  conflictingValues(@Parent() task: ReviewTaskView): ConflictingValueModel[] {
    const subjects = task.subjects;
    if (!('values' in subjects)) return [];
    // Each value carries its attribute so that the value field can mask personal data.
    return subjects.values.map((v) => ({ value: v.value, sourceRecordIds: [...v.sourceRecordIds], attribute: subjects.attribute }));
  }

  @ResolveField(() => GoldenRecordModel, { nullable: true })
  golden(@Parent() task: ReviewTaskView, @Context() context: GraphQLContext) {
    return goldenRecordLoaders(context, this.goldenRecords).golden.load(task.goldenId);
  }

  @ResolveField(() => [AttributeComparisonModel], {
    description: 'Side by side, per attribute: every value of the records involved (the task\'s golden record first, then the candidates), with source, trust and date.',
  })
  async comparison(@Parent() task: ReviewTaskView, @Context() context: GraphQLContext): Promise<SideBySideRow[]> {
    const candidates = 'candidates' in task.subjects ? task.subjects.candidates.map((c) => c.goldenId) : [];
    const goldenIds = [...new Set([task.goldenId, ...candidates])];
    const loaders = goldenRecordLoaders(context, this.goldenRecords);
    const records = (await Promise.all(goldenIds.map((id) => loaders.sourceRecords.load(id)))).flat();
    return sideBySide(goldenIds, records, trustLookup(await this.sourceSystems.list()));
  }

  @ResolveField(() => [ReviewCandidateModel], { description: 'For a potential match: the golden records it may belong to, best first.' })
  candidates(@Parent() task: ReviewTaskView) {
    return 'candidates' in task.subjects ? task.subjects.candidates : [];
  }
}

/**
 * A candidate's golden record, loaded only when a query selects it: a load started for a query that does
 * not would run after the answer, maybe after the database has closed.
 */
@Resolver(() => ReviewCandidateModel)
export class ReviewCandidateResolver {
  constructor(private readonly goldenRecords: GoldenRecordQueryService) {}

  @ResolveField(() => GoldenRecordModel, { nullable: true })
  golden(@Parent() candidate: { goldenId: string }, @Context() context: GraphQLContext) {
    return goldenRecordLoaders(context, this.goldenRecords).golden.load(candidate.goldenId);
  }
}
