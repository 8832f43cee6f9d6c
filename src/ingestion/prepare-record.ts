import { hash } from 'node:crypto';
import type { ContractValidator } from '../contracts/contract-validator';
import type { Attributes, MatchEngine, NormalizeContext } from '../matching/engine/types';
import type { PreparedRecord, RecordResult } from './ingest.types';

/** Validates one inbound record against its contract and cleanses it; either result is final for the record. */
export function prepareRecord(
  input: unknown,
  index: number,
  validator: ContractValidator,
  engine: MatchEngine,
  context?: NormalizeContext,
): PreparedRecord | RecordResult {
  const validation = validator.validate(input);
  if (!validation.ok) return rejected(index, validation.sourceId, validation.errors);
  const { sourceId, updatedAt, deleted, attributes } = validation.record;
  const hash = contentHash(attributes, updatedAt, deleted);
  if (deleted) return { index, sourceId, updatedAt, deleted, attributes, cleansed: null, features: null, keys: [], contentHash: hash };
  const normalized = engine.normalize(attributes, context);
  if (!normalized.cleansed) return rejected(index, sourceId, normalized.errors);
  const features = engine.features(normalized.cleansed);
  return { index, sourceId, updatedAt, deleted, attributes, cleansed: normalized.cleansed, features, keys: engine.blockingKeys(features), contentHash: hash };
}

/** Prepares each record of a batch; `positions` gives the index to report for each (default: its position). */
export function prepareBatch(
  records: readonly unknown[],
  positions: readonly number[] | undefined,
  validator: ContractValidator,
  engine: MatchEngine,
): { prepared: PreparedRecord[]; rejected: RecordResult[] } {
  const prepared: PreparedRecord[] = [];
  const rejectedRecords: RecordResult[] = [];
  records.forEach((input, i) => {
    const outcome = prepareRecord(input, positions?.[i] ?? i, validator, engine);
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
