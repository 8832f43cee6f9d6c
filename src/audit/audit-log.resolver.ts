import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/roles.decorator';
import { pageArgs, type Connection } from '../common/pagination';
import { AuditLogConnectionTypes, AuditLogEntryModel, AuditLogFilterInput } from './audit-log.models';
import { AuditLogService, type AuditEntry } from './audit-log.service';

@Resolver(() => AuditLogEntryModel)
export class AuditLogResolver {
  constructor(private readonly audit: AuditLogService) {}

  @Query(() => AuditLogConnectionTypes.connection, { description: 'Administrative actions, newest first (admin).' })
  @Roles('admin')
  auditLog(
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true }) filter: AuditLogFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 20, description: 'Page size, 1 to 100.' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<Connection<AuditEntry>> {
    const page = pageArgs(first, after);
    return this.audit.page(filter ?? {}, page.limit, page.after);
  }
}
