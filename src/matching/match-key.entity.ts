import { Entity, PrimaryColumn } from 'typeorm';

/** The columns of a blocking key row, shared by `match_key` and `recent_match_key`, in the lookup's order. */
abstract class BlockingKeyRow {
  @PrimaryColumn({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  @PrimaryColumn({ name: 'block_key', type: 'varchar', length: 200 })
  blockKey: string;

  @PrimaryColumn({ name: 'source_record_id', type: 'varchar', length: 36 })
  sourceRecordId: string;
}

/**
 * The persisted blocking index: candidates for an inbound record are the source records sharing one of
 * its keys. On SQLite the table is its own primary-key B-tree (WITHOUT ROWID), ordered for the lookup by
 * (entity type, key), so that a key costs one B-tree insert instead of two. Each source record lists its
 * keys (source_record.match_keys), so replacing them needs no index by source record either.
 * New keys go to `recent_match_key` first and reach this table in key order, many batches at a time
 * (see recent-keys.ts).
 */
@Entity('match_key', { withoutRowid: true })
export class MatchKeyEntity extends BlockingKeyRow {}

/**
 * The blocking keys written since the last merge into `match_key`, same columns and order. Small, so a
 * batch's inserts dirty a few pages of it instead of most pages of `match_key`. A key row lives in
 * exactly one of the two tables.
 */
@Entity('recent_match_key', { withoutRowid: true })
export class RecentMatchKeyEntity extends BlockingKeyRow {}
