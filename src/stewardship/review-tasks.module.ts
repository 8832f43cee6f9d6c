import { Module } from '@nestjs/common';
import { ReviewTaskQueryService } from './review-task-query.service';
import { MatchConstraintStore } from './match-constraint.store';
import { ReviewTaskStore } from './review-task.store';

@Module({
  providers: [ReviewTaskStore, ReviewTaskQueryService, MatchConstraintStore],
  exports: [ReviewTaskStore, ReviewTaskQueryService, MatchConstraintStore],
})
export class ReviewTasksModule {}
