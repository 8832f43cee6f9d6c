import type { Dialect } from '../common/database/dialect';
import type { SqlExecutor, Tx } from '../common/database/tx';

/**
 * Blocking keys are stored in two tables with the same columns: `recent_match_key` takes every new key,
 * and is merged into `match_key` in key order once it holds `RECENT_KEYS_LIMIT` rows. A batch inserts
 * ~9 keys a record spread over the whole key space: straight into `match_key` (72 MB at 100k customers,
 * more than the page cache) each batch dirtied most of its pages, so COMMIT, the inserts and the WAL
 * checkpoints grew with the table, not the batch. The small table absorbs them, and a merge writes each
 * page of `match_key` once for many batches. A key row lives in exactly one of the two tables.
 * PostgreSQL gained nothing (an index insert costs it the same in either table, and the merges added
 * 17 % SQL time at 50k customers), so it writes `match_key` directly; its recent table stays empty
 * unless filled by hand, and is read and merged the same way.
 */
export const RECENT_KEYS_LIMIT = 100_000;

/** The tables holding blocking keys, the recent one first: stale keys are deleted from it first (see `deleteKeys`). */
export const KEY_TABLES = ['recent_match_key', 'match_key'] as const;

/**
 * Every stored blocking key, as a FROM clause: readers filter it on entity_type and block_key, and both
 * engines push the filter into each table's primary key (one index search per table, no scan).
 */
export const STORED_KEYS = '(SELECT entity_type, block_key, source_record_id FROM match_key UNION ALL SELECT entity_type, block_key, source_record_id FROM recent_match_key) stored_key';

/** Where an ingest writes new keys on this dialect. */
export function newKeysTable(dialect: Dialect): 'recent_match_key' | 'match_key' {
  return dialect === 'sqlite' ? 'recent_match_key' : 'match_key';
}

export async function recentKeyCount(executor: SqlExecutor): Promise<number> {
  const [row] = await executor.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM recent_match_key');
  return Number(row.n);
}

/**
 * Moves every recent key into `match_key`, in key order, inside the caller's transaction (so readers see
 * each key in one table or the other, never neither). PostgreSQL moves the rows in one statement: a
 * separate DELETE would, at READ COMMITTED, also delete keys another process committed after the INSERT
 * read the table. SQLite has one writer, so two statements are the same thing there. Returns the keys moved.
 */
export async function mergeRecentKeys(tx: Tx): Promise<number> {
  const columns = 'entity_type, block_key, source_record_id';
  if (tx.dialect === 'postgres') {
    return tx.execute(
      `WITH moved AS (DELETE FROM recent_match_key RETURNING ${columns}) INSERT INTO match_key (${columns}) SELECT ${columns} FROM moved ORDER BY ${columns} ON CONFLICT DO NOTHING`,
    );
  }
  // OR ROLLBACK: no statement journal of the match_key pages it changes (see Tx.insertMany).
  const moved = await tx.execute(`INSERT OR ROLLBACK INTO match_key (${columns}) SELECT ${columns} FROM recent_match_key ORDER BY ${columns} ON CONFLICT DO NOTHING`);
  await tx.execute('DELETE FROM recent_match_key');
  return moved;
}
