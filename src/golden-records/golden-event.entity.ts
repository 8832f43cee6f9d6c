import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One change of one golden record: history, audit trail and the outbox that webhooks read. Written in
 * the same transaction as the change itself.
 */
@Entity('golden_event')
@Index('ix_golden_event_golden', ['goldenId', 'version'])
export class GoldenEventEntity {
  /** UUIDv7, so ids sort by time; also the `webhook-id` of every delivery of this event. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'golden_id', type: 'varchar', length: 36 })
  goldenId: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  /** created | updated | merged | unmerged | deleted | … */
  @Column({ type: 'varchar', length: 24 })
  type: string;

  /** The golden record's version after this change. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  /** Who caused it: `source:CODE` for ingest, `key:NAME` for an API key, `cli` for the command line. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** JSON `GoldenEventPayload`: changed attributes (before/after), the record after the change, causes. */
  @Column({ type: 'text' })
  payload: string;
}
