// npm run bench:match [-- 10000,100000,1000000 [postgres]]: single-record match latency, in process and
// without HTTP: `findMatches` (normalise → blocking keys → candidates from the database → score) for
// records that re-describe a stored customer and for people the hub has never seen, as the hub grows
// through 10k, 100k and 1M golden records (one database, loaded through the real import pipeline).
// The floor is the cheapest read the hub can make, one source record by primary key, timed in the
// same run on the same database.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/common/database/database';
import { createScratchDatabase } from '../src/common/database/scratch-database';
import { loadConfig } from '../src/config/canon-config';
import { FileImportService } from '../src/ingestion/file-import/file-import.service';
import type { Attributes } from '../src/matching/engine/types';
import { MatchQueryService } from '../src/matching/match-query.service';
import { MatchingService } from '../src/matching/matching.service';
import { ServicesModule } from '../src/services.module';
import { SourceSystemService } from '../src/source-systems/source-system.service';
import { generateCustomers, type GeneratedCustomer } from './support/generate-customers';
import { pick, seededRandom } from './support/random';
import { fmt } from './support/report';

const QUERIES = 2_000;
const WARM_UP = 200;
const P99_TARGET_MS = 5;

interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

export async function benchMatch(sizes: readonly number[], dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<void> {
  const largest = Math.max(...sizes);
  console.log(`bench:match: findMatches on ${dialect}, ${fmt(QUERIES)} queries per size (half re-describe a stored customer, half are new)`);
  // Every record a new person, so that N records are N golden records; queries come from a different seed.
  const people = generateCustomers(largest, 0, 7);
  const strangers = generateCustomers(QUERIES, 0, 99).map((c, i) => ({ ...c, sourceId: `Q${i}`, email: `q${i}.${c.email}` }));
  const scratch = await createScratchDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'canon-bench-match-'));
  const config = { ...loadConfig({}), database: scratch.config, logLevel: 'silent' as const };
  const app = await NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: false, abortOnError: false });
  try {
    await app.get(SourceSystemService).create({ code: 'bench' });
    let loaded = 0;
    const results: { size: number; match: Latency; floor: Latency; candidates: number }[] = [];
    // Each size's row as soon as it is measured: a run stopped while loading 1M still shows the others.
    console.log(`${'golden'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'floor ms'.padStart(8)} ${'ratio'.padStart(7)} ${'candidates'.padStart(10)}`);
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const file = join(dir, `customers-${size}.ndjson`);
      writeFileSync(file, people.slice(loaded, size).map((c) => JSON.stringify(c)).join('\n'));
      const report = await app.get(FileImportService).import({ entityType: 'customer', source: 'bench', file, actor: 'bench' });
      rmSync(file);
      loaded = size;
      const queries = queriesFor(people.slice(0, size), strangers);
      const match = await timeFindMatches(app, queries);
      const floor = await timePrimaryKeyLookup(app);
      const candidates = await meanCandidates(app, queries.slice(0, 200));
      results.push({ size, match, floor, candidates });
      console.log(
        `${fmt(size).padStart(10)} ${ms(match.p50)} ${ms(match.p99)} ${ms(match.mean)} ${ms(floor.p50)} ${(floor.p50 / match.p50).toFixed(3).padStart(7)} ${candidates.toFixed(1).padStart(10)}   (loaded at ${fmt(report.recordsPerSecond)}/s)`,
      );
    }
    const at100k = results.find((r) => r.size === 100_000);
    if (at100k) {
      const verdict = at100k.match.p99 <= P99_TARGET_MS ? 'meets' : 'BELOW';
      console.log(`p99 at 100k golden records: ${at100k.match.p99.toFixed(2)} ms (target <= ${P99_TARGET_MS} ms: ${verdict})`);
    }
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1], results[i]];
      const growth = b.match.mean / a.match.mean;
      const sqrt = Math.sqrt(b.size / a.size);
      console.log(`cost ${fmt(a.size)} → ${fmt(b.size)}: x${growth.toFixed(2)} (√N would be x${sqrt.toFixed(2)}: ${growth <= sqrt ? 'meets' : 'BELOW'})`);
    }
  } finally {
    await app.close();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Half the queries re-describe a stored customer as another system would; half are strangers. */
function queriesFor(stored: readonly GeneratedCustomer[], strangers: readonly GeneratedCustomer[]): Record<string, unknown>[] {
  const random = seededRandom(5);
  const queries: Record<string, unknown>[] = [];
  for (let i = 0; i < QUERIES; i++) {
    if (i % 2 === 1) {
      const { sourceId: _, ...stranger } = strangers[i];
      queries.push(stranger);
      continue;
    }
    const { sourceId: _, ...person } = pick(random, stored);
    queries.push({ ...person, email: person.email.toUpperCase(), phone: person.phone.replace('+49 ', '0'), givenName: typo(person.givenName, random) });
  }
  return queries;
}

function typo(name: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (name.length - 2));
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

async function timeFindMatches(app: INestApplicationContext, queries: readonly Record<string, unknown>[]): Promise<Latency> {
  const service = app.get(MatchQueryService);
  for (const query of queries.slice(0, WARM_UP)) await service.findMatches('customer', query, 5);
  const times: number[] = [];
  for (const query of queries) {
    const start = process.hrtime.bigint();
    const result = await service.findMatches('customer', query, 5);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!result.ok) throw new Error(`query rejected: ${JSON.stringify(result.errors)}`);
  }
  return latency(times);
}

async function timePrimaryKeyLookup(app: INestApplicationContext): Promise<Latency> {
  const database = app.get(Database);
  const random = seededRandom(11);
  const ids = (await database.query<{ id: string }>(`SELECT id FROM source_record ORDER BY id LIMIT ${QUERIES}`)).map((r) => r.id);
  const times: number[] = [];
  for (let i = 0; i < QUERIES + WARM_UP; i++) {
    const start = process.hrtime.bigint();
    await database.query(`SELECT id, golden_id, normalized FROM source_record WHERE id = ?`, [pick(random, ids)]);
    if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return latency(times);
}

/** How many stored records a query is compared with: what blocking keeps small as the hub grows. */
async function meanCandidates(app: INestApplicationContext, queries: readonly Record<string, unknown>[]): Promise<number> {
  const matching = app.get(MatchingService);
  const engine = matching.engine('customer');
  let total = 0;
  for (const query of queries) {
    const cleansed = engine.normalize(query as Attributes).cleansed!;
    const candidates = await matching.candidatesByKeys(app.get(Database), 'customer', engine.blockingKeys(engine.features(cleansed)));
    total += new Set(candidates.map((c) => c.sourceRecordId)).size;
  }
  return total / queries.length;
}

function latency(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((s, t) => s + t, 0) / sorted.length };
}

function ms(value: number): string {
  return value.toFixed(2).padStart(8);
}

if (require.main === module) {
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
  benchMatch(sizes, process.argv[3] === 'postgres' ? 'postgres' : 'sqlite').catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
