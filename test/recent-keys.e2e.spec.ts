import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { MatchingService } from '../src/matching/matching.service';
import { mergeRecentKeys } from '../src/matching/recent-keys';
import { consistencyProblems, snapshot } from './support/robustness';
import { addSource, DIALECTS, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';

const SEARCH = `query($q: String!) { searchCustomers(query: $q) { golden { id } } }`;

const ANNA = { sourceId: 'a-1', givenName: 'Anna', familyName: 'Lindqvist', birthDate: '1979-03-08', email: 'anna@example.se', phone: '+46 8 123 456 78', city: 'Stockholm', country: 'SE' };
const BOB = { sourceId: 'b-1', givenName: 'Robert', familyName: 'Okonkwo', birthDate: '1985-11-21', email: 'bob.okonkwo@example.ng', phone: '+234 1 234 5678', city: 'Lagos', country: 'NG' };

// New blocking keys go to recent_match_key and reach match_key in merges (recent-keys.ts); every reader
// reads both, so where a key sits must change nothing.
describe.each(DIALECTS)('blocking keys in the recent table and in match_key (%s)', (dialect) => {
  let hub: TestHub | undefined;
  afterEach(() => hub?.close());

  const database = () => hub!.server.app.get(Database);
  const rowsOf = async (table: string) =>
    (await database().query<{ block_key: string; source_record_id: string }>(`SELECT block_key, source_record_id FROM ${table}`))
      .map((r) => `${r.source_record_id} ${r.block_key}`)
      .sort();
  const ingest = async (records: object[]) => (await hub!.data<any>(INGEST_CUSTOMERS, { source: 'crm', records })).ingestCustomers.results;
  const recordId = async (sourceId: string) => (await database().query<{ id: string }>('SELECT id FROM source_record WHERE source_id = ?', [sourceId]))[0].id;
  // SQLite writes new keys to the recent table, PostgreSQL to match_key: this puts every key in the recent table on both.
  const allToRecent = () =>
    database().transaction(async (tx) => {
      await tx.execute('INSERT INTO recent_match_key (entity_type, block_key, source_record_id) SELECT entity_type, block_key, source_record_id FROM match_key');
      await tx.execute('DELETE FROM match_key');
    });
  const merge = () => database().transaction((tx) => mergeRecentKeys(tx));
  const problems = async () => consistencyProblems(await snapshot(database()));

  it('finds a record whose keys are still recent, as a candidate and by search', async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    const [anna] = await ingest([ANNA]);
    await allToRecent();
    expect(await rowsOf('match_key')).toEqual([]);
    expect((await rowsOf('recent_match_key')).length).toBeGreaterThan(3);

    // Same person, new email: only her other keys (phone, name and birth date) can find her.
    const [again] = await ingest([{ ...ANNA, sourceId: 'a-2', email: 'a.lindqvist@work.example.se' }]);
    expect(again.goldenId).toBe(anna.goldenId);
    expect((await hub.data<any>(SEARCH, { q: 'Lindqvist' })).searchCustomers).toEqual([{ golden: { id: anna.goldenId } }]);
    expect(await problems()).toEqual([]);
  });

  it('moves every key into match_key on a merge, where candidates and search still find them', async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    const [anna, bob] = await ingest([ANNA, BOB]);
    await allToRecent();
    const recent = await rowsOf('recent_match_key');

    await merge();
    expect(await rowsOf('recent_match_key')).toEqual([]);
    expect(await rowsOf('match_key')).toEqual(recent);

    const [again] = await ingest([{ ...BOB, sourceId: 'b-2', email: 'robert@example.ng' }]);
    expect(again.goldenId).toBe(bob.goldenId);
    expect((await hub.data<any>(SEARCH, { q: 'Lindqvist' })).searchCustomers).toEqual([{ golden: { id: anna.goldenId } }]);
    expect(await problems()).toEqual([]);
  });

  it('merges by itself once the recent table reaches its limit', async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    hub.server.app.get(MatchingService).recentKeysLimit = 1;
    await ingest([ANNA]);
    expect(await rowsOf('recent_match_key')).toEqual([]);
    expect((await rowsOf('match_key')).length).toBeGreaterThan(3);
    expect(await problems()).toEqual([]);
  });

  it('deletes the stale keys of an update from whichever table holds them', async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await ingest([ANNA]);
    await merge(); // Anna's keys in match_key, Bob's in the recent table
    await ingest([BOB]);
    await hub.server.app.get(Database).transaction(async (tx) => {
      // Bob's keys into the recent table on PostgreSQL too (SQLite put them there).
      await tx.execute("INSERT INTO recent_match_key SELECT entity_type, block_key, source_record_id FROM match_key WHERE block_key LIKE '%okonkwo%'");
      await tx.execute("DELETE FROM match_key WHERE block_key LIKE '%okonkwo%'");
    });
    const anna = { sourceRecordId: await recordId(ANNA.sourceId) };
    const bob = { sourceRecordId: await recordId(BOB.sourceId) };
    const annaKey = (await rowsOf('match_key')).find((k) => k.startsWith(anna.sourceRecordId) && k.includes('anna@example.se'));
    const bobKey = (await rowsOf('recent_match_key')).find((k) => k.startsWith(bob.sourceRecordId) && k.includes('bob.okonkwo@example.ng'));
    expect(annaKey).toBeDefined();
    expect(bobKey).toBeDefined();

    await ingest([
      { ...ANNA, email: 'anna.lindqvist@example.se' },
      { ...BOB, email: 'robert.okonkwo@example.ng' },
    ]);
    const all = [...(await rowsOf('match_key')), ...(await rowsOf('recent_match_key'))];
    expect(all).not.toContain(annaKey);
    expect(all).not.toContain(bobKey);
    expect(all.some((k) => k.startsWith(anna.sourceRecordId) && k.includes('anna.lindqvist@example.se'))).toBe(true);
    expect(await problems()).toEqual([]);

    // A delete takes every key of the record, from both tables.
    await ingest([{ sourceId: ANNA.sourceId, deleted: true }]);
    const left = [...(await rowsOf('match_key')), ...(await rowsOf('recent_match_key'))];
    expect(left.filter((k) => k.startsWith(anna.sourceRecordId))).toEqual([]);
    expect(await problems()).toEqual([]);
  });
});
