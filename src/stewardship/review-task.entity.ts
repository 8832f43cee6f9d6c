import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Work for a data steward: a possible match the matcher could not decide (POTENTIAL_MATCH), or values
 * that disagree between equally trusted sources (ATTRIBUTE_CONFLICT).
 */
@Entity('review_task')
@Index('ix_review_task_queue', ['status', 'entityType', 'kind', 'id'])
@Index('ix_review_task_golden', ['goldenId'])
export class ReviewTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  /** potential_match | attribute_conflict */
  @Column({ type: 'varchar', length: 24 })
  kind: string;

  /** open | resolved | dismissed */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** The golden record the task is about (for a potential match: the one the inbound record started). */
  @Column({ name: 'golden_id', type: 'varchar', length: 36 })
  goldenId: string;

  /** JSON: what the task concerns, e.g. the inbound source record and the candidate golden records with scores. */
  @Column({ type: 'text' })
  subjects: string;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  /** JSON MatchExplanation of the best candidate. */
  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ type: 'text', nullable: true })
  assignee: string | null;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  /** JSON: the steward's decision and reason, once resolved or dismissed. */
  @Column({ type: 'text', nullable: true })
  decision: string | null;
}
