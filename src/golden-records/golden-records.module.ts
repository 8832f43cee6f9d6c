import { Module } from '@nestjs/common';
import { GoldenRecordQueryService } from './golden-record-query.service';
import { GoldenEventSinks } from './golden-event-sinks';
import { GoldenRecordStore } from './golden-record.store';

@Module({
  providers: [GoldenRecordStore, GoldenRecordQueryService, GoldenEventSinks],
  exports: [GoldenRecordStore, GoldenRecordQueryService, GoldenEventSinks],
})
export class GoldenRecordsModule {}
