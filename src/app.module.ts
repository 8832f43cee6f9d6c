import { Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from './api.module';
import { ServicesModule } from './services.module';
import type { CanonConfig } from './config/canon-config';
import { ObservabilityModule } from './observability/observability.module';

/** The whole hub: services, the GraphQL API on Mercurius (Fastify), health endpoints. */
@Module({})
export class AppModule {
  static forRoot(config: CanonConfig): DynamicModule {
    return { module: AppModule, imports: [ServicesModule.forRoot(config), ApiModule.forRoot(config), ObservabilityModule] };
  }
}
