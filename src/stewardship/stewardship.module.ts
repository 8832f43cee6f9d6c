import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContractsModule } from '../contracts/contracts.module';
import { GoldenRecordsModule } from '../golden-records/golden-records.module';
import { MatchingModule } from '../matching/matching.module';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { GoldenChanges } from './golden-changes';
import { ReviewTaskActionsService } from './review-task-actions.service';
import { ReviewTasksModule } from './review-tasks.module';
import { RecomputeService } from './recompute.service';
import { StewardService } from './steward.service';

/** Stewards' actions on golden records and on the review queue. */
@Module({
  imports: [ContractsModule, MatchingModule, GoldenRecordsModule, SourceSystemsModule, ReviewTasksModule, AuditModule],
  providers: [GoldenChanges, StewardService, ReviewTaskActionsService, RecomputeService],
  exports: [StewardService, ReviewTaskActionsService, RecomputeService],
})
export class StewardshipModule {}
