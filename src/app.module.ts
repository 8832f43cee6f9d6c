import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthModule } from './auth/auth.module';
import type { GraphQLContext } from './auth/graphql-context';
import { CoreModule } from './common/core.module';
import { formatGraphQLErrors } from './common/errors/graphql-error-formatter';
import type { CanonConfig } from './config/canon-config';
import { ContractsModule } from './contracts/contracts.module';
import { GoldenRecordsModule } from './golden-records/golden-records.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { MatchingModule } from './matching/matching.module';
import { ObservabilityModule } from './observability/observability.module';
import { SourceSystemsModule } from './source-systems/source-systems.module';

const FEATURE_MODULES = [SourceSystemsModule, AuthModule, ContractsModule, MatchingModule, GoldenRecordsModule, IngestionModule];

/** The hub's services without the HTTP layer: what the CLI boots. */
@Module({})
export class ServicesModule {
  static forRoot(config: CanonConfig): DynamicModule {
    return { module: ServicesModule, imports: [CoreModule.forRoot(config), ...FEATURE_MODULES], exports: FEATURE_MODULES };
  }
}

/** The whole hub: services, GraphQL on Mercurius (Fastify), health endpoints. */
@Module({})
export class AppModule {
  static forRoot(config: CanonConfig): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        ServicesModule.forRoot(config),
        ObservabilityModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          graphiql: !config.production,
          context: (req: FastifyRequest, reply: FastifyReply): GraphQLContext => ({ req, reply }),
          errorFormatter: (execution) => formatGraphQLErrors(execution, (error) => logger.error(error)),
        }),
      ],
    };
  }
}
