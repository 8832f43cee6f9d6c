import { Module } from '@nestjs/common';
import { GoldenRecordQueryService } from './golden-record-query.service';
import { GoldenRecordResolver } from './golden-record.resolver';
import { GoldenRecordStore } from './golden-record.store';

@Module({
  providers: [GoldenRecordStore, GoldenRecordQueryService, GoldenRecordResolver],
  exports: [GoldenRecordStore, GoldenRecordQueryService],
})
export class GoldenRecordsModule {}
