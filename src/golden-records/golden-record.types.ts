import type { EntityType } from '../common/entity-type';
import type { AttributeValue, Attributes, MatchExplanation, PairScore } from '../matching/engine/types';
import type { StoredProvenance } from '../survivorship/stored-provenance';

export type GoldenStatus = 'active' | 'merged' | 'deleted';

export type GoldenEventType =
  | 'created'
  | 'updated'
  | 'merged'
  | 'unmerged'
  | 'deleted'
  | 'pinned'
  | 'unpinned'
  | 'conflict_resolved'
  | 'not_a_match';

/** A value a steward fixed on a golden record, and who did it, when and why. */
export interface Pin {
  readonly value: AttributeValue;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
  /**
   * Set on the survivor's pins a merge made (the steward's field choices) or brought (a merged record's
   * pins): the golden records it merged. Undoing that merge drops them again.
   */
  readonly mergedFrom?: readonly string[];
}

/** A source record as stored, with its cleansed attributes parsed. */
export interface SourceRecordState {
  readonly id: string;
  readonly entityType: EntityType;
  readonly source: string;
  readonly sourceId: string;
  readonly contentHash: string;
  readonly sourceUpdatedAt: string | null;
  readonly receivedAt: string;
  readonly deleted: boolean;
  readonly goldenId: string;
  /** The golden records merges moved it out of, most recent last: where unmerges send it back. */
  readonly previousGoldenIds: readonly string[];
  readonly normalized: Attributes;
  /** The blocking keys stored for it (null for a record stored before they were listed). */
  readonly matchKeys: readonly string[] | null;
}

/** A source record moved to another golden record, and the golden records it came from (most recent last). */
export interface RecordMove {
  readonly sourceRecordId: string;
  readonly goldenId: string;
  readonly previousGoldenIds: readonly string[];
  /** The pair that put it there, when the matcher moved it on its own (it replaces the record's link explanation). */
  readonly link?: PairScore;
}

/** A source record to write: its state plus the attributes exactly as received, and why it was linked. */
export interface SourceRecordWrite extends SourceRecordState {
  readonly attributes: Attributes;
  /** Set when the matcher linked it to an existing golden record; null keeps any earlier link explanation. */
  readonly linkScore: number | null;
  readonly linkExplanation: MatchExplanation | null;
}

export interface GoldenState {
  readonly id: string;
  readonly entityType: EntityType;
  readonly attributes: Attributes;
  readonly provenance: StoredProvenance;
  readonly version: number;
  readonly status: GoldenStatus;
  readonly mergedInto: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Attribute → the steward's pinned value: it wins over every source, across re-ingest and rule changes. */
  readonly pins: Readonly<Record<string, Pin>>;
}

export interface AttributeChange {
  readonly attribute: string;
  readonly before: AttributeValue | null;
  readonly after: AttributeValue | null;
}

/**
 * What a golden event records: the change itself. The record as of any version is the replay of its
 * events' changes from version 1 (a `created` event lists every attribute), so no snapshot is stored.
 */
export interface GoldenEventPayload {
  readonly changes: readonly AttributeChange[];
  readonly status: GoldenStatus;
  readonly statusBefore: GoldenStatus | null;
  readonly mergedInto?: string;
  /** The source records whose arrival, change or removal caused this event. */
  readonly sourceRecordIds: readonly string[];
}

export interface GoldenEvent {
  readonly id: string;
  readonly goldenId: string;
  readonly entityType: EntityType;
  readonly type: GoldenEventType;
  readonly version: number;
  readonly at: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly payload: GoldenEventPayload;
}
