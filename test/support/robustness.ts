import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Database } from '../../src/common/database/database';
import type { EntityType } from '../../src/common/entity-type';
import { seededRandom } from '../../src/common/seeded-random';
import { loadConfig } from '../../src/config/canon-config';
import { filterColumnValues, FILTER_COLUMNS } from '../../src/golden-records/filter-columns';
import { toGoldenState, toSourceState } from '../../src/golden-records/golden-record.store';
import type { GoldenState, SourceRecordState } from '../../src/golden-records/golden-record.types';
import { recomputeGolden } from '../../src/golden-records/recompute-golden';
import { survivorshipOf } from '../../src/matching/match-rules.loader';
import { MatchingService } from '../../src/matching/matching.service';
import { STORED_KEYS } from '../../src/matching/recent-keys';
import { ServicesModule } from '../../src/services.module';
import { SourceSystemService, trustLookup } from '../../src/source-systems/source-system.service';

/**
 * The seed of a randomised test: CANON_TEST_SEED when set (to replay a failure), else a fresh one.
 * Printed either way, so every failure can be reproduced.
 */
export function testSeed(label: string): number {
  const fromEnv = process.env.CANON_TEST_SEED;
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  console.log(`[${label}] seed ${seed} (replay with CANON_TEST_SEED=${seed})`);
  return seed;
}

export interface Random {
  (): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(items: T[]): T[];
}

export function random(seed: number): Random {
  const next = seededRandom(seed);
  const r = (() => next()) as Random;
  r.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  r.pick = (items) => items[Math.floor(next() * items.length)];
  r.chance = (p) => next() < p;
  r.shuffle = (items) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  return r;
}

export interface HttpResult {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
}

/** POSTs a GraphQL request (an object, or a raw body string) to a hub and returns status and body as received. */
export async function postGraphQL(url: string, key: string | null, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** Problems of a response that the hub must never give: a 5xx, an internal error, a 429 (the rate limit is too low for a normal client). */
export function serverFaults(result: HttpResult): string[] {
  const faults: string[] = [];
  if (result.status >= 500) faults.push(`HTTP ${result.status}: ${result.text.slice(0, 500)}`);
  if (result.status === 429) faults.push(`HTTP 429 (rate limited): the default rate limit is too low for this client: ${result.text.slice(0, 300)}`);
  for (const error of result.json?.errors ?? []) {
    if (error?.extensions?.code === 'INTERNAL_SERVER_ERROR') faults.push(`INTERNAL_SERVER_ERROR at ${JSON.stringify(error.path)}: ${error.message}`);
  }
  return faults;
}

/**
 * The hub's services (no HTTP) over an existing database, in this process: what the checks below read
 * with, and where they take the rules and trust rankings the hub itself uses.
 */
export async function openServices(databaseUrl: string, dataDir: string): Promise<INestApplicationContext> {
  const config = { ...loadConfig({ DATABASE_URL: databaseUrl, CANON_DATA_DIR: dataDir }), logLevel: 'silent' as const };
  return NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: false });
}

export const DATA_TABLES = ['source_record', 'golden_record', 'match_key', 'recent_match_key', 'golden_event', 'review_task', 'webhook_message', 'webhook_delivery'] as const;

export async function rowCounts(database: Database, tables: readonly string[] = DATA_TABLES): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await database.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  return counts;
}

/** SQLite's own checks: `PRAGMA integrity_check` must say ok and `PRAGMA foreign_key_check` find nothing. */
export async function sqliteIntegrityProblems(database: Database): Promise<string[]> {
  const integrity = await database.query<Record<string, string>>('PRAGMA integrity_check');
  const problems = integrity.map((r) => Object.values(r)[0]).filter((v) => v !== 'ok').map((v) => `integrity_check: ${v}`);
  const foreignKeys = await database.query('PRAGMA foreign_key_check');
  problems.push(...foreignKeys.map((r) => `foreign_key_check: ${JSON.stringify(r)}`));
  if (integrity.length === 0) problems.push('integrity_check returned nothing');
  return problems;
}

/**
 * PostgreSQL: amcheck's `bt_index_check` (with heapallindexed: every heap tuple has its index entry) on
 * every B-tree index of the hub's tables, and `verify_heapam` on every table. Returns what was checked,
 * or why it was skipped (the extension is not installed on the server).
 */
export async function postgresAmcheck(database: Database): Promise<{ problems: string[]; checked: string[]; skipped?: string }> {
  const available = await database.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'`);
  if (available.length === 0) return { problems: [], checked: [], skipped: 'the amcheck extension is not available on this server' };
  await database.query('CREATE EXTENSION IF NOT EXISTS amcheck');
  const indexes = await database.query<{ name: string; oid: string }>(
    `SELECT c.relname AS name, c.oid::text AS oid FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE am.amname = 'btree' AND n.nspname = current_schema() ORDER BY c.relname`,
  );
  const problems: string[] = [];
  for (const { name, oid } of indexes) {
    try {
      await database.query(`SELECT bt_index_check(?::oid, true)`, [oid]);
    } catch (error) {
      problems.push(`bt_index_check(${name}): ${(error as Error).message}`);
    }
  }
  const tables = await database.query<{ name: string; oid: string }>(
    `SELECT c.relname AS name, c.oid::text AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY 1`,
  );
  for (const { name, oid } of tables) {
    const corrupt = await database.query(`SELECT blkno, offnum, msg FROM verify_heapam(?::oid)`, [oid]);
    problems.push(...corrupt.map((c) => `verify_heapam(${name}): ${JSON.stringify(c)}`));
  }
  return { problems, checked: [...indexes.map((i) => i.name), ...tables.map((t) => `heap ${t.name}`)], skipped: undefined };
}

export interface Snapshot {
  goldens: GoldenState[];
  members: Map<string, SourceRecordState[]>;
  sources: SourceRecordState[];
  /** Raw golden_record rows (for the filter columns). */
  goldenRows: Record<string, unknown>[];
  /** golden id → its events' (version, status, type, changes) in version order. */
  events: Map<string, { id: string; version: number; type: string; payload: any }[]>;
  matchKeys: { entity_type: string; block_key: string; source_record_id: string }[];
}

export async function snapshot(database: Database): Promise<Snapshot> {
  const goldenRows = await database.query('SELECT * FROM golden_record ORDER BY id');
  const sourceRows = await database.query('SELECT * FROM source_record ORDER BY id');
  const sources = sourceRows.map(toSourceState);
  const members = new Map<string, SourceRecordState[]>();
  for (const s of sources) members.set(s.goldenId, [...(members.get(s.goldenId) ?? []), s]);
  const events = new Map<string, { id: string; version: number; type: string; payload: any }[]>();
  for (const row of await database.query<Record<string, any>>('SELECT id, golden_id, version, type, payload FROM golden_event ORDER BY golden_id, version, id')) {
    const list = events.get(row.golden_id) ?? [];
    list.push({ id: row.id, version: Number(row.version), type: row.type, payload: JSON.parse(row.payload) });
    events.set(row.golden_id, list);
  }
  const matchKeys = await database.query<{ entity_type: string; block_key: string; source_record_id: string }>(`SELECT entity_type, block_key, source_record_id FROM ${STORED_KEYS}`);
  return { goldens: goldenRows.map(toGoldenState), goldenRows, members, sources, events, matchKeys };
}

/**
 * The hub's invariants, checked on the stored rows (both dialects; on PostgreSQL this is the integrity
 * check besides amcheck): the crosswalk, golden statuses, match keys, the event chain of every golden
 * record and the filter columns. Returns one line per violation.
 */
export function consistencyProblems(s: Snapshot, options: { maxFrequencyOf?: (key: string) => number } = {}): string[] {
  const problems: string[] = [];
  const goldenById = new Map(s.goldens.map((g) => [g.id, g]));
  const sourceById = new Map(s.sources.map((r) => [r.id, r]));
  // Identities are unique.
  const identities = new Set<string>();
  for (const r of s.sources) {
    const identity = `${r.entityType}|${r.source}|${r.sourceId}`;
    if (identities.has(identity)) problems.push(`duplicate source record identity ${identity}`);
    identities.add(identity);
  }
  // Every source record links to exactly one existing golden record of its type, not a retired one; a live one to an active one.
  for (const r of s.sources) {
    const golden = goldenById.get(r.goldenId);
    if (!golden) problems.push(`source record ${r.id} (${r.source}/${r.sourceId}) links to missing golden record ${r.goldenId}`);
    else if (golden.entityType !== r.entityType) problems.push(`source record ${r.id} (${r.entityType}) links to a ${golden.entityType} golden record`);
    else if (golden.status === 'merged') problems.push(`source record ${r.id} links to merged golden record ${golden.id}`);
    else if (!r.deleted && golden.status !== 'active') problems.push(`live source record ${r.id} links to ${golden.status} golden record ${golden.id}`);
  }
  for (const g of s.goldens) {
    const members = s.members.get(g.id) ?? [];
    const live = members.filter((m) => !m.deleted);
    if (g.status === 'active' && live.length === 0) problems.push(`active golden record ${g.id} has no live source record`);
    if (g.status === 'deleted' && (members.length === 0 || live.length > 0)) problems.push(`deleted golden record ${g.id} has ${live.length} live of ${members.length} source records`);
    if (g.status === 'merged') {
      if (members.length > 0) problems.push(`merged golden record ${g.id} still has ${members.length} source records`);
      let target = g.mergedInto ? goldenById.get(g.mergedInto) : undefined;
      for (let hops = 0; target?.status === 'merged' && hops < 20; hops++) target = target.mergedInto ? goldenById.get(target.mergedInto) : undefined;
      if (!target || target.status === 'merged') problems.push(`merged golden record ${g.id} does not lead to a live golden record (mergedInto ${g.mergedInto})`);
    }
    if (!['active', 'merged', 'deleted'].includes(g.status)) problems.push(`golden record ${g.id} has status ${g.status}`);
    // Filter columns copy the attributes.
    const row = s.goldenRows.find((r) => r.id === g.id)!;
    const expected = filterColumnValues(g.entityType, g.attributes);
    const actual = Object.values(FILTER_COLUMNS).map((column) => (row[column] as string | null) ?? null);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) problems.push(`golden record ${g.id}: filter columns ${JSON.stringify(actual)}, attributes say ${JSON.stringify(expected)}`);
    // Every version has its event, exactly one; replaying them gives the stored attributes and status.
    const events = s.events.get(g.id) ?? [];
    const versions = events.map((e) => e.version);
    const wanted = Array.from({ length: g.version }, (_, i) => i + 1);
    if (JSON.stringify(versions) !== JSON.stringify(wanted)) problems.push(`golden record ${g.id} at version ${g.version} has events for versions ${JSON.stringify(versions)}`);
    const replayed: Record<string, unknown> = {};
    for (const e of events) for (const c of e.payload.changes ?? []) c.after === null ? delete replayed[c.attribute] : (replayed[c.attribute] = c.after);
    if (JSON.stringify(sortKeys(replayed)) !== JSON.stringify(sortKeys(g.attributes))) {
      problems.push(`golden record ${g.id}: its events replay to ${JSON.stringify(sortKeys(replayed))}, stored ${JSON.stringify(sortKeys(g.attributes))}`);
    }
    const last = events[events.length - 1];
    if (last && last.payload.status !== g.status) problems.push(`golden record ${g.id} is ${g.status}, its last event says ${last.payload.status}`);
  }
  for (const id of s.events.keys()) if (!goldenById.has(id)) problems.push(`events of missing golden record ${id}`);
  // Match keys point at existing live source records of their type, and are the keys those records list.
  const listedBy = new Map<string, number>();
  for (const r of s.sources) for (const k of r.matchKeys ?? []) listedBy.set(`${r.entityType}|${k}`, (listedBy.get(`${r.entityType}|${k}`) ?? 0) + 1);
  const stored = new Set<string>();
  for (const k of s.matchKeys) {
    const r = sourceById.get(k.source_record_id);
    // A key row lives in match_key or in the recent keys, never both.
    if (stored.has(`${k.source_record_id}|${k.block_key}`)) problems.push(`match key ${k.block_key} of source record ${k.source_record_id} is stored twice`);
    stored.add(`${k.source_record_id}|${k.block_key}`);
    if (!r) problems.push(`match key ${k.block_key} points at missing source record ${k.source_record_id}`);
    else if (r.entityType !== k.entity_type) problems.push(`match key ${k.block_key} (${k.entity_type}) points at a ${r.entityType} record`);
    else if (r.deleted) problems.push(`match key ${k.block_key} points at deleted source record ${r.id}`);
    else if (!(r.matchKeys ?? []).includes(k.block_key)) problems.push(`match key ${k.block_key} is not among the keys of source record ${r.id}`);
  }
  for (const r of s.sources) {
    if (r.deleted) continue;
    for (const k of r.matchKeys ?? []) {
      // A key met with more records than its limit is generic: listed, deliberately not stored.
      const generic = options.maxFrequencyOf !== undefined && (listedBy.get(`${r.entityType}|${k}`) ?? 0) > options.maxFrequencyOf(k);
      if (!generic && !stored.has(`${r.id}|${k}`)) problems.push(`source record ${r.id} lists key ${k}, match_key has no such row`);
    }
  }
  return problems;
}

/**
 * Every golden record equals a recomputation from its source records by the hub's own pure function
 * (`recomputeGolden`, which ingest and steward actions call), under the rules and trust the hub uses:
 * same attributes, provenance (which names the contributing records: membership) and status.
 */
export async function recomputeProblems(services: INestApplicationContext, s: Snapshot): Promise<string[]> {
  const systems = await services.get(SourceSystemService).list();
  const matching = services.get(MatchingService);
  const problems: string[] = [];
  for (const golden of s.goldens) {
    if (golden.status === 'merged') continue; // no members (checked above): nothing to recompute
    const members = s.members.get(golden.id) ?? [];
    const context = {
      entityType: golden.entityType as EntityType,
      trust: trustLookup(systems),
      survivorship: survivorshipOf(matching.rules[golden.entityType as EntityType]),
      now: new Date().toISOString(),
      actor: 'test',
    };
    const recomputed = recomputeGolden({ id: golden.id, before: golden, members, causes: [] }, context);
    if (recomputed) {
      problems.push(
        `golden record ${golden.id} differs from its recomputation: stored ${JSON.stringify({ a: golden.attributes, p: golden.provenance, s: golden.status })}, ` +
          `recomputed ${JSON.stringify({ a: recomputed.golden.attributes, p: recomputed.golden.provenance, s: recomputed.golden.status })}`,
      );
    }
    // Membership, said plainly: provenance names exactly the live members (all members once all are deleted).
    const live = members.filter((m) => !m.deleted);
    const contributors = (live.length > 0 ? live : members).map((m) => m.id).sort();
    if (JSON.stringify(golden.provenance.m) !== JSON.stringify(contributors)) {
      problems.push(`golden record ${golden.id}: provenance names ${JSON.stringify(golden.provenance.m)}, its contributing members are ${JSON.stringify(contributors)}`);
    }
  }
  return problems;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The partition of source records into golden records, as a canonical string set (to compare runs). */
export function partitionOf(s: Snapshot): string[] {
  const clusters = new Map<string, string[]>();
  for (const r of s.sources) {
    if (r.deleted) continue;
    clusters.set(r.goldenId, [...(clusters.get(r.goldenId) ?? []), `${r.source}/${r.sourceId}`]);
  }
  return [...clusters.values()].map((c) => c.sort().join(' ')).sort();
}

