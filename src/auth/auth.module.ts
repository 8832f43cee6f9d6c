import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { ApiKeyResolver } from './api-key.resolver';
import { ApiKeyService } from './api-key.service';
import { RolesGuard } from './roles.guard';

@Module({
  imports: [SourceSystemsModule],
  providers: [ApiKeyService, ApiKeyResolver, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [ApiKeyService],
})
export class AuthModule {}
