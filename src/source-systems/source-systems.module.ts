import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SourceSystemService } from './source-system.service';

@Module({ imports: [AuditModule], providers: [SourceSystemService], exports: [SourceSystemService] })
export class SourceSystemsModule {}
