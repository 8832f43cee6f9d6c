import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../common/database/dialect';
import type { SqlExecutor } from '../common/database/tx';
import { loadConfig } from '../config/canon-config';
import { MatchingService } from './matching.service';

interface Stored {
  readonly id: string;
  readonly goldenId: string;
  readonly keys: readonly string[];
}

/**
 * A SQLite-dialect executor over stored records: answers the candidate lookup's statements (match_key by
 * key, source_record by id) and records the values each statement was given.
 */
function storedRecords(records: readonly Stored[]): SqlExecutor & { lists: { table: string; values: string[] }[] } {
  const lists: { table: string; values: string[] }[] = [];
  const byId = new Map(records.map((r) => [r.id, r]));
  return {
    dialect: 'sqlite',
    lists,
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      if (sql.includes('FROM match_key')) {
        expect(sql).toContain('FROM recent_match_key'); // the recent keys are read in the same statement
        const keys = params.slice(1) as string[];
        lists.push({ table: 'match_key', values: keys });
        const wanted = new Set(keys);
        return records.flatMap((r) => r.keys.filter((k) => wanted.has(k)).map((k) => ({ block_key: k, source_record_id: r.id }))) as T[];
      }
      const ids = params as string[];
      lists.push({ table: sql.includes('normalized') ? 'source_record features' : 'source_record links', values: ids });
      return ids
        .map((id) => byId.get(id))
        .filter((r) => r !== undefined)
        .map((r) => ({ id: r.id, golden_id: r.goldenId, content_hash: `h-${r.id}`, normalized: JSON.stringify({ givenName: 'Ann', familyName: `Lee${r.id}` }) })) as T[];
    },
  };
}

/** A deterministic shuffle, so the keys reach the lookup in no particular order. */
function shuffled<T>(values: readonly T[]): T[] {
  const out = [...values];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('MatchingService.candidatesByKeys on SQLite', () => {
  // 2,500 records holding one key each (and 500 holding a second), ids in the order they were created.
  const records: Stored[] = Array.from({ length: 2500 }, (_, i) => ({
    id: `0190-${String(i).padStart(6, '0')}`,
    goldenId: `g-${i % 1000}`,
    keys: i % 5 === 0 ? [`email:p${i}@example.com`, `family-city:L${i}|town`] : [`email:p${i}@example.com`],
  }));
  const keys = shuffled(records.flatMap((r) => r.keys));

  it('reads the blocking index and the source records in sorted lists, each one stretch of its B-tree', async () => {
    const executor = storedRecords(records);
    await new MatchingService(loadConfig({})).candidatesByKeys(executor, 'customer', keys);
    for (const table of ['match_key', 'source_record links', 'source_record features']) {
      const lists = executor.lists.filter((l) => l.table === table).map((l) => l.values);
      expect(lists.length).toBeGreaterThan(1); // more values than one IN list holds
      const all = lists.flat();
      expect(all).toEqual([...all].sort()); // sorted within each list and no list overlapping another
    }
  });

  it('finds the same candidates whatever order the keys come in', async () => {
    const found = async (order: readonly string[]) => {
      const candidates = await new MatchingService(loadConfig({})).candidatesByKeys(storedRecords(records), 'customer', order);
      return candidates.map((c) => `${c.blockKey} ${c.sourceRecordId} ${c.goldenId} ${c.contentHash}`).sort();
    };
    const inOrder = await found(records.flatMap((r) => r.keys));
    expect(inOrder).toHaveLength(3000);
    expect(await found(keys)).toEqual(inOrder);
  });
});
