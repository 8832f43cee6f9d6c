import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The persisted blocking index: candidates for an inbound record are the source records sharing one of its keys. */
@Entity('match_key')
@Index('ix_match_key_lookup', ['entityType', 'blockKey'])
export class MatchKeyEntity {
  @PrimaryColumn({ name: 'source_record_id', type: 'varchar', length: 36 })
  sourceRecordId: string;

  @PrimaryColumn({ name: 'block_key', type: 'varchar', length: 200 })
  blockKey: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;
}
