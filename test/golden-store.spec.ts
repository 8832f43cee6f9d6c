import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { uuidv7 } from '../src/common/database/uuid';
import { CANON_SCHEMA } from '../src/entities';
import { GoldenEventSinks } from '../src/golden-records/golden-event-sinks';
import { GoldenRecordStore } from '../src/golden-records/golden-record.store';
import type { GoldenEvent, GoldenState } from '../src/golden-records/golden-record.types';
import { diffAttributes } from '../src/golden-records/recompute-golden';
import { DIALECTS } from './support/hub';

const NOW = '2026-11-28T00:00:00.000Z';

function golden(id: string, version: number, attributes: GoldenState['attributes'], status: GoldenState['status'] = 'active'): GoldenState {
  return { id, entityType: 'customer', attributes, provenance: { m: [], a: {} }, version, status, mergedInto: null, createdAt: NOW, updatedAt: NOW, pins: {} };
}

function event(before: GoldenState | undefined, after: GoldenState): GoldenEvent {
  const payload = { changes: diffAttributes(before?.attributes ?? {}, after.attributes), status: after.status, statusBefore: before?.status ?? null, sourceRecordIds: [] };
  return { id: uuidv7(), goldenId: after.id, entityType: 'customer', type: before ? 'updated' : 'created', version: after.version, at: NOW, actor: 'test', reason: null, payload };
}

// saveGoldens writes a golden record that kept its status and filter attributes without its indexed
// columns: whatever path a change takes, the columns must say what the attributes say.
describe.each(DIALECTS)('golden record writes (%s)', (dialect) => {
  let scratch: ScratchDatabase | undefined;
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('keeps the filter columns and status in step with the attributes', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    const store = new GoldenRecordStore(new GoldenEventSinks());
    const save = (changes: [GoldenState | undefined, GoldenState][]) =>
      database!.transaction((tx) =>
        store.saveGoldens(
          tx,
          changes.map(([, after]) => after),
          changes.map(([before, after]) => event(before, after)),
        ),
      );
    const read = async (id: string) =>
      (await database!.query<Record<string, unknown>>('SELECT attributes, version, status, email, family_name, city, country FROM golden_record WHERE id = ?', [id]))[0];

    const [a, b] = [uuidv7(), uuidv7()];
    const a1 = golden(a, 1, { familyName: 'Lee', email: 'lee@example.com', city: 'Leeds', country: 'GB' });
    const b1 = golden(b, 1, { familyName: 'Okafor', city: 'Lagos' });
    await save([
      [undefined, a1],
      [undefined, b1],
    ]);
    expect(await read(a)).toMatchObject({ version: 1, status: 'active', email: 'lee@example.com', family_name: 'lee', city: 'leeds', country: 'GB' });

    // a: only an unindexed attribute changes; b: its family name and then its status change.
    const a2 = golden(a, 2, { ...a1.attributes, phone: '+44 113 496 0000' });
    const b2 = golden(b, 2, { familyName: 'Okafor-Lee', city: 'Lagos' });
    await save([
      [a1, a2],
      [b1, b2],
    ]);
    expect(await read(a)).toMatchObject({ attributes: JSON.stringify(a2.attributes), version: 2, email: 'lee@example.com', family_name: 'lee', city: 'leeds' });
    expect(await read(b)).toMatchObject({ version: 2, family_name: 'okafor-lee', city: 'lagos', email: null });

    const b3 = golden(b, 3, b2.attributes, 'deleted');
    await save([[b2, b3]]);
    expect(await read(b)).toMatchObject({ version: 3, status: 'deleted', family_name: 'okafor-lee' });
    // Without the events every column is written, as before.
    await database.transaction((tx) => store.saveGoldens(tx, [golden(a, 3, { familyName: 'Lee', city: 'York' })]));
    expect(await read(a)).toMatchObject({ version: 3, email: null, family_name: 'lee', city: 'york', country: null });
  });
});
