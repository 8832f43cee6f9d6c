import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { GoldenRecordsModule } from '../golden-records/golden-records.module';
import { MatchQueryService } from './match-query.service';
import { MatchingService } from './matching.service';
import { RekeyService } from './rekey.service';
import { RulesTrainingService } from './rules-training.service';
import { SearchService } from './search.service';

@Module({
  imports: [ContractsModule, GoldenRecordsModule],
  providers: [MatchingService, MatchQueryService, SearchService, RulesTrainingService, RekeyService],
  exports: [MatchingService, MatchQueryService, SearchService, RulesTrainingService, RekeyService],
})
export class MatchingModule {}
