import { Module } from '@nestjs/common';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { ApiKeyService } from './api-key.service';

@Module({ imports: [SourceSystemsModule], providers: [ApiKeyService], exports: [ApiKeyService] })
export class AuthModule {}
