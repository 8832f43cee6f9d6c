import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../auth/graphql-context';
import { Roles } from '../../auth/roles.decorator';
import { pageArgs, type Connection } from '../../common/pagination';
import { goldenRecordLoaders } from '../../golden-records/golden-record-loaders';
import { GoldenRecordQueryService } from '../../golden-records/golden-record-query.service';
import { EntityTypeEnum, GoldenRecordModel } from '../../golden-records/golden-record.models';
import { ReviewTaskQueryService, type ReviewTaskView } from '../review-task-query.service';
import { ReviewCandidateModel, ReviewTaskConnectionTypes, ReviewTaskKindEnum, ReviewTaskModel, ReviewTaskStatusEnum } from './review-task.models';

@Resolver(() => ReviewTaskModel)
export class ReviewTaskResolver {
  constructor(
    private readonly tasks: ReviewTaskQueryService,
    private readonly goldenRecords: GoldenRecordQueryService,
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
    return task.subjects.sourceRecordId ?? null;
  }

  @ResolveField(() => GoldenRecordModel, { nullable: true })
  golden(@Parent() task: ReviewTaskView, @Context() context: GraphQLContext) {
    return goldenRecordLoaders(context, this.goldenRecords).golden.load(task.goldenId);
  }

  @ResolveField(() => [ReviewCandidateModel], { description: 'For a potential match: the golden records it may belong to, best first.' })
  candidates(@Parent() task: ReviewTaskView, @Context() context: GraphQLContext) {
    const loaders = goldenRecordLoaders(context, this.goldenRecords);
    return (task.subjects.candidates ?? []).map((c) => ({ ...c, golden: loaders.golden.load(c.goldenId) }));
  }
}
