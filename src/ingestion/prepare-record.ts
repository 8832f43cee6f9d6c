import { hash } from 'node:crypto';
import type { ContractValidator } from '../contracts/contract-validator';
import type { Attributes, FieldError, MatchEngine, NormalizeContext } from '../matching/engine/types';
import type { PreparedRecord, RecordResult } from './ingest.types';

/** Validates one inbound record against its contract and cleanses it; either result is final for the record. */
export interface PrepareOptions {
  /**
   * Fields whose invalid values are dropped, with a warning, instead of rejecting the record (a mapping's
   * `lenient`: an impossible birth date should not cost the whole customer). Unknown and missing fields
   * still reject.
   */
  readonly lenient?: ReadonlySet<string>;
  readonly context?: NormalizeContext;
}

// Errors a lenient field may have dropped: a bad value, not a bad shape of the record.
const DROPPABLE = new Set(['INVALID_FORMAT', 'INVALID_VALUE', 'WRONG_TYPE', 'TOO_LONG', 'OUT_OF_RANGE', 'INVALID_GTIN']);

export function prepareRecord(
  input: unknown,
  index: number,
  validator: ContractValidator,
  engine: MatchEngine,
  options: PrepareOptions = {},
): PreparedRecord | RecordResult {
  let validation = validator.validate(input);
  const warnings: FieldError[] = [];
  if (!validation.ok && isDroppable(validation.errors, options.lenient)) {
    validation = validator.validate(withoutInvalid(input as Attributes, validation.errors, warnings));
  }
  if (!validation.ok) return rejected(index, validation.sourceId, validation.errors);
  const { sourceId, updatedAt, deleted } = validation.record;
  let { attributes } = validation.record;
  if (deleted) {
    return { index, sourceId, updatedAt, deleted, attributes, contentHash: contentHash(attributes, updatedAt, deleted), warnings, cleansed: null, features: null, keys: [] };
  }
  let normalized = engine.normalize(attributes, options.context);
  // A value the contract allows can still be impossible (a GTIN with a wrong check digit): lenient too.
  if (!normalized.cleansed && isDroppable(normalized.errors, options.lenient)) {
    attributes = withoutInvalid(attributes, normalized.errors, warnings);
    normalized = engine.normalize(attributes, options.context);
  }
  if (!normalized.cleansed) return rejected(index, sourceId, normalized.errors);
  if (normalized.warnings) warnings.push(...normalized.warnings);
  const features = engine.features(normalized.cleansed);
  const hash = contentHash(attributes, updatedAt, deleted);
  return { index, sourceId, updatedAt, deleted, attributes, contentHash: hash, warnings, cleansed: normalized.cleansed, features, keys: engine.blockingKeys(features) };
}

/** The record without the fields the errors name, each dropped value noted as a warning. */
function withoutInvalid(record: Attributes, errors: readonly FieldError[], warnings: FieldError[]): Attributes {
  const kept = { ...record };
  for (const error of errors) {
    delete kept[error.field!];
    warnings.push({ field: error.field, code: 'DROPPED_INVALID', message: `invalid value dropped (${error.message})` });
  }
  return kept;
}

function isDroppable(errors: readonly FieldError[], lenient: ReadonlySet<string> | undefined): boolean {
  return lenient !== undefined && errors.every((e) => e.field !== null && lenient.has(e.field) && DROPPABLE.has(e.code));
}

/** Prepares each record of a batch; `positions` gives the index to report for each (default: its position). */
export function prepareBatch(
  records: readonly unknown[],
  positions: readonly number[] | undefined,
  validator: ContractValidator,
  engine: MatchEngine,
  options: PrepareOptions = {},
): { prepared: PreparedRecord[]; rejected: RecordResult[] } {
  const prepared: PreparedRecord[] = [];
  const rejectedRecords: RecordResult[] = [];
  records.forEach((input, i) => {
    const outcome = prepareRecord(input, positions?.[i] ?? i, validator, engine, options);
    if (isPrepared(outcome)) prepared.push(outcome);
    else rejectedRecords.push(outcome);
  });
  return { prepared, rejected: rejectedRecords };
}

export function rejected(index: number, sourceId: string | null, errors: RecordResult['errors']): RecordResult {
  return { index, sourceId, outcome: 'REJECTED', goldenId: null, errors, warnings: [] };
}

export function isPrepared(value: PreparedRecord | RecordResult): value is PreparedRecord {
  return 'contentHash' in value;
}

/** SHA-256 over the record with its keys sorted, so field order in the sender's JSON does not matter. */
function contentHash(attributes: Attributes, updatedAt: string | null, deleted: boolean): string {
  let text = `${updatedAt ?? ''}|${deleted ? 1 : 0}`;
  for (const key of Object.keys(attributes).sort()) text += `|${key}=${JSON.stringify(attributes[key])}`;
  return hash('sha256', text);
}
