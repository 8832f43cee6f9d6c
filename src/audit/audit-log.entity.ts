import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One administrative action: who did what to which object, and when. Written, never updated. */
@Entity('audit_log')
@Index('ix_audit_log_action', ['action', 'id'])
export class AuditLogEntity {
  /** UUIDv7: sorts by time, so it is also the cursor of the admin query. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  /** `key:<name>` for an API key, `cli` for the command line. */
  @Column({ type: 'text' })
  actor: string;

  /** e.g. `api_key.created`, `webhook_subscription.updated`, `source_system.created`, `rules.applied`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  /** JSON object with what changed; never a secret. */
  @Column({ type: 'text', nullable: true })
  details: string | null;
}
