import { Entity, PrimaryColumn } from 'typeorm';

/**
 * The persisted blocking index: candidates for an inbound record are the source records sharing one of
 * its keys. On SQLite the table is its own primary-key B-tree (WITHOUT ROWID), ordered for the lookup by
 * (entity type, key), so that a key costs one B-tree insert instead of two. Each source record lists its
 * keys (source_record.match_keys), so replacing them needs no index by source record either.
 */
@Entity('match_key', { withoutRowid: true })
export class MatchKeyEntity {
  @PrimaryColumn({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  @PrimaryColumn({ name: 'block_key', type: 'varchar', length: 200 })
  blockKey: string;

  @PrimaryColumn({ name: 'source_record_id', type: 'varchar', length: 36 })
  sourceRecordId: string;
}
