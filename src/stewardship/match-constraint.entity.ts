import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A steward's decision about two source records: `cannot_link` (not a match: their golden records are
 * never merged automatically again) or `must_link` (forced match). Stored per pair of source records,
 * the smaller id first, so it holds however golden ids change through merges and unmerges.
 */
@Entity('match_constraint')
@Index('ix_match_constraint_b', ['bSourceRecordId'])
export class MatchConstraintEntity {
  @PrimaryColumn({ name: 'a_source_record_id', type: 'varchar', length: 36 })
  aSourceRecordId: string;

  @PrimaryColumn({ name: 'b_source_record_id', type: 'varchar', length: 36 })
  bSourceRecordId: string;

  /** cannot_link | must_link */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
