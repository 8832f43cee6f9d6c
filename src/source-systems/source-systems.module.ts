import { Module } from '@nestjs/common';
import { SourceSystemService } from './source-system.service';

@Module({ providers: [SourceSystemService], exports: [SourceSystemService] })
export class SourceSystemsModule {}
