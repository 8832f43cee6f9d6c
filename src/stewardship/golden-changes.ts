import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import { LockSpace, type Tx } from '../common/database/tx';
import { GoldenRecordStore } from '../golden-records/golden-record.store';
import type { GoldenState, RecordMove, SourceRecordState } from '../golden-records/golden-record.types';
import { recomputeGolden, type GoldenChange, type RecomputeContext } from '../golden-records/recompute-golden';
import { survivorshipOf } from '../matching/match-rules.loader';
import { MatchingService } from '../matching/matching.service';
import { SourceSystemService, trustLookup } from '../source-systems/source-system.service';
import { conflictTasks } from './conflict-tasks';
import { ReviewTaskStore } from './review-task.store';
import { StewardException, StewardExceptionCode as Code } from './steward.exception';

/** One steward transaction: the golden records it locked and read, and the changes it writes at the end. */
export class GoldenSession {
  private readonly changes: GoldenChange[] = [];

  constructor(
    readonly tx: Tx,
    readonly actor: string,
    readonly now: string,
    private readonly goldens: Map<string, GoldenState>,
    private readonly members: Map<string, SourceRecordState[]>,
  ) {}

  /** A golden record the session loaded, checked to be active and at the version the steward saw. */
  active(id: string, expectedVersion: number | null | undefined, field = 'goldenId'): GoldenState {
    const golden = this.goldens.get(id);
    if (!golden) throw new StewardException(Code.GOLDEN_NOT_FOUND, `no golden record ${id}`, field);
    // A version check first: a steward who saw the record active learns that someone changed it.
    if (expectedVersion !== null && expectedVersion !== undefined && golden.version !== expectedVersion) {
      throw new StewardException(
        Code.STALE_VERSION,
        `golden record ${id} is at version ${golden.version}, not ${expectedVersion}: someone changed it first; reload and decide again`,
        field,
      );
    }
    if (golden.status === 'merged') {
      throw new StewardException(Code.GOLDEN_RETIRED, `golden record ${id} was merged into ${golden.mergedInto}: act on that one`, field);
    }
    return golden;
  }

  /** The golden record as loaded, whatever its status (undefined when there is none). */
  golden(id: string): GoldenState | undefined {
    return this.goldens.get(id);
  }

  membersOf(id: string): SourceRecordState[] {
    return this.members.get(id) ?? [];
  }

  /**
   * Moves a source record to another golden record (written when the session ends): a merge remembers
   * where it came from, an unmerge (`back`) goes to the last golden record it came from and forgets it.
   */
  move(record: SourceRecordState, to: string, back = false): void {
    const previousGoldenIds = back ? record.previousGoldenIds.slice(0, -1) : [...record.previousGoldenIds, record.goldenId];
    this.members.set(record.goldenId, this.membersOf(record.goldenId).filter((m) => m.id !== record.id));
    this.members.set(to, [...this.membersOf(to), { ...record, goldenId: to, previousGoldenIds }]);
    this.moves.set(record.id, { sourceRecordId: record.id, goldenId: to, previousGoldenIds });
  }

  /** Source record id → where it moved. */
  readonly moves = new Map<string, RecordMove>();

  record(change: Omit<GoldenChange, 'members' | 'before'>): void {
    this.changes.push({ ...change, before: this.goldens.get(change.id), members: this.membersOf(change.id) });
  }

  pending(): readonly GoldenChange[] {
    return this.changes;
  }
}

/**
 * The frame of every steward action on golden records: one transaction that locks the golden records
 * involved (the same advisory locks ingest takes, so a steward and a batch never interleave on one
 * record), reads them with their source records, lets the action decide, then recomputes each changed
 * golden record by the same pure function ingest uses and writes it with its event.
 */
@Injectable()
export class GoldenChanges {
  constructor(
    private readonly database: Database,
    private readonly store: GoldenRecordStore,
    private readonly matching: MatchingService,
    private readonly sourceSystems: SourceSystemService,
    private readonly reviewTasks: ReviewTaskStore,
  ) {}

  async run<T>(goldenIds: readonly string[], actor: string, work: (session: GoldenSession) => Promise<T>): Promise<T> {
    return (await this.execute(goldenIds, actor, work)).result;
  }

  /** Recomputes golden records under the rules and trust in force; returns how many changed (and were written). */
  async recompute(goldenIds: readonly string[], actor: string, reason: string): Promise<number> {
    const { written } = await this.execute(goldenIds, actor, async (session) => {
      for (const id of goldenIds) if (session.golden(id)?.status === 'active') session.record({ id, causes: [], reason });
    });
    return written;
  }

  private async execute<T>(goldenIds: readonly string[], actor: string, work: (session: GoldenSession) => Promise<T>): Promise<{ result: T; written: number }> {
    const systems = await this.sourceSystems.list();
    return this.database.transaction(async (tx) => {
      await tx.lockKeys(LockSpace.Goldens, goldenIds);
      const loaded = await this.store.goldens(tx, goldenIds);
      const members = await this.store.members(tx, goldenIds);
      const byGolden = new Map<string, SourceRecordState[]>();
      for (const m of members) byGolden.set(m.goldenId, [...(byGolden.get(m.goldenId) ?? []), m]);
      const session = new GoldenSession(tx, actor, new Date().toISOString(), new Map(loaded.map((g) => [g.id, g])), byGolden);
      const result = await work(session);
      if (loaded.length === 0) return { result, written: 0 };
      const { entityType } = loaded[0];
      const context: RecomputeContext = {
        entityType,
        trust: trustLookup(systems),
        survivorship: survivorshipOf(this.matching.rules[entityType]),
        now: session.now,
        actor,
      };
      await this.store.moveRecords(tx, [...session.moves.values()]);
      const recomputed = session.pending().flatMap((change) => recomputeGolden(change, context) ?? []);
      await this.store.saveGoldens(tx, recomputed.map((r) => r.golden), recomputed.map((r) => r.event));
      await this.store.appendEvents(tx, recomputed.map((r) => r.event), recomputed.map((r) => r.golden));
      await this.reviewTasks.insert(tx, recomputed.flatMap((r) => conflictTasks(r.golden, r.newConflicts, session.now)));
      return { result, written: recomputed.length };
    });
  }
}
