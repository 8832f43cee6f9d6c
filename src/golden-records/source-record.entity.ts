import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A record as a source system sent it, linked to exactly one golden record (the crosswalk). */
@Entity('source_record')
@Index('uq_source_record_identity', ['entityType', 'source', 'sourceId'], { unique: true })
@Index('ix_source_record_golden', ['goldenId'])
export class SourceRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'source_id', type: 'varchar', length: 256 })
  sourceId: string;

  /** SHA-256 of the record as received; an identical re-send is recognised by it and changes nothing. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash: string;

  /** JSON: the attributes as received (after the import mapping), for lineage. */
  @Column({ type: 'text' })
  attributes: string;

  /** JSON: the cleansed attributes that survivorship and matching use. */
  @Column({ type: 'text' })
  normalized: string;

  @Column({ name: 'source_updated_at', type: 'varchar', length: 32, nullable: true })
  sourceUpdatedAt: string | null;

  @Column({ name: 'received_at', type: 'varchar', length: 32 })
  receivedAt: string;

  @Column({ type: 'boolean' })
  deleted: boolean;

  @Column({ name: 'golden_id', type: 'varchar', length: 36 })
  goldenId: string;

  /**
   * JSON array: the golden records it was moved out of by merges, most recent last. An unmerge sends it
   * back to the last one (and pops it), so merges undo in reverse order. Null: never moved.
   */
  @Column({ name: 'previous_golden_ids', type: 'text', nullable: true })
  previousGoldenIds: string | null;

  /** Match probability with which the matcher linked this record to an existing golden record (null: it started one). */
  @Column({ name: 'link_score', type: 'double precision', nullable: true })
  linkScore: number | null;

  /**
   * JSON array of the blocking keys stored for it in match_key or recent_match_key, so that replacing them
   * deletes by the tables' own key (no second index on either to maintain for every key written).
   */
  @Column({ name: 'match_keys', type: 'text', nullable: true })
  matchKeys: string | null;

  /** JSON MatchExplanation of that link: the waterfall from prior to score. */
  @Column({ name: 'link_explanation', type: 'text', nullable: true })
  linkExplanation: string | null;
}
