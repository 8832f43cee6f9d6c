import type { EntityType } from '../common/entity-type';
import type { Attributes, Features, FieldError } from '../matching/engine/types';

export type IngestOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface RecordResult {
  /** Position of the record in the request (or line/row number for a file import). */
  readonly index: number;
  readonly sourceId: string | null;
  readonly outcome: IngestOutcome;
  readonly goldenId: string | null;
  readonly errors: readonly FieldError[];
  /** Accepted, but worth knowing: a stale update that was ignored, a delete of an unknown record. */
  readonly warnings: readonly FieldError[];
}

export interface IngestSummary {
  readonly received: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly goldenCreated: number;
  readonly goldenUpdated: number;
}

export interface IngestBatchResult {
  readonly results: readonly RecordResult[];
  readonly summary: IngestSummary;
}

export interface IngestRequest {
  readonly entityType: EntityType;
  readonly source: string;
  readonly records: readonly unknown[];
  /** Who sends: recorded on every golden event (`key:NAME`, `cli`). */
  readonly actor: string;
  /** CSV cells are strings: coerce them to the contract's numbers and booleans. */
  readonly coerce?: boolean;
  /** The index to report for each record (a file import reports line numbers); default: its position. */
  readonly positions?: readonly number[];
  /** Records already rejected before validation (e.g. a malformed JSON line), reported with the batch. */
  readonly preRejected?: readonly RecordResult[];
}

/** A record that passed validation and cleansing, ready to be linked. */
export interface PreparedRecord {
  readonly index: number;
  readonly sourceId: string;
  readonly updatedAt: string | null;
  readonly deleted: boolean;
  /** As received (after mapping), kept for lineage. */
  readonly attributes: Attributes;
  /** Cleansed; null for a tombstone, which keeps the last cleansed values. */
  readonly cleansed: Attributes | null;
  /** The matcher's features and blocking keys of the cleansed record (none for a tombstone). */
  readonly features: Features | null;
  readonly keys: readonly string[];
  readonly contentHash: string;
  /** Accepted, with something worth knowing (e.g. an invalid value dropped from a lenient field). */
  readonly warnings: readonly FieldError[];
}

/** A batch whose records were validated and cleansed already (possibly in a worker thread). */
export interface PreparedBatch {
  readonly entityType: EntityType;
  readonly source: string;
  readonly actor: string;
  readonly prepared: readonly PreparedRecord[];
  /** Records of the batch that failed validation, reported together with the others. */
  readonly rejected: readonly RecordResult[];
}
