import { ApiKeyEntity } from './auth/api-key.entity';
import { AuditLogEntity } from './audit/audit-log.entity';
import type { DatabaseSchema } from './common/database/database';
import { GoldenEventEntity } from './golden-records/golden-event.entity';
import { GoldenRecordEntity } from './golden-records/golden-record.entity';
import { MatchKeyEntity, RecentMatchKeyEntity } from './matching/match-key.entity';
import { SourceRecordEntity } from './golden-records/source-record.entity';
import { SourceSystemEntity } from './source-systems/source-system.entity';
import { MatchConstraintEntity } from './stewardship/match-constraint.entity';
import { ReviewTaskEntity } from './stewardship/review-task.entity';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookMessageEntity, WebhookSubscriptionEntity } from './webhooks/webhook.entities';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite';

/** Every table of the hub, and the migrations that create them on each dialect. */
export const CANON_SCHEMA: DatabaseSchema = {
  entities: [
    SourceSystemEntity,
    ApiKeyEntity,
    SourceRecordEntity,
    GoldenRecordEntity,
    MatchKeyEntity,
    RecentMatchKeyEntity,
    GoldenEventEntity,
    ReviewTaskEntity,
    MatchConstraintEntity,
    WebhookSubscriptionEntity,
    WebhookMessageEntity,
    WebhookDeliveryEntity,
    WebhookAttemptEntity,
    AuditLogEntity,
  ],
  migrations: { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS },
};
