import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AuthException, AuthExceptionCode } from '../auth/auth.exception';
import { principalOf, type GraphQLContext } from '../auth/graphql-context';
import { actorOf } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import type { EntityType } from '../common/entity-type';
import { GraphQLJSON } from '../common/graphql/json.scalar';
import { withUserErrors } from '../common/graphql/user-error.model';
import { IngestionException, IngestionExceptionCode } from './ingestion.exception';
import { IngestPayload, type RecordResultModel } from './ingestion.models';
import { IngestionService, MAX_BATCH } from './ingestion.service';

const RECORDS_DESCRIPTION =
  'From 1 to 1000 records, each a JSON object validated on its own against the data contract ' +
  '(schema/contracts/<entity>.v1.json); a bad record is reported and the others are kept.';

@Resolver()
export class IngestionResolver {
  constructor(private readonly ingestion: IngestionService) {}

  @Mutation(() => IngestPayload, { description: 'Sends customer records from a source system.' })
  @Roles('admin', 'source')
  ingestCustomers(
    @Args('source') source: string,
    @Args('records', { type: () => [GraphQLJSON], description: RECORDS_DESCRIPTION }) records: unknown[],
    @Context() context: GraphQLContext,
  ): Promise<IngestPayload> {
    return this.ingest('customer', source, records, context);
  }

  @Mutation(() => IngestPayload, { description: 'Sends product records from a source system.' })
  @Roles('admin', 'source')
  ingestProducts(
    @Args('source') source: string,
    @Args('records', { type: () => [GraphQLJSON], description: RECORDS_DESCRIPTION }) records: unknown[],
    @Context() context: GraphQLContext,
  ): Promise<IngestPayload> {
    return this.ingest('product', source, records, context);
  }

  private ingest(entityType: EntityType, source: string, records: unknown[], context: GraphQLContext): Promise<IngestPayload> {
    const principal = principalOf(context);
    if (principal.role === 'source' && principal.source !== source) {
      throw new AuthException(AuthExceptionCode.WRONG_SOURCE, `this key may only send records as source "${principal.source}"`);
    }
    return withUserErrors<IngestPayload>(
      async () => {
        if (records.length === 0) throw new IngestionException(IngestionExceptionCode.BATCH_EMPTY, 'records is empty: send 1 to 1000 records');
        if (records.length > MAX_BATCH) {
          throw new IngestionException(IngestionExceptionCode.BATCH_TOO_LARGE, `send at most ${MAX_BATCH} records per call, got ${records.length}`);
        }
        const result = await this.ingestion.ingest({ entityType, source, records, actor: actorOf(principal) });
        return { results: result.results as RecordResultModel[], summary: result.summary };
      },
      { results: [], summary: null },
    );
  }
}
