import { Module } from '@nestjs/common';
import { ReviewTaskQueryService } from './review-task-query.service';
import { ReviewTaskStore } from './review-task.store';

@Module({ providers: [ReviewTaskStore, ReviewTaskQueryService], exports: [ReviewTaskStore, ReviewTaskQueryService] })
export class ReviewTasksModule {}
