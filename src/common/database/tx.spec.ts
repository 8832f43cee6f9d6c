import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect, SqlValue } from './dialect';
import { LOCK_BUCKETS, lockBucket, queryWhereIn, type SqlExecutor } from './tx';

/** Records the statements it is asked to run and answers each with one row per bound value. */
function recorder(dialect: Dialect): SqlExecutor & { statements: { sql: string; params: readonly SqlValue[] }[] } {
  const statements: { sql: string; params: readonly SqlValue[] }[] = [];
  return {
    dialect,
    statements,
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      statements.push({ sql, params });
      const values = params.slice(1).flatMap((p) => (Array.isArray(p) ? p : [p]));
      return values.map((value) => ({ value })) as T[];
    },
  };
}

const build = (condition: string) => `SELECT x FROM t WHERE k = ? AND v ${condition}`;

describe('queryWhereIn', () => {
  it('runs one statement on PostgreSQL, the values bound as one array', async () => {
    const executor = recorder('postgres');
    const values = Array.from({ length: 2500 }, (_, i) => `v${i}`);
    const rows = await queryWhereIn(executor, values, build, ['lead']);
    expect(executor.statements).toHaveLength(1);
    expect(executor.statements[0].sql).toBe('SELECT x FROM t WHERE k = ? AND v = ANY(?::text[])');
    expect(executor.statements[0].params).toEqual(['lead', values]);
    expect(rows).toHaveLength(2500);
  });

  it('runs IN lists of at most 900 values on SQLite, every value once and in order', async () => {
    const executor = recorder('sqlite');
    const values = Array.from({ length: 2500 }, (_, i) => `v${i}`);
    const rows = await queryWhereIn<{ value: string }>(executor, values, build, ['lead']);
    expect(executor.statements.map((s) => s.params.length - 1)).toEqual([900, 900, 700]);
    expect(executor.statements[2].sql).toBe(`SELECT x FROM t WHERE k = ? AND v IN (?${',?'.repeat(699)})`);
    expect(rows.map((r) => r.value)).toEqual(values);
  });

  it('runs nothing for no values', async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const executor = recorder(dialect);
      expect(await queryWhereIn(executor, [], build)).toEqual([]);
      expect(executor.statements).toHaveLength(0);
    }
  });

  it('refuses a value no column can hold, on PostgreSQL too', async () => {
    await expect(queryWhereIn(recorder('postgres'), ['a\u0000b'], build)).rejects.toThrow(/U\+0000/);
  });
});

describe('lockBucket', () => {
  // Hub processes of different versions must lock the same buckets for the same key.
  it('is the first four bytes of the key SHA-256, modulo the bucket count', () => {
    expect(lockBucket('key:customer:dob:1980-01-01|p')).toBe(4157857901 % LOCK_BUCKETS);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (key) => {
        expect(lockBucket(key)).toBe(createHash('sha256').update(key).digest().readUInt32BE(0) % LOCK_BUCKETS);
      }),
    );
  });
});
