import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { GoldenRecordsModule } from '../golden-records/golden-records.module';
import { MatchingModule } from '../matching/matching.module';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { ReviewTasksModule } from '../stewardship/review-tasks.module';
import { FileImportService } from './file-import/file-import.service';
import { IngestionService } from './ingestion.service';

@Module({
  imports: [ContractsModule, MatchingModule, GoldenRecordsModule, SourceSystemsModule, ReviewTasksModule],
  providers: [IngestionService, FileImportService],
  exports: [IngestionService, FileImportService],
})
export class IngestionModule {}
