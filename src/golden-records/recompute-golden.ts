import { uuidv7 } from '../common/database/uuid';
import type { AttributeValue, Attributes } from '../matching/engine/types';
import { storeProvenance } from '../survivorship/stored-provenance';
import { survive } from '../survivorship/survive';
import type { AttributeConflict, SurvivorshipRules, TrustLookup } from '../survivorship/survivorship.types';
import type { AttributeChange, GoldenEvent, GoldenEventType, GoldenState, GoldenStatus, Pin, SourceRecordState } from './golden-record.types';
import type { EntityType } from '../common/entity-type';

/** What survivorship needs besides the records: the same for every golden record of one change. */
export interface RecomputeContext {
  readonly entityType: EntityType;
  readonly trust: TrustLookup;
  readonly survivorship: SurvivorshipRules;
  readonly now: string;
  readonly actor: string;
}

export interface GoldenChange {
  readonly id: string;
  /** The golden record as stored before the change; undefined for a new one. */
  readonly before: GoldenState | undefined;
  /** Every source record linked to it now, tombstoned ones included. */
  readonly members: readonly SourceRecordState[];
  /** Its pins after the change (defaults to those it had). */
  readonly pins?: Readonly<Record<string, Pin>>;
  /** Where its records went when it has none left. */
  readonly mergedInto?: string | null;
  /** The source records that caused the change. */
  readonly causes: readonly string[];
  /** The event type to record, when the cause is a steward's act rather than the records themselves. */
  readonly type?: GoldenEventType;
  readonly reason?: string | null;
  /** Extra facts for the event payload (merged ids, the moved record). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Recomputed {
  readonly golden: GoldenState;
  readonly event: GoldenEvent;
  /** Conflicts on conflict-sensitive attributes that this change raised (they were not there before). */
  readonly newConflicts: readonly AttributeConflict[];
}

/**
 * A golden record as a pure function of its source records, the survivorship rules and the steward's
 * pins, with the event that records the change. Null when nothing a reader can see changed (a re-sent
 * record with cosmetic differences), so nothing is bumped and no webhook fires.
 */
export function recomputeGolden(change: GoldenChange, context: RecomputeContext): Recomputed | null {
  const { before, members } = change;
  const pins = change.pins ?? before?.pins ?? {};
  const live = members.filter((m) => !m.deleted);
  let next: GoldenState;
  let conflicts: readonly AttributeConflict[] = [];
  if (members.length === 0) {
    if (!before) return null;
    next = { ...before, status: 'merged', mergedInto: change.mergedInto ?? null, pins };
  } else {
    // A golden record whose sources are all deleted keeps showing what they said last.
    const contributors = (live.length > 0 ? live : members).map((m) => ({
      sourceRecordId: m.id,
      source: m.source,
      sourceId: m.sourceId,
      updatedAt: m.sourceUpdatedAt,
      attributes: m.normalized,
    }));
    const pinnedValues = Object.fromEntries(Object.entries(pins).map(([attribute, pin]) => [attribute, pin.value]));
    const survived = survive(contributors, context.trust, context.survivorship, pinnedValues);
    conflicts = survived.conflicts;
    next = {
      id: change.id,
      entityType: context.entityType,
      attributes: survived.attributes,
      provenance: { ...storeProvenance(survived, contributors), ...(conflicts.length > 0 ? { k: conflicts.map((c) => c.attribute) } : {}) },
      version: before?.version ?? 0,
      status: live.length > 0 ? 'active' : 'deleted',
      mergedInto: null,
      createdAt: before?.createdAt ?? context.now,
      updatedAt: before?.updatedAt ?? context.now,
      pins,
    };
    // Provenance names every contributing record, so a record joining or leaving always shows here.
    if (before && !change.type && sameContent(before, next)) return null;
  }
  const golden = { ...next, version: (before?.version ?? 0) + 1, updatedAt: context.now };
  const known = new Set(before?.provenance.k ?? []);
  return {
    golden,
    event: goldenEvent(before, golden, change, context),
    newConflicts: conflicts.filter((c) => !known.has(c.attribute)),
  };
}

function goldenEvent(before: GoldenState | undefined, after: GoldenState, change: GoldenChange, context: RecomputeContext): GoldenEvent {
  return {
    id: uuidv7(),
    goldenId: after.id,
    entityType: after.entityType,
    type: change.type ?? eventType(before?.status, after.status),
    version: after.version,
    at: context.now,
    actor: context.actor,
    reason: change.reason ?? null,
    payload: {
      changes: diffAttributes(before?.attributes ?? {}, after.attributes),
      status: after.status,
      statusBefore: before?.status ?? null,
      ...(after.mergedInto ? { mergedInto: after.mergedInto } : {}),
      sourceRecordIds: [...new Set(change.causes)].sort(),
      ...change.details,
    },
  };
}

function sameContent(a: GoldenState, b: GoldenState): boolean {
  return a.status === b.status && sameJson(a.attributes, b.attributes) && sameJson(a.provenance, b.provenance);
}

/** Deep equality of JSON values, key order included (both sides are built in sorted key order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    if (keysA[i] !== keysB[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[keysA[i]], (b as Record<string, unknown>)[keysB[i]])) return false;
  }
  return true;
}

function eventType(before: GoldenStatus | undefined, after: GoldenStatus): GoldenEventType {
  if (!before) return 'created';
  if (after === 'merged') return 'merged';
  if (after === 'deleted' && before !== 'deleted') return 'deleted';
  return 'updated';
}

export function diffAttributes(before: Attributes, after: Attributes): AttributeChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: AttributeChange[] = [];
  for (const attribute of names) {
    const b: AttributeValue | null = before[attribute] ?? null;
    const a: AttributeValue | null = after[attribute] ?? null;
    if (b !== a) changes.push({ attribute, before: b, after: a });
  }
  return changes;
}
