import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import type { SqlValue } from '../src/common/database/dialect';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { CANON_SCHEMA } from '../src/entities';
import { DIALECTS } from './support/hub';

// Values that a bulk insert must store exactly: array-literal syntax (PostgreSQL binds one array per
// column), quotes, backslashes, the word NULL, empty strings, non-Latin text, and real nulls.
const AWKWARD = ['plain', 'with "quotes"', 'back\\slash', '{braces},commas', 'NULL', '', 'Ærøskøbing 東京 🙂', "it's"];

const COLUMNS = ['id', 'entity_type', 'source', 'source_id', 'content_hash', 'attributes', 'normalized', 'received_at', 'deleted', 'golden_id', 'link_score'];

function row(i: number, text: string, score: number | null): SqlValue[] {
  return [`id-${i}`, 'customer', 'crm', `s-${i}`, `h-${i}`, text, JSON.stringify({ text }), '2026-11-26T00:00:00.000Z', i % 2 === 0, `g-${i}`, score];
}

describe.each(DIALECTS)('bulk insert (%s)', (dialect) => {
  let scratch: ScratchDatabase | undefined;
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('stores every value exactly, across statement chunks, and applies the conflict clause', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    const count = 12_000; // more than one statement's worth on either engine
    const rows = Array.from({ length: count }, (_, i) => row(i, AWKWARD[i % AWKWARD.length], i % 3 === 0 ? null : i / 7));
    await database.transaction((tx) => tx.insertMany('source_record', COLUMNS, rows));
    await database.transaction((tx) =>
      tx.insertMany('source_record', COLUMNS, [row(1, 'updated "again"', 0.5), row(count, 'new', null)], { target: ['id'], update: ['attributes', 'link_score'] }),
    );

    const stored = await database.query<{ id: string; attributes: string; normalized: string; deleted: boolean | number; link_score: number | null }>(
      'SELECT id, attributes, normalized, deleted, link_score FROM source_record',
    );
    expect(stored).toHaveLength(count + 1);
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const i of [0, 2, 3, 4, 5, 6, 7, 8, 9, 5_001, 11_999]) {
      const text = AWKWARD[i % AWKWARD.length];
      expect(byId.get(`id-${i}`)).toMatchObject({ attributes: text, normalized: JSON.stringify({ text }), link_score: i % 3 === 0 ? null : i / 7 });
      expect(Boolean(byId.get(`id-${i}`)!.deleted)).toBe(i % 2 === 0);
    }
    expect(byId.get('id-1')).toMatchObject({ attributes: 'updated "again"', link_score: 0.5 });
    expect(byId.get(`id-${count}`)).toMatchObject({ attributes: 'new', link_score: null });
  });

  it('refuses a NUL and writes nothing of that batch', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    await expect(database.transaction((tx) => tx.insertMany('source_record', COLUMNS, [row(3, 'fine', null), row(4, 'nul \u0000 here', null)]))).rejects.toThrow(/U\+0000/);
    expect(await database.query('SELECT id FROM source_record')).toEqual([]);
  });

  // SQLite inserts `OR ROLLBACK` (no statement journal): a failed row ends the transaction there, as an
  // error aborts it on PostgreSQL. A caller that swallowed the error must not go on writing outside it.
  it('fails the whole transaction on a row that breaks a constraint, and runs nothing more in it', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    const broken = row(3, 'no entity type', null);
    broken[1] = null; // entity_type is NOT NULL
    let after: unknown;
    await expect(
      database.transaction(async (tx) => {
        await tx.insertMany('source_record', COLUMNS, [row(1, 'first', null)]);
        await tx.insertMany('source_record', COLUMNS, [row(2, 'fine', null), broken]).catch(() => undefined);
        after = await tx.insertMany('source_record', COLUMNS, [row(4, 'after the failure', null)]).catch((error: Error) => error);
        await tx.execute('UPDATE source_record SET attributes = ?', ['changed']);
      }),
    ).rejects.toThrow();
    expect(after).toBeInstanceOf(Error);
    expect(await database.query('SELECT id FROM source_record')).toEqual([]);
  });

  // The rows travel as JSON, which escapes an unpaired surrogate, and PostgreSQL refuses that escape: it
  // is stored as U+FFFD, as node-postgres's UTF-8 makes of it in any other parameter. (Contracts refuse
  // such values before they get here; SQLite stores the surrogate's own bytes.)
  it.runIf(dialect === 'postgres')('stores an unpaired surrogate as U+FFFD', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    await database.transaction((tx) => tx.insertMany('source_record', COLUMNS, [row(1, 'lone \ud800 high', null), row(2, 'pair 🙂 \udc00', 1)]));
    const stored = await database.query<{ id: string; attributes: string }>('SELECT id, attributes FROM source_record ORDER BY id');
    expect(stored).toEqual([
      { id: 'id-1', attributes: 'lone \ufffd high' },
      { id: 'id-2', attributes: 'pair 🙂 \ufffd' },
    ]);
  });
});
