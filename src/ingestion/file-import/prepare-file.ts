import type { EntityType } from '../../common/entity-type';
import { ContractRegistry } from '../../contracts/contract-registry';
import { absentSourceWarnings, applyMapping, NOT_IN_LAYOUT, type MappingWarning, type RecordMapping } from '../../contracts/record-mapping';
import { addPaths, type SourceTrace } from '../../contracts/source-paths';
import { ENTITY_DEFINITIONS } from '../../matching/engine';
import { RulesEngine } from '../../matching/engine/rules-engine';
import type { MatchRules } from '../../matching/engine/rules/match-rules';
import type { NormalizeContext } from '../../matching/engine/types';
import type { PreparedRecord, RecordResult } from '../ingest.types';
import { prepareBatch, rejected } from '../prepare-record';
import { formatOf, readRecords } from './record-reader';

export interface PrepareFileOptions {
  readonly file: string;
  readonly entityType: EntityType;
  readonly mapping?: RecordMapping;
  /** The file's encoding, as fileEncoding() names it; UTF-8 when absent. */
  readonly encoding?: string;
  readonly batchSize: number;
  /** The hub's rules for the entity type (plain data, so they can be handed to a worker thread). */
  readonly rules: MatchRules;
  /** What cleansing needs of the source (its default country). */
  readonly context?: NormalizeContext;
}

/** One batch of a file, validated and cleansed, with the raw form of each rejected record for the rejects file. */
export interface PreparedFileBatch {
  readonly prepared: PreparedRecord[];
  readonly rejected: RecordResult[];
  readonly rawRejects: [position: number, raw: unknown][];
  readonly bytesRead: number;
  /** Notes on the whole file rather than one record (a mapped key no record had); on the last batch only. */
  readonly fileWarnings?: MappingWarning[];
}

// Long values are cut in the rejects file: it must stay readable when a record carries a 10 MB field.
const MAX_REJECT_VALUE = 1000;
// A misspelt key is guessed from the keys of the first records: enough to see a file's shape, bounded
// however many records or free-form keys it has.
const PATH_SAMPLE_RECORDS = 1000;
const MAX_SAMPLED_PATHS = 2000;

/**
 * Reads a source file and runs the first stage of the ingest pipeline (map, validate, cleanse) on it, a
 * batch at a time. Pure of the database, so it can run in a worker thread beside the writer.
 */
export async function* prepareFile(options: PrepareFileOptions): AsyncGenerator<PreparedFileBatch> {
  const coerce = formatOf(options.file) === 'csv';
  const validator = new ContractRegistry().validator(options.entityType, { coerce });
  const engine = new RulesEngine(ENTITY_DEFINITIONS[options.entityType], options.rules);
  const lenient = new Set(options.mapping?.lenient ?? []);
  let bytesRead = 0;
  // `raw` is the row as the file has it: what a rejects file must show, before the mapping renamed and converted it.
  let rows: { position: number; record: Record<string, unknown>; raw: Record<string, unknown>; warnings: RecordResult['warnings'] }[] = [];
  let unreadable: { position: number; result: RecordResult; raw: string }[] = [];
  // Where each sourceId was first seen: a file that lists one record twice flips it on every import.
  const firstSeen = new Map<string, number>();
  // NDJSON has no header to check a mapping's keys against up front: note the keys no record has.
  const trace: SourceTrace | undefined = options.mapping && !coerce ? { seen: new Set() } : undefined;
  const sampledPaths = new Set<string>();
  let mapped = 0;

  const flush = (): PreparedFileBatch => {
    const { prepared, rejected: invalid } = prepareBatch(
      rows.map((r) => r.record),
      rows.map((r) => r.position),
      validator,
      engine,
      { lenient, context: options.context },
    );
    const rawByPosition = new Map(rows.map((r) => [r.position, r.raw]));
    const mappingWarnings = new Map(rows.filter((r) => r.warnings.length > 0).map((r) => [r.position, r.warnings]));
    const batch: PreparedFileBatch = {
      prepared: prepared.map((record) => withRepeatWarning(withWarnings(record, mappingWarnings.get(record.index)), firstSeen)),
      rejected: [...unreadable.map((u) => u.result), ...invalid.map((result) => ({ ...result, errors: withLayoutHints(result.errors, mappingWarnings.get(result.index)).items }))],
      rawRejects: [
        ...unreadable.map((u): [number, unknown] => [u.position, truncate(u.raw)]),
        ...invalid.map((r): [number, unknown] => [r.index, truncate(rawByPosition.get(r.index))]),
      ],
      bytesRead,
    };
    rows = [];
    unreadable = [];
    return batch;
  };

  for await (const row of readRecords(options.file, (n) => (bytesRead += n), options.encoding)) {
    if ('error' in row) unreadable.push({ position: row.position, result: rejected(row.position, null, [row.error]), raw: row.raw });
    else {
      const warnings: MappingWarning[] = [];
      // A line of JSON that is no object (null, [1]) goes unmapped, for the contract to reject as NOT_AN_OBJECT.
      const mappable = options.mapping && isObject(row.record);
      const record = mappable ? applyMapping(row.record, options.mapping!, warnings, trace) : row.record;
      if (mappable && trace && mapped++ < PATH_SAMPLE_RECORDS) addPaths(row.record, sampledPaths, MAX_SAMPLED_PATHS);
      rows.push({ position: row.position, record, raw: row.record, warnings });
    }
    if (rows.length + unreadable.length >= options.batchSize) yield flush();
  }
  // A file of no readable record has nothing to say about the keys.
  const fileWarnings = trace && mapped > 0 ? absentSourceWarnings(options.mapping!, trace.seen, sampledPaths) : [];
  if (rows.length + unreadable.length > 0) yield { ...flush(), fileWarnings };
  else if (fileWarnings.length > 0) yield { prepared: [], rejected: [], rawRejects: [], bytesRead, fileWarnings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withWarnings(record: PreparedRecord, mapping: RecordResult['warnings'] | undefined): PreparedRecord {
  if (!mapping) return record;
  const { items, notes } = withLayoutHints(record.warnings, mapping);
  return { ...record, warnings: [...notes, ...items] };
}

/**
 * A value in no layout the mapping reads was rejected, or dropped from a lenient field, with the contract's
 * message ("must be a date written YYYY-MM-DD"): the mapping's own note ("12.03.85" is not DD.MM.YYYY)
 * says what to fix, so it joins that message. Notes on fields nothing was said about stay warnings.
 */
function withLayoutHints<T extends { field: string | null; message: string }>(
  items: readonly T[],
  mapping: RecordResult['warnings'] | undefined,
): { items: T[]; notes: RecordResult['warnings'] } {
  const hints = new Map((mapping ?? []).filter((w) => w.code === NOT_IN_LAYOUT).map((w) => [w.field, w.message]));
  const hinted = items.map((item) => {
    const hint = item.field === null ? undefined : hints.get(item.field);
    if (hint === undefined) return item;
    hints.delete(item.field);
    return { ...item, message: `${item.message}: ${hint}` };
  });
  // The mapping's notes that joined no message stay warnings of their own.
  return { items: hinted, notes: (mapping ?? []).filter((w) => w.code !== NOT_IN_LAYOUT || hints.has(w.field)) };
}

/** Warns on a record whose sourceId an earlier line of the file had: the later one replaces it. */
function withRepeatWarning(record: PreparedRecord, firstSeen: Map<string, number>): PreparedRecord {
  const first = firstSeen.get(record.sourceId);
  if (first === undefined) {
    firstSeen.set(record.sourceId, record.index);
    return record;
  }
  const message = `sourceId "${record.sourceId}" is also on line ${first}: this later record replaces it, and each import of the file applies both again`;
  return { ...record, warnings: [...record.warnings, { field: 'sourceId', code: 'REPEATED_SOURCE_ID', message }] };
}

function truncate(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_REJECT_VALUE ? `${value.slice(0, MAX_REJECT_VALUE)}… (${value.length} characters)` : value;
  if (value && typeof value === 'object' && depth >= 5) return '… (nested too deep to show)';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => truncate(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).slice(0, 100).map(([k, v]) => [k, truncate(v, depth + 1)]));
  return value;
}
