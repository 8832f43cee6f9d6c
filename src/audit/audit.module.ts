import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';

/** The audit log: every module whose actions an admin may have to account for imports it. */
@Module({ providers: [AuditLogService], exports: [AuditLogService] })
export class AuditModule {}
