import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { ApiKeyService } from './api-key.service';

@Module({ imports: [SourceSystemsModule, AuditModule], providers: [ApiKeyService], exports: [ApiKeyService] })
export class AuthModule {}
