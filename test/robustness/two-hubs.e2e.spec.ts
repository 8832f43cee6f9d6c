import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/common/database/database';
import { createScratchDatabase, type ScratchDatabase } from '../../src/common/database/scratch-database';
import { MatchingService } from '../../src/matching/matching.service';
import { killStrayHubProcesses, startHubProcess, stopHubProcess, type HubProcess } from '../support/hub-process';
import { consistencyProblems, openServices, partitionOf, postGraphQL, random, recomputeProblems, serverFaults, snapshot, testSeed } from '../support/robustness';
import { customerRecord, INGEST, people, SOURCES, sourcesOf, type Source } from '../support/workload';

// Two real hub processes on one PostgreSQL database, eight concurrent HTTP clients (four per hub), the
// same people sent by three sources at once, then updated at once. Compared with one hub process that
// received the same records one batch at a time: the same clusters (no duplicate golden records), no
// 5xx or other error (a deadlock or serialisation failure is retried inside the hub, never surfaced),
// and a database that passes the invariants and the recomputation check.
// (test/concurrency.e2e.spec.ts does the same with two service stacks in one process.)

const CLIENTS = 8;
const PEOPLE = 500;

interface Sent {
  readonly source: Source;
  readonly records: Record<string, unknown>[];
}

describe('two hub processes ingesting the same people at once (postgres)', () => {
  let shared: ScratchDatabase;
  let reference: ScratchDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-two-hubs-'));
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const env = (db: ScratchDatabase) => ({ DATABASE_URL: db.url, CANON_DATA_DIR: dataDir, CANON_BOOTSTRAP_ADMIN_KEY: adminKey, CANON_WEBHOOK_DISPATCH: 'off' });

  beforeAll(async () => {
    [shared, reference] = await Promise.all([createScratchDatabase('postgres'), createScratchDatabase('postgres')]);
  });
  afterAll(async () => {
    await killStrayHubProcesses();
    await Promise.all([shared?.drop(), reference?.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const addSources = async (hub: HubProcess) => {
    for (const code of SOURCES) {
      const result = await postGraphQL(hub.url, adminKey, { query: `mutation($c: String!) { createSourceSystem(input: { code: $c }) { userErrors { code } } }`, variables: { c: code } });
      expect(result.json.data.createSourceSystem.userErrors).toEqual([]);
    }
  };

  /** Sends batches in order; returns every problem (HTTP status, errors, unexpected outcomes). */
  const send = async (hub: HubProcess, batches: Sent[], outcome: string, problems: string[]) => {
    for (const batch of batches) {
      const result = await postGraphQL(hub.url, adminKey, { query: INGEST, variables: { source: batch.source, records: batch.records } });
      problems.push(...serverFaults(result));
      if (result.status !== 200 || result.json?.errors) problems.push(`HTTP ${result.status}: ${result.text.slice(0, 300)}`);
      const payload = result.json?.data?.ingestCustomers;
      if (!payload) continue;
      if (payload.userErrors.length > 0) problems.push(`userErrors ${JSON.stringify(payload.userErrors)}`);
      for (const r of payload.results) if (r.outcome !== outcome) problems.push(`${batch.source}/${r.sourceId}: ${r.outcome}, expected ${outcome} ${JSON.stringify(r.errors)}`);
    }
  };

  const deadlocks = async (db: ScratchDatabase) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks);
    } finally {
      await client.end();
    }
  };

  it('starts three hub processes together on a fresh database, all with the same bootstrap admin key', async () => {
    // They migrate in turn (advisory lock), then all seed the bootstrap key at once: one creates it, the
    // others must find it rather than die of the unique violation (found by the test below).
    for (let attempt = 0; attempt < 2; attempt++) {
      const fresh = await createScratchDatabase('postgres');
      try {
        const started = await Promise.allSettled([1, 2, 3].map(() => startHubProcess(env(fresh))));
        const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason).slice(0, 300)] : []));
        for (const s of started) if (s.status === 'fulfilled') await stopHubProcess(s.value);
        expect(failures).toEqual([]);
      } finally {
        await fresh.drop();
      }
    }
  }, 120_000);

  it('makes the same clusters as one hub, with no error, whatever the interleaving', async () => {
    const seed = testSeed('two-hubs');
    const rnd = random(seed);
    const everyone = people(PEOPLE);
    const records = everyone.flatMap((person) => sourcesOf(person, rnd).map((source) => ({ person, source })));
    // Clients 0, 3, 6 send crm, 1, 4, 7 erp, 2 and 5 shop: a person's records come from different clients,
    // and from both hubs, at the same moment. Each client keeps its own records for the update phase.
    const owned: { person: (typeof everyone)[number]; source: Source }[][] = Array.from({ length: CLIENTS }, () => []);
    const perSource = new Map<Source, number>();
    for (const r of rnd.shuffle([...records])) {
      const sameSource = Array.from({ length: CLIENTS }, (_, c) => c).filter((c) => SOURCES[c % SOURCES.length] === r.source);
      const n = perSource.get(r.source) ?? 0;
      perSource.set(r.source, n + 1);
      owned[sameSource[n % sameSource.length]].push(r);
    }
    const batchesOf = (mine: typeof records, version: number): Sent[] => {
      const out: Sent[] = [];
      for (let i = 0; i < mine.length; ) {
        const size = rnd.int(5, 25);
        out.push({ source: mine[i].source, records: mine.slice(i, i + size).map((r) => customerRecord(r.person, r.source, version)) });
        i += size;
      }
      return out;
    };

    // One hub, one batch at a time, in another order: the reference.
    const single = await startHubProcess(env(reference));
    const referenceProblems: string[] = [];
    try {
      await addSources(single);
      const sequential = rnd.shuffle([...records]);
      const bySource = (version: number) => SOURCES.flatMap((s) => batchesOf(sequential.filter((r) => r.source === s), version));
      await send(single, rnd.shuffle(bySource(0)), 'CREATED', referenceProblems);
      await send(single, rnd.shuffle(bySource(1)), 'UPDATED', referenceProblems);
    } finally {
      await stopHubProcess(single);
    }
    expect(referenceProblems).toEqual([]);

    // Two hubs, eight clients at once.
    const hubs = await Promise.all([startHubProcess(env(shared)), startHubProcess(env(shared))]);
    const problems: string[] = [];
    const deadlocksBefore = await deadlocks(shared);
    const started = Date.now();
    try {
      await addSources(hubs[0]);
      for (const [version, outcome] of [[0, 'CREATED'], [1, 'UPDATED']] as const) {
        await Promise.all(owned.map((mine, c) => send(hubs[c % 2], batchesOf(mine, version), outcome, problems)));
      }
    } finally {
      await Promise.all(hubs.map((h) => stopHubProcess(h)));
    }
    console.log(
      `[two-hubs] ${records.length} records of ${PEOPLE} people, created then updated by ${CLIENTS} clients over 2 hub processes in ${Date.now() - started} ms; ` +
        `PostgreSQL counted ${(await deadlocks(shared)) - deadlocksBefore} deadlocks (retried inside the hub)`,
    );
    expect(problems.slice(0, 20)).toEqual([]);

    const [twoHubs, oneHub] = await Promise.all([openServices(shared.url, dataDir), openServices(reference.url, dataDir)]);
    try {
      const state = await snapshot(twoHubs.get(Database));
      const referenceState = await snapshot(oneHub.get(Database));
      // The truth: one cluster per person (twins apart), and both runs found exactly it.
      const clusters = new Map<number, string[]>();
      for (const r of records) clusters.set(r.person.id, [...(clusters.get(r.person.id) ?? []), `${r.source}/${r.source}-${r.person.id}`]);
      const truth = [...clusters.values()].map((c) => c.sort().join(' ')).sort();
      const difference = (a: string[], b: string[]) => ({ only: a.filter((x) => !b.includes(x)), missing: b.filter((x) => !a.includes(x)) });
      expect(difference(partitionOf(referenceState), truth), 'one hub vs the truth').toEqual({ only: [], missing: [] });
      expect(difference(partitionOf(state), partitionOf(referenceState)), 'two hubs vs one').toEqual({ only: [], missing: [] });
      expect(state.goldens.filter((g) => g.status === 'active')).toHaveLength(PEOPLE);
      const engine = twoHubs.get(MatchingService).engine('customer');
      expect(consistencyProblems(state, { maxFrequencyOf: (key) => engine.maxFrequencyOf(key) }).slice(0, 20)).toEqual([]);
      expect((await recomputeProblems(twoHubs, state)).slice(0, 20)).toEqual([]);
      // Same golden values too: survivorship does not depend on who won a race.
      const valuesOf = (s: typeof state) => s.goldens.filter((g) => g.status === 'active').map((g) => JSON.stringify(g.attributes)).sort();
      expect(valuesOf(state)).toEqual(valuesOf(referenceState));
    } finally {
      await Promise.all([twoHubs.close(), oneHub.close()]);
    }
  }, 240_000);
});
