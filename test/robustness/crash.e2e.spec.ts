import Sqlite from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/common/database/database';
import { createScratchDatabase, type ScratchDatabase } from '../../src/common/database/scratch-database';
import { MatchingService } from '../../src/matching/matching.service';
import { DIALECTS } from '../support/hub';
import { killStrayHubProcesses, startHubProcess, stopHubProcess } from '../support/hub-process';
import {
  consistencyProblems,
  openServices,
  postgresAmcheck,
  postGraphQL,
  random,
  recomputeProblems,
  snapshot,
  sqliteIntegrityProblems,
  testSeed,
  type Random,
} from '../support/robustness';
import { customerRecord, INGEST, people, sourcesOf, type Person, type Source } from '../support/workload';

// The hub process is killed (SIGKILL) at a random moment while four clients stream ingest batches of
// overlapping duplicates into it, restarted, and so on for 20 rounds, on each storage engine. A client
// does what a real source does: a batch that got no answer is sent again after the restart. Checked
// after every restart: each record the hub acknowledged is stored as acknowledged (or as the unanswered
// batch sent after it). Checked at the end: the engine's own integrity check, the hub's invariants,
// each golden record equal to its recomputation from its source records, and the outbox (a golden
// event, a webhook message and a delivery for every golden version).

const ROUNDS = 20;
const CLIENTS = 4;
const PEOPLE = 150;
const BASE_TIME = Date.parse('2024-01-01T00:00:00Z');

interface Identity {
  readonly key: string;
  readonly source: Source;
  readonly sourceId: string;
  readonly person: Person;
  /** Ops sent so far (each op gets the next updatedAt). */
  ops: number;
  version: number;
  deleted: boolean;
  created: boolean;
}

interface Ack {
  readonly record: Record<string, unknown>;
  readonly outcome: string;
  readonly goldenId: string | null;
}

interface Batch {
  readonly source: Source;
  readonly records: Record<string, unknown>[];
  readonly keys: string[];
  /** Sent again after a crash. */
  retried: boolean;
}

/** What the hub must store for a record it accepted: the attributes as sent, the envelope apart. */
function storedForm(record: Record<string, unknown>) {
  const { sourceId: _, updatedAt, deleted, ...attributes } = record;
  return JSON.stringify({ attributes, updatedAt: (updatedAt as string | undefined) ?? null, deleted: deleted === true });
}

class IngestClient {
  batch: Batch | null = null;

  constructor(
    readonly id: number,
    private readonly identities: Identity[],
    private readonly random: Random,
    private readonly ledger: Ledger,
  ) {}

  /** Sends batches until a request fails (the hub died); an unanswered batch stays pending for the next round. */
  async run(url: string, key: string): Promise<void> {
    for (;;) {
      const batch = this.batch ?? this.nextBatch();
      this.batch = batch;
      let result;
      try {
        result = await postGraphQL(url, key, { query: INGEST, variables: { source: batch.source, records: batch.records } });
      } catch {
        this.ledger.cutOff++;
        return; // killed mid-request: the batch stays pending
      }
      const payload = result.json?.data?.ingestCustomers;
      if (result.status !== 200 || !payload || payload.userErrors.length > 0) {
        this.ledger.problems.push(`client ${this.id}: HTTP ${result.status} ${result.text.slice(0, 300)}`);
        return;
      }
      this.ledger.acknowledge(batch, payload.results);
      this.batch = null;
    }
  }

  private nextBatch(): Batch {
    const source = this.random.pick([...new Set(this.identities.map((i) => i.source))]);
    const mine = this.identities.filter((i) => i.source === source);
    const chosen = this.random.shuffle([...mine]).slice(0, this.random.int(3, 25));
    const records = chosen.map((identity) => this.nextOp(identity));
    for (const [k, identity] of chosen.entries()) this.ledger.pending.set(identity.key, records[k]);
    return { source, records, keys: chosen.map((i) => i.key), retried: false };
  }

  /** A create, an update, an identical re-send, a delete or an undelete, each later than the last. */
  private nextOp(identity: Identity): Record<string, unknown> {
    const resend = identity.created && this.random.chance(0.1);
    if (!resend) {
      identity.ops++;
      if (!identity.created) identity.created = true;
      else if (!identity.deleted && this.random.chance(0.08)) identity.deleted = true;
      else {
        identity.deleted = false;
        identity.version++;
      }
    }
    const updatedAt = new Date(BASE_TIME + identity.ops * 60_000).toISOString();
    if (identity.deleted) return { sourceId: identity.sourceId, deleted: true, updatedAt };
    return { ...customerRecord(identity.person, identity.source, identity.version), updatedAt };
  }
}

/** Every acknowledgement and every unanswered record, by identity (`source/sourceId`). */
class Ledger {
  readonly acked = new Map<string, Ack>();
  /** Records sent and not answered yet: the hub may hold them or the acknowledged version before them. */
  readonly pending = new Map<string, Record<string, unknown>>();
  readonly problems: string[] = [];
  batchesAcked = 0;
  recordsAcked = 0;
  cutOff = 0;
  /** Re-sent batches whose records had committed before the crash (UNCHANGED) or had not (CREATED/UPDATED). */
  retriedCommitted = 0;
  retriedLost = 0;

  acknowledge(batch: Batch, results: { index: number; outcome: string; goldenId: string | null; errors: unknown[]; warnings: { code: string }[] }[]): void {
    this.batchesAcked++;
    for (const [k, record] of batch.records.entries()) {
      const result = results[k];
      const key = batch.keys[k];
      if (!result || result.index !== k || !['CREATED', 'UPDATED', 'UNCHANGED'].includes(result.outcome)) {
        this.problems.push(`${key}: not acknowledged: ${JSON.stringify(result)}`);
        continue;
      }
      if (result.warnings.some((w) => w.code === 'STALE_UPDATE')) this.problems.push(`${key}: STALE_UPDATE for a record sent in order`);
      this.acked.set(key, { record, outcome: result.outcome, goldenId: result.goldenId });
      this.pending.delete(key);
      this.recordsAcked++;
    }
    if (batch.retried) {
      if (results.every((r) => r.outcome === 'UNCHANGED')) this.retriedCommitted++;
      else this.retriedLost++;
    }
  }
}

describe.each(DIALECTS)('ingest across SIGKILLs of the hub process (%s)', (dialect) => {
  let scratch: ScratchDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-crash-'));
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const env = () => ({
    DATABASE_URL: scratch.url,
    CANON_DATA_DIR: dataDir,
    CANON_BOOTSTRAP_ADMIN_KEY: adminKey,
    CANON_WEBHOOK_ALLOW: '127.0.0.1/32',
    // The outbox is written with every change; nothing sends it, so every row stays for the check.
    CANON_WEBHOOK_DISPATCH: 'off',
  });

  /** The stored source records, read with a connection of the test's own (the hub may be running). */
  const storedRecords = async () => {
    const sql = 'SELECT s.source, s.source_id, s.attributes, s.source_updated_at, s.deleted, s.golden_id, g.status FROM source_record s LEFT JOIN golden_record g ON g.id = s.golden_id';
    let rows: Record<string, any>[];
    if (dialect === 'sqlite') {
      const db = new Sqlite(scratch.url.replace(/^sqlite:/, ''), { readonly: true });
      try {
        rows = db.prepare(sql).all() as Record<string, any>[];
      } finally {
        db.close();
      }
    } else {
      const client = new Client({ connectionString: scratch.url });
      await client.connect();
      try {
        rows = (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    }
    return new Map(
      rows.map((r) => [
        `${r.source}/${r.source_id}`,
        {
          stored: JSON.stringify({ attributes: JSON.parse(r.attributes), updatedAt: r.source_updated_at, deleted: Boolean(r.deleted) }),
          goldenId: r.golden_id as string,
          status: r.status as string | null,
          deleted: Boolean(r.deleted),
        },
      ]),
    );
  };

  /** Each acknowledged record is stored as acknowledged, or as the unanswered version sent after it. */
  const durabilityProblems = async (ledger: Ledger, exact: boolean) => {
    const stored = await storedRecords();
    const problems: string[] = [];
    for (const [key, ack] of ledger.acked) {
      const row = stored.get(key);
      const allowed = [storedForm(ack.record), ...(!exact && ledger.pending.has(key) ? [storedForm(ledger.pending.get(key)!)] : [])];
      if (!row) problems.push(`${key}: acknowledged (${ack.outcome}) but not stored`);
      else if (!allowed.includes(row.stored)) problems.push(`${key}: stored ${row.stored}, acknowledged ${allowed[0]}`);
      else if (!row.status) problems.push(`${key}: links to missing golden record ${row.goldenId}`);
      else if (!row.deleted && row.status !== 'active') problems.push(`${key}: live record in a ${row.status} golden record`);
      else if (row.deleted && row.status === 'merged') problems.push(`${key}: deleted record in a merged golden record`);
    }
    for (const key of stored.keys()) if (!ledger.acked.has(key) && !ledger.pending.has(key)) problems.push(`${key}: stored but never sent`);
    return problems;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
  });
  afterAll(async () => {
    await killStrayHubProcesses();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged record, a consistent database and its outbox across ${ROUNDS} crashes`, async () => {
    const seed = testSeed(`crash ${dialect}`);
    const rnd = random(seed);
    const ledger = new Ledger();
    const identities: Identity[] = people(PEOPLE).flatMap((person) =>
      sourcesOf(person, rnd).map((source) => ({ key: `${source}/${source}-${person.id}`, source, sourceId: `${source}-${person.id}`, person, ops: 0, version: 0, deleted: false, created: false })),
    );
    // Each identity belongs to one client, so its versions are sent in order; a person's records are spread over clients.
    const clients = Array.from({ length: CLIENTS }, (_, c) => new IngestClient(c, identities.filter((_, i) => i % CLIENTS === c), random(seed + 1 + c), ledger));

    let hub = await startHubProcess(env());
    const admin = async (query: string, variables?: Record<string, unknown>) => {
      const result = await postGraphQL(hub.url, adminKey, { query, variables });
      expect(result.json?.errors, result.text).toBeUndefined();
      return result.json.data;
    };
    for (const code of ['crm', 'erp', 'shop']) {
      expect((await admin(`mutation($c: String!) { createSourceSystem(input: { code: $c }) { userErrors { code } } }`, { c: code })).createSourceSystem.userErrors).toEqual([]);
    }
    const subscription = (
      await admin(`mutation { createWebhookSubscription(input: { url: "http://127.0.0.1:9/canon-crash-test", eventTypes: ["*"] }) { subscription { id } userErrors { code message } } }`)
    ).createWebhookSubscription;
    expect(subscription.userErrors).toEqual([]);
    const subscriptionId = subscription.subscription.id as string;

    let roundsCutMidRequest = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const cutBefore = ledger.cutOff;
      for (const client of clients) if (client.batch) client.batch.retried = true;
      const runs = clients.map((c) => c.run(hub.url, adminKey));
      await new Promise((r) => setTimeout(r, rnd.int(100, 1000)));
      await stopHubProcess(hub, 'SIGKILL');
      await Promise.all(runs);
      if (ledger.cutOff > cutBefore) roundsCutMidRequest++;
      expect(ledger.problems).toEqual([]);
      hub = await startHubProcess(env());
      const lost = await durabilityProblems(ledger, false);
      expect(lost.slice(0, 20), `after crash ${round}`).toEqual([]);
    }

    // The last restart: the clients send what went unanswered, and the hub is stopped cleanly.
    for (const client of clients) {
      if (!client.batch) continue;
      const batch = client.batch;
      batch.retried = true;
      const result = await postGraphQL(hub.url, adminKey, { query: INGEST, variables: { source: batch.source, records: batch.records } });
      expect(result.status, result.text).toBe(200);
      ledger.acknowledge(batch, result.json.data.ingestCustomers.results);
      client.batch = null;
    }
    expect(ledger.problems).toEqual([]);
    expect(ledger.pending.size).toBe(0);
    expect((await durabilityProblems(ledger, true)).slice(0, 20)).toEqual([]);
    // An acknowledged golden id still leads to the record's golden record (through merges, if any).
    const goldenOf = async (id: string) =>
      (await admin(`query($id: ID!) { customer(id: $id) { id } }`, { id })).customer?.id as string | undefined;
    const stored = await storedRecords();
    const sample = random(seed + 99).shuffle([...ledger.acked.entries()].filter(([, a]) => a.goldenId)).slice(0, 60);
    for (const [key, ack] of sample) expect(await goldenOf(ack.goldenId!), key).toBe(stored.get(key)!.goldenId);
    await stopHubProcess(hub, 'SIGTERM');

    console.log(
      `[crash ${dialect}] ${ROUNDS} SIGKILLs, ${roundsCutMidRequest} of them with requests in flight; ${ledger.batchesAcked} batches and ${ledger.recordsAcked} records acknowledged; ` +
        `re-sent after a crash: ${ledger.retriedCommitted} batches had committed (all UNCHANGED), ${ledger.retriedLost} had not`,
    );
    expect(roundsCutMidRequest).toBeGreaterThanOrEqual(ROUNDS / 2); // the kills did land mid-work
    expect(ledger.recordsAcked).toBeGreaterThan(1000);

    const services = await openServices(scratch.url, dataDir);
    try {
      const database = services.get(Database);
      // 1. The engine's own integrity check.
      if (dialect === 'sqlite') expect(await sqliteIntegrityProblems(database)).toEqual([]);
      else {
        const amcheck = await postgresAmcheck(database);
        if (amcheck.skipped) console.log(`[crash postgres] amcheck skipped: ${amcheck.skipped}`);
        else expect(amcheck.checked.length).toBeGreaterThan(10);
        expect(amcheck.problems).toEqual([]);
      }
      // 2. The hub's invariants: crosswalk, statuses, match keys, event chains, filter columns.
      const state = await snapshot(database);
      const engine = services.get(MatchingService).engine('customer');
      expect(consistencyProblems(state, { maxFrequencyOf: (key) => engine.maxFrequencyOf(key) }).slice(0, 20)).toEqual([]);
      // 3. Every golden record is what survivorship makes of its source records now.
      expect((await recomputeProblems(services, state)).slice(0, 20)).toEqual([]);
      // 4. The outbox: every golden version has its event (checked above), each event its message and its delivery.
      const outbox = [
        ...(await database.query(`SELECT e.id FROM golden_event e LEFT JOIN webhook_message m ON m.event_id = e.id WHERE m.event_id IS NULL`)).map((r) => `event ${r.id} has no webhook message`),
        ...(await database.query(`SELECT m.event_id FROM webhook_message m LEFT JOIN golden_event e ON e.id = m.event_id WHERE e.id IS NULL`)).map((r) => `message ${r.event_id} has no event`),
        ...(
          await database.query(
            `SELECT e.id, count(d.id) AS n FROM golden_event e LEFT JOIN webhook_delivery d ON d.event_id = e.id AND d.subscription_id = ? AND d.golden_id = e.golden_id AND d.golden_version = e.version GROUP BY e.id HAVING count(d.id) <> 1`,
            [subscriptionId],
          )
        ).map((r) => `event ${r.id} has ${r.n} deliveries`),
      ];
      expect(outbox.slice(0, 20)).toEqual([]);
      // Every source record was created by a change that wrote an event naming it.
      const cited = new Set([...state.events.values()].flatMap((events) => events.flatMap((e) => e.payload.sourceRecordIds ?? [])));
      expect(state.sources.filter((s) => !cited.has(s.id)).map((s) => `${s.source}/${s.sourceId}`)).toEqual([]);
      // 5. The clusters are right: all live records of a person in one golden record, no two people in one.
      const byGolden = new Map<string, Set<number>>();
      const byPerson = new Map<number, Set<string>>();
      for (const s of state.sources) {
        if (s.deleted) continue;
        const person = Number(s.sourceId.split('-')[1]);
        byGolden.set(s.goldenId, (byGolden.get(s.goldenId) ?? new Set()).add(person));
        byPerson.set(person, (byPerson.get(person) ?? new Set()).add(s.goldenId));
      }
      expect([...byPerson].filter(([, g]) => g.size > 1).map(([p, g]) => `person ${p} in ${g.size} golden records`)).toEqual([]);
      expect([...byGolden].filter(([, p]) => p.size > 1).map(([g, p]) => `golden ${g} holds people ${[...p]}`)).toEqual([]);
    } finally {
      await services.close();
    }
  }, 300_000);
});
