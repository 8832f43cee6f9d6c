import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './common/core.module';
import type { CanonConfig } from './config/canon-config';
import { ContractsModule } from './contracts/contracts.module';
import { GoldenRecordsModule } from './golden-records/golden-records.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { MatchingModule } from './matching/matching.module';
import { SourceSystemsModule } from './source-systems/source-systems.module';
import { ReviewTasksModule } from './stewardship/review-tasks.module';
import { StewardshipModule } from './stewardship/stewardship.module';
import { WebhooksModule } from './webhooks/webhooks.module';

const FEATURE_MODULES = [AuditModule, SourceSystemsModule, AuthModule, ContractsModule, MatchingModule, GoldenRecordsModule, IngestionModule, ReviewTasksModule, StewardshipModule, WebhooksModule];

/** The hub's services without any HTTP or GraphQL layer: what the CLI boots. */
@Module({})
export class ServicesModule {
  static forRoot(config: CanonConfig): DynamicModule {
    return { module: ServicesModule, imports: [CoreModule.forRoot(config), ...FEATURE_MODULES], exports: FEATURE_MODULES };
  }
}
