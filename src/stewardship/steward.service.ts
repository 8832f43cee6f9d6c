import { Injectable } from '@nestjs/common';
import type { Tx } from '../common/database/tx';
import { uuidv7 } from '../common/database/uuid';
import { ContractRegistry } from '../contracts/contract-registry';
import type { GoldenState } from '../golden-records/golden-record.types';
import type { AttributeValue } from '../matching/engine/types';
import { MatchingService } from '../matching/matching.service';
import { GoldenChanges } from './golden-changes';
import { MatchConstraintStore } from './match-constraint.store';
import { ReviewTaskStore } from './review-task.store';
import { StewardException, StewardExceptionCode as Code } from './steward.exception';

export interface Decision {
  readonly actor: string;
  readonly reason?: string | null;
}

export interface PinInput extends Decision {
  readonly goldenId: string;
  readonly attribute: string;
  readonly value: AttributeValue;
  readonly expectedVersion?: number | null;
  /** Recorded as this event type (a resolved conflict is a pin with its own history entry). */
  readonly eventType?: 'pinned' | 'conflict_resolved';
  /** More work that must commit or fail with the pin (closing the review task it answers). */
  readonly alsoInTransaction?: (tx: Tx) => Promise<void>;
}

export interface MergeInput extends Decision {
  readonly survivorId: string;
  readonly mergedIds: readonly string[];
  /** Values the steward chose for the survivor, pinned on it. */
  readonly fieldChoices?: readonly { attribute: string; value: AttributeValue }[];
  /** Golden id → the version the steward saw; a missing id is not checked. */
  readonly expectedVersions?: Readonly<Record<string, number>>;
}

export interface PairInput extends Decision {
  readonly a: string;
  readonly b: string;
  readonly expectedVersions?: Readonly<Record<string, number>>;
}

export interface UnmergeInput extends Decision {
  readonly goldenId: string;
  readonly sourceRecordId: string;
  readonly expectedVersion?: number | null;
}

/**
 * What stewards do to golden records: pin values, merge, force or forbid a match, unmerge. Every action
 * checks the versions the steward saw (STALE_VERSION when someone changed a record first), records who
 * did it and why, and leaves the golden records a pure function of their source records, the rules and
 * these decisions.
 */
@Injectable()
export class StewardService {
  constructor(
    private readonly changes: GoldenChanges,
    private readonly contracts: ContractRegistry,
    private readonly matching: MatchingService,
    private readonly constraints: MatchConstraintStore,
    private readonly reviewTasks: ReviewTaskStore,
  ) {}

  async pinAttribute(input: PinInput): Promise<string> {
    return this.changes.run([input.goldenId], input.actor, async (session) => {
      const golden = session.active(input.goldenId, input.expectedVersion);
      const value = this.cleanseValue(golden, input.attribute, input.value);
      const pin = { value, actor: input.actor, reason: input.reason ?? null, at: session.now };
      await input.alsoInTransaction?.(session.tx);
      // Pinning the value already pinned changes nothing: no new version, no event, no webhook. Unless a
      // merge brought that pin: pinned again by a steward, it is theirs and outlives an undo of the merge.
      const current = golden.pins[input.attribute];
      if ((input.eventType ?? 'pinned') === 'pinned' && current?.value === value && !current.mergedFrom) return golden.id;
      session.record({
        id: golden.id,
        pins: { ...golden.pins, [input.attribute]: pin },
        causes: [],
        type: input.eventType ?? 'pinned',
        reason: input.reason,
        details: { attribute: input.attribute },
      });
      return golden.id;
    });
  }

  async unpinAttribute(input: Omit<PinInput, 'value' | 'eventType'>): Promise<string> {
    return this.changes.run([input.goldenId], input.actor, async (session) => {
      const golden = session.active(input.goldenId, input.expectedVersion);
      if (golden.pins[input.attribute] === undefined) {
        throw new StewardException(Code.NOT_PINNED, `${input.attribute} is not pinned on golden record ${golden.id}`, 'attribute');
      }
      const { [input.attribute]: _removed, ...pins } = golden.pins;
      session.record({ id: golden.id, pins, causes: [], type: 'unpinned', reason: input.reason, details: { attribute: input.attribute } });
      return golden.id;
    });
  }

  /**
   * Moves every source record of `mergedIds` into the survivor, which keeps its id; the others are
   * retired with `mergedInto`. Their pins carry over where the survivor has none, the steward's field
   * choices are pinned, any not-a-match between them is lifted (the steward decided otherwise), and
   * must-links between their records record the decision.
   */
  async mergeGoldenRecords(input: MergeInput): Promise<string> {
    const mergedIds = [...new Set(input.mergedIds)];
    if (mergedIds.length === 0) throw new StewardException(Code.SAME_RECORD, 'name at least one golden record to merge into the survivor', 'mergedIds');
    if (mergedIds.includes(input.survivorId)) throw new StewardException(Code.SAME_RECORD, 'the survivor cannot be merged into itself', 'mergedIds');
    return this.changes.run([input.survivorId, ...mergedIds], input.actor, async (session) => {
      const versions = input.expectedVersions ?? {};
      const survivor = session.active(input.survivorId, versions[input.survivorId], 'survivorId');
      const merged = mergedIds.map((id) => session.active(id, versions[id], 'mergedIds'));
      for (const golden of merged) {
        if (golden.entityType !== survivor.entityType) {
          throw new StewardException(Code.ENTITY_TYPE_MISMATCH, `${golden.id} is a ${golden.entityType}, the survivor a ${survivor.entityType}`, 'mergedIds');
        }
      }
      const survivorRecords = session.membersOf(survivor.id).map((m) => m.id);
      const mergedRecords = merged.flatMap((g) => session.membersOf(g.id).map((m) => m.id));
      await this.constraints.remove(session.tx, 'cannot_link', [...survivorRecords, ...mergedRecords], [...survivorRecords, ...mergedRecords]);
      // The steward's decision is kept as must-links: the matcher never regroups these records apart.
      const write = { entityType: survivor.entityType, kind: 'must_link' as const, actor: input.actor, reason: input.reason ?? null, at: session.now };
      await this.constraints.save(session.tx, survivorRecords, mergedRecords, write);
      let pins = { ...survivor.pins };
      for (const golden of merged) {
        for (const record of session.membersOf(golden.id)) session.move(record, survivor.id);
        const brought = Object.fromEntries(Object.entries(golden.pins).map(([attribute, pin]) => [attribute, { ...pin, mergedFrom: [golden.id] }]));
        pins = { ...brought, ...pins };
        session.record({ id: golden.id, mergedInto: survivor.id, causes: [], type: 'merged', reason: input.reason, details: { survivorId: survivor.id, mergedIds } });
      }
      for (const choice of input.fieldChoices ?? []) {
        pins[choice.attribute] = {
          value: this.cleanseValue(survivor, choice.attribute, choice.value),
          actor: input.actor,
          reason: input.reason ?? null,
          at: session.now,
          mergedFrom: mergedIds,
        };
      }
      session.record({
        id: survivor.id,
        pins,
        causes: mergedRecords,
        type: 'merged',
        reason: input.reason,
        details: { survivorId: survivor.id, mergedIds },
      });
      await this.reviewTasks.resolveAbout(session.tx, [survivor.id, ...mergedIds], { actor: input.actor, reason: input.reason ?? null, at: session.now, decision: 'merged' });
      return survivor.id;
    });
  }

  /** A must-link: merges `b` into `a` and records that their source records belong together. */
  forceMatch(input: PairInput): Promise<string> {
    return this.mergeGoldenRecords({ ...input, survivorId: input.a, mergedIds: [input.b] });
  }

  /**
   * A persisted cannot-link between every source record of `a` and every one of `b`: the matcher never
   * puts them together again, even when they are re-sent or the rules change. Open potential-match tasks
   * between them are resolved.
   */
  async markNotAMatch(input: PairInput): Promise<readonly [string, string]> {
    if (input.a === input.b) throw new StewardException(Code.SAME_RECORD, 'a golden record always matches itself', 'b');
    return this.changes.run([input.a, input.b], input.actor, async (session) => {
      const versions = input.expectedVersions ?? {};
      const a = session.active(input.a, versions[input.a], 'a');
      const b = session.active(input.b, versions[input.b], 'b');
      if (a.entityType !== b.entityType) throw new StewardException(Code.ENTITY_TYPE_MISMATCH, `${a.id} is a ${a.entityType}, ${b.id} a ${b.entityType}`, 'b');
      const left = session.membersOf(a.id).map((m) => m.id);
      const right = session.membersOf(b.id).map((m) => m.id);
      // Decided already, for every pair of their records: nothing changes, no version, no event.
      if (await this.constraints.allCannotLink(session.tx, left, right)) return [a.id, b.id] as const;
      await this.constraints.remove(session.tx, 'must_link', left, right);
      await this.constraints.save(session.tx, left, right, { entityType: a.entityType, kind: 'cannot_link', actor: input.actor, reason: input.reason ?? null, at: session.now });
      for (const [golden, other] of [[a, b], [b, a]] as const) {
        session.record({ id: golden.id, causes: [], type: 'not_a_match', reason: input.reason, details: { notAMatch: other.id } });
      }
      await this.reviewTasks.resolveAbout(session.tx, [a.id, b.id], { actor: input.actor, reason: input.reason ?? null, at: session.now, decision: 'not_a_match' });
      return [a.id, b.id] as const;
    });
  }

  /**
   * Takes one source record out of a golden record: back to the golden record the last merge took it
   * from (its id restored if it was retired, or rejoining the records unmerged back before it), else into
   * a new golden record. A cannot-link keeps the matcher from putting it back on the next load.
   */
  async unmergeSourceRecord(input: UnmergeInput): Promise<{ from: string; to: string }> {
    const target = await this.changes.run([input.goldenId], input.actor, async (session) => {
      const golden = session.active(input.goldenId, input.expectedVersion);
      const record = session.membersOf(golden.id).find((m) => m.id === input.sourceRecordId);
      if (!record) throw new StewardException(Code.NOT_A_MEMBER, `source record ${input.sourceRecordId} is not linked to golden record ${golden.id}`, 'sourceRecordId');
      if (session.membersOf(golden.id).length < 2) {
        throw new StewardException(Code.NOTHING_TO_UNMERGE, `source record ${record.id} is the only record of golden record ${golden.id}`, 'sourceRecordId');
      }
      const previous = record.previousGoldenIds.at(-1);
      return previous !== undefined && previous !== golden.id ? previous : null;
    });
    // The target is locked and read in a second step: its id was only known once the record was read.
    const to = target ?? uuidv7();
    await this.changes.run([input.goldenId, to], input.actor, async (session) => {
      const golden = session.active(input.goldenId, input.expectedVersion);
      const record = session.membersOf(golden.id).find((m) => m.id === input.sourceRecordId);
      if (!record) throw new StewardException(Code.NOT_A_MEMBER, `source record ${input.sourceRecordId} is not linked to golden record ${golden.id}`, 'sourceRecordId');
      // The origin comes back under its own id; if a sibling was unmerged first, it is live already.
      const restored = session.golden(to);
      session.move(record, to, target !== null);
      const rest = session.membersOf(golden.id).map((m) => m.id);
      // Back with the records it came with: whatever kept it from them before is lifted.
      const rejoined = session.membersOf(to).map((m) => m.id).filter((id) => id !== record.id);
      await this.constraints.remove(session.tx, 'cannot_link', [record.id], rejoined);
      await this.constraints.remove(session.tx, 'must_link', [record.id], rest);
      await this.constraints.save(session.tx, [record.id], rest, { entityType: golden.entityType, kind: 'cannot_link', actor: input.actor, reason: input.reason ?? null, at: session.now });
      const details = { sourceRecordId: record.id, from: golden.id, to };
      // Once the last record the merge of `to` brought has gone back, the pins that merge made or brought go too.
      const undone = target !== null && !session.membersOf(golden.id).some((m) => m.previousGoldenIds.includes(to));
      const pins = undone ? withoutPinsOfMerge(golden.pins, to) : undefined;
      session.record({ id: golden.id, causes: [record.id], type: 'unmerged', reason: input.reason, details, ...(pins ? { pins } : {}) });
      session.record({ id: to, causes: [record.id], type: 'unmerged', reason: input.reason, details, pins: restored?.pins ?? {} });
    });
    return { from: input.goldenId, to };
  }

  /** A value as the contract and the cleansing rules accept it for this attribute (a pinned phone is E.164 too). */
  private cleanseValue(golden: GoldenState, attribute: string, value: AttributeValue): AttributeValue {
    const validator = this.contracts.validator(golden.entityType);
    if (!validator.attributes.includes(attribute)) {
      throw new StewardException(Code.UNKNOWN_ATTRIBUTE, `${golden.entityType} has no attribute "${attribute}" (known: ${validator.attributes.join(', ')})`, 'attribute');
    }
    if (value === null || value === undefined) {
      throw new StewardException(Code.INVALID_VALUE, `pin a value for ${attribute}; to let the sources decide again, unpin it`, 'value');
    }
    const candidate = { ...golden.attributes, [attribute]: value };
    const validation = validator.validate({ sourceId: 'steward', ...candidate });
    const invalid = validation.ok ? [] : validation.errors.filter((e) => e.field === attribute);
    // A masked value read back (`j***@example.com`) is refused as ingest refuses it, with its code and message.
    const masked = invalid.find((e) => e.code === 'MASKED_VALUE');
    if (masked) throw new StewardException(Code.MASKED_VALUE, `${attribute}: ${masked.message}`, 'value');
    if (invalid.length > 0) throw new StewardException(Code.INVALID_VALUE, `${attribute}: ${invalid.map((e) => e.message).join('; ')}`, 'value');
    const normalized = this.matching.engine(golden.entityType).normalize(candidate);
    const problem = normalized.errors.find((e) => e.field === attribute);
    if (!normalized.cleansed || problem) throw new StewardException(Code.INVALID_VALUE, `${attribute}: ${problem?.message ?? 'not accepted by the cleansing rules'}`, 'value');
    return normalized.cleansed[attribute] ?? value;
  }
}

/** The pins not made or brought by the merge of `mergedId`; null when there is none to drop. */
function withoutPinsOfMerge(pins: GoldenState['pins'], mergedId: string): GoldenState['pins'] | null {
  const kept = Object.entries(pins).filter(([, pin]) => !pin.mergedFrom?.includes(mergedId));
  return kept.length === Object.keys(pins).length ? null : Object.fromEntries(kept);
}
