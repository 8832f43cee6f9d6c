import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { connectionTypes } from '../common/graphql/connection';
import { GraphQLDateTime } from '../common/graphql/date-time.scalar';
import { GraphQLJSON } from '../common/graphql/json.scalar';

@ObjectType('AuditLogEntry', { description: 'One administrative action: who did what to which object, and when.' })
export class AuditLogEntryModel {
  @Field(() => ID) id: string;
  @Field(() => GraphQLDateTime) at: string;
  @Field({ description: '"key:<name>" for an API key, "cli" or "cli:<os user>" for the command line, "system" for the hub itself.' })
  actor: string;
  @Field({ description: 'e.g. api_key.created, webhook_subscription.disabled, source_system.updated, rules.applied.' })
  action: string;
  @Field({ description: 'api_key, webhook_subscription, source_system or rules.' }) targetType: string;
  @Field(() => String, { nullable: true, description: 'The id or code of the target; for rules, the entity type.' }) targetId: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'What was done or changed (before/after for updates); never a secret.' })
  details: Record<string, unknown> | null;
}

@InputType({ description: 'All given filters must hold.' })
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true }) action?: string | null;
  @Field(() => String, { nullable: true }) actor?: string | null;
  @Field(() => String, { nullable: true }) targetType?: string | null;
  @Field(() => String, { nullable: true }) targetId?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Entries at or after this time.' }) since?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Entries before this time.' }) until?: string | null;
}

export const AuditLogConnectionTypes = connectionTypes(AuditLogEntryModel, 'AuditLogEntry');
