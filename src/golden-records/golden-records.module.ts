import { Module } from '@nestjs/common';
import { GoldenRecordQueryService } from './golden-record-query.service';
import { GoldenRecordStore } from './golden-record.store';

@Module({ providers: [GoldenRecordStore, GoldenRecordQueryService], exports: [GoldenRecordStore, GoldenRecordQueryService] })
export class GoldenRecordsModule {}
