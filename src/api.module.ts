import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLogResolver } from './audit/audit-log.resolver';
import { AuditModule } from './audit/audit.module';
import { ApiKeyResolver } from './auth/api-key.resolver';
import { AuthModule } from './auth/auth.module';
import type { GraphQLContext } from './auth/graphql-context';
import { RolesGuard } from './auth/roles.guard';
import { formatGraphQLErrors } from './common/errors/graphql-error-formatter';
import { graphqlLimitOptions } from './common/graphql/graphql-limits';
import type { CanonConfig } from './config/canon-config';
import { graphqlLimits } from './config/graphql-limits';
import { GoldenRecordResolver } from './golden-records/golden-record.resolver';
import { GoldenRecordsModule } from './golden-records/golden-records.module';
import { IngestionResolver } from './ingestion/ingestion.resolver';
import { IngestionModule } from './ingestion/ingestion.module';
import { SourceSystemResolver } from './source-systems/source-system.resolver';
import { SourceSystemsModule } from './source-systems/source-systems.module';
import { MatchResolver } from './matching/api/match.resolver';
import { MatchingModule } from './matching/matching.module';
import { ReviewCandidateResolver, ReviewTaskResolver } from './stewardship/api/review-task.resolver';
import { ReviewTasksModule } from './stewardship/review-tasks.module';
import { StewardResolver } from './stewardship/api/steward.resolver';
import { StewardshipModule } from './stewardship/stewardship.module';
import { WebhookResolver } from './webhooks/api/webhook.resolver';
import { WebhookDispatchModule, WebhooksModule } from './webhooks/webhooks.module';

/**
 * The GraphQL API: every resolver and the role guard, over the feature modules' services. Kept apart
 * from the services (as Vendure does) so that the CLI boots without loading GraphQL at all.
 */
@Module({})
export class ApiModule {
  static forRoot(config: CanonConfig) {
    const logger = new Logger('GraphQL');
    return {
      module: ApiModule,
      imports: [
        AuditModule,
        AuthModule,
        SourceSystemsModule,
        GoldenRecordsModule,
        IngestionModule,
        MatchingModule,
        ReviewTasksModule,
        StewardshipModule,
        WebhooksModule,
        WebhookDispatchModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          graphiql: !config.production,
          jit: 1,
          context: (req: FastifyRequest, reply: FastifyReply): GraphQLContext => ({ req, reply }),
          errorFormatter: (execution) => formatGraphQLErrors(execution, (error) => logger.error(error), { hideSuggestions: config.production }),
          ...graphqlLimitOptions(config, graphqlLimits(config)),
        }),
      ],
      providers: [
        AuditLogResolver,
        ApiKeyResolver,
        SourceSystemResolver,
        GoldenRecordResolver,
        IngestionResolver,
        MatchResolver,
        ReviewTaskResolver,
        ReviewCandidateResolver,
        StewardResolver,
        WebhookResolver,
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
