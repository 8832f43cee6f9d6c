import { Module } from '@nestjs/common';
import { SourceSystemResolver } from './source-system.resolver';
import { SourceSystemService } from './source-system.service';

@Module({ providers: [SourceSystemService, SourceSystemResolver], exports: [SourceSystemService] })
export class SourceSystemsModule {}
