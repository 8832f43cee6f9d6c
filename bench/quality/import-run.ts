// Imports a dataset through the hub's services (the code path of `canon import`) into a fresh SQLite
// scratch database, and reads back what the hub made of each record: its golden record and blocking keys.
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/common/database/database';
import { createScratchDatabase } from '../../src/common/database/scratch-database';
import { loadConfig } from '../../src/config/canon-config';
import type { RecordMapping } from '../../src/contracts/record-mapping';
import { FileImportService } from '../../src/ingestion/file-import/file-import.service';
import { ServicesModule } from '../../src/services.module';
import { SourceSystemService } from '../../src/source-systems/source-system.service';
import { ENTITY_TYPES } from '../../src/common/entity-type';
import { loadRulesFile, rulesPath } from '../../src/matching/match-rules.loader';
import { RulesTrainingService } from '../../src/matching/rules-training.service';
import { STORED_KEYS } from '../../src/matching/recent-keys';
import type { Dataset } from './datasets';
import type { EvaluatedRecord } from './metrics';

export type ImportOrder = 'forward' | 'reverse';

export interface ImportRun {
  /** Every record of the dataset in dataset order (sources concatenated), whatever the import order. */
  readonly records: EvaluatedRecord[];
  /** Per record, `source \0 sourceId`: the identity that survives from one run to the next. */
  readonly keys: string[];
  readonly rejected: number;
  readonly seconds: number;
  /** Rejected records by their first error (`code field`). */
  readonly rejectReasons: ReadonlyMap<string, number>;
  /** The open potential-match tasks, each as the golden records a steward would merge by confirming it. */
  readonly reviewQueue: readonly ReviewLink[];
}

export interface ReviewLink {
  readonly inboundGolden: string;
  readonly candidateGoldens: readonly string[];
  /** The inbound record and the best candidate are one entity by the ground truth. */
  readonly correct: boolean;
}

interface CrosswalkRow {
  id: string;
  source: string;
  source_id: string;
  golden_id: string;
}

interface MatchKeyRow {
  block_key: string;
  source_record_id: string;
}

/**
 * Runs one import of the whole dataset. `reverse` imports the sources in reverse order and each file's
 * records in reverse order: the exact reverse of the forward arrival sequence. `rulesDir` is the hub's
 * CANON_RULES_DIR (unset: the shipped default rules).
 */
export async function importDataset(
  dataset: Dataset,
  mapping: RecordMapping,
  order: ImportOrder,
  workDir: string,
  rulesDir?: string,
): Promise<ImportRun> {
  return withImportedHub(dataset, mapping, order, workDir, rulesDir, async (app, imported) => {
    const database = app.get(Database);
    const crosswalk = await database.query<CrosswalkRow>(
      'SELECT id, source, source_id, golden_id FROM source_record WHERE entity_type = ? AND NOT deleted',
      [dataset.entityType],
    );
    const matchKeys = await database.query<MatchKeyRow>(`SELECT block_key, source_record_id FROM ${STORED_KEYS} WHERE entity_type = ?`, [dataset.entityType]);
    const tasks = await database.query<{ subjects: string }>("SELECT subjects FROM review_task WHERE kind = 'potential_match' AND status = 'open' AND entity_type = ?", [
      dataset.entityType,
    ]);
    return { ...joinTruth(dataset, crosswalk, matchKeys, imported.rejected), ...imported, reviewQueue: reviewQueue(dataset, crosswalk, tasks) };
  });
}

/**
 * Imports the dataset, trains the rules of its entity type on what the hub then holds (`canon rules train`:
 * EM, unsupervised, no ground truth), and returns a rules folder with the trained file, the other entity
 * types' rules copied from `rulesDir` (or the defaults).
 */
export async function trainRules(dataset: Dataset, mapping: RecordMapping, workDir: string, rulesDir?: string): Promise<string> {
  const trainedDir = join(workDir, `rules-${dataset.name}`);
  mkdirSync(trainedDir, { recursive: true });
  await withImportedHub(dataset, mapping, 'forward', workDir, rulesDir, async (app) => {
    const { rules } = await app.get(RulesTrainingService).train(dataset.entityType);
    writeFileSync(join(trainedDir, `${dataset.entityType}.rules.json`), JSON.stringify(rules, null, 2));
  });
  for (const entityType of ENTITY_TYPES.filter((t) => t !== dataset.entityType)) {
    // Written resolved: a profile's `extends` is relative to where the profile lives.
    const rules = loadRulesFile(rulesPath(entityType, rulesDir ?? trainedDir), entityType);
    writeFileSync(join(trainedDir, `${entityType}.rules.json`), JSON.stringify(rules, null, 2));
  }
  return trainedDir;
}

async function withImportedHub<T>(
  dataset: Dataset,
  mapping: RecordMapping,
  order: ImportOrder,
  workDir: string,
  rulesDir: string | undefined,
  work: (app: INestApplicationContext, imported: Omit<ImportRun, 'records' | 'keys' | 'reviewQueue'>) => Promise<T>,
): Promise<T> {
  const scratch = await createScratchDatabase('sqlite');
  try {
    const config = { ...loadConfig(rulesDir ? { CANON_RULES_DIR: rulesDir } : {}), database: scratch.config, logLevel: 'silent' as const };
    const app = await NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: false, abortOnError: false });
    try {
      let seconds = 0;
      let rejected = 0;
      const rejectReasons = new Map<string, number>();
      const sources = order === 'forward' ? dataset.sources : [...dataset.sources].reverse();
      for (const source of sources) {
        // The link datasets are clean-clean: each source lists an entity once, as its source system is told.
        await app.get(SourceSystemService).create({ code: source.code, uniqueRecords: dataset.task === 'link' });
        const file = join(workDir, `${dataset.name}-${order}-${source.code}.csv`);
        writeCsv(file, source.header, order === 'forward' ? source.rows : [...source.rows].reverse());
        const report = await app.get(FileImportService).import({ entityType: dataset.entityType, source: source.code, file, mapping, actor: 'bench:quality' });
        seconds += report.seconds;
        rejected += report.rejected;
        if (report.rejectsFile) countRejectReasons(report.rejectsFile, rejectReasons);
      }
      return await work(app, { seconds, rejected, rejectReasons });
    } finally {
      await app.close();
    }
  } finally {
    await scratch.drop();
  }
}

/** The review queue in golden ids as they are now (a candidate may have been merged since), checked against the truth. */
function reviewQueue(dataset: Dataset, crosswalk: CrosswalkRow[], tasks: { subjects: string }[]): ReviewLink[] {
  const entityOf = new Map<string, string>();
  for (const source of dataset.sources) source.sourceIds.forEach((sourceId, i) => entityOf.set(identity(source.code, sourceId), source.entities[i]));
  const byId = new Map(crosswalk.map((row) => [row.id, row]));
  const entity = (id: string) => {
    const row = byId.get(id);
    return row ? entityOf.get(identity(row.source, row.source_id)) : undefined;
  };
  return tasks.flatMap(({ subjects }) => {
    const task = JSON.parse(subjects) as { sourceRecordId: string; candidates: { sourceRecordId: string }[] };
    const inbound = byId.get(task.sourceRecordId);
    if (!inbound || task.candidates.length === 0) return [];
    const candidateGoldens = task.candidates.map((c) => byId.get(c.sourceRecordId)?.golden_id).filter((g): g is string => g !== undefined);
    return [{ inboundGolden: inbound.golden_id, candidateGoldens, correct: entity(task.sourceRecordId) === entity(task.candidates[0].sourceRecordId) }];
  });
}

/** Lines up the hub's crosswalk and blocking keys with the dataset's records and their ground truth. */
function joinTruth(dataset: Dataset, crosswalk: CrosswalkRow[], matchKeys: MatchKeyRow[], rejected: number): Pick<ImportRun, 'records' | 'keys'> {
  const keysById = new Map<string, string[]>();
  for (const { block_key, source_record_id } of matchKeys) {
    const list = keysById.get(source_record_id);
    if (list) list.push(block_key);
    else keysById.set(source_record_id, [block_key]);
  }
  const byIdentity = new Map(crosswalk.map((row) => [identity(row.source, row.source_id), row]));
  const records: EvaluatedRecord[] = [];
  const keys: string[] = [];
  for (const source of dataset.sources) {
    source.sourceIds.forEach((sourceId, i) => {
      const key = identity(source.code, sourceId);
      const row = byIdentity.get(key);
      byIdentity.delete(key);
      keys.push(key);
      records.push({ source: source.code, entity: source.entities[i], golden: row?.golden_id ?? null, blockKeys: row ? (keysById.get(row.id) ?? []) : [] });
    });
  }
  // Every record must be either in the crosswalk or rejected: anything else means the figures lie.
  const total = records.length;
  if (byIdentity.size > 0) throw new Error(`${dataset.name}: the hub holds records the dataset does not have, e.g. ${[...byIdentity.keys()][0]}`);
  if (crosswalk.length + rejected !== total) {
    throw new Error(`${dataset.name}: ${crosswalk.length} imported + ${rejected} rejected ≠ ${total} records`);
  }
  return { records, keys };
}

function identity(source: string, sourceId: string): string {
  return `${source}\u0000${sourceId}`;
}

function countRejectReasons(rejectsFile: string, counts: Map<string, number>): void {
  for (const line of readFileSync(rejectsFile, 'utf8').split('\n')) {
    if (!line) continue;
    const { errors } = JSON.parse(line) as { errors?: { field: string | null; code: string }[] };
    const first = errors?.[0];
    const reason = first ? `${first.code}${first.field ? ` ${first.field}` : ''}` : 'unknown';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
}

/** RFC 4180 CSV with a header line, which the hub's importer reads (comma detected from the header). */
export function writeCsv(path: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const line = (cells: readonly string[]) => cells.map(quoteCsv).join(',');
  writeFileSync(path, `${[line(header), ...rows.map(line)].join('\n')}\n`);
}

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
