import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import { GrowthStatistics } from '../common/database/growth-statistics';
import { LockSpace, type Tx } from '../common/database/tx';
import { ContractRegistry } from '../contracts/contract-registry';
import { GoldenRecordStore } from '../golden-records/golden-record.store';
import { MatchingService } from '../matching/matching.service';
import { survivorshipOf } from '../matching/match-rules.loader';
import { MatchConstraintStore } from '../stewardship/match-constraint.store';
import { ReviewTaskStore } from '../stewardship/review-task.store';
import { SourceSystemService, trustLookup, unknownSource, type SourceSystem } from '../source-systems/source-system.service';
import type { NormalizeContext } from '../matching/engine/types';
import { PairMemo } from '../matching/engine/pair-memo';
import { BatchPlan, reachOf, withGoldens, type BatchContext, type StoredQuestion } from './batch-plan';
import type { SourceRecordState } from '../golden-records/golden-record.types';
import type { EntityType } from '../common/entity-type';
import type { IngestBatchResult, IngestRequest, PreparedBatch, PreparedRecord, RecordResult } from './ingest.types';
import { prepareBatch } from './prepare-record';

/** The most records one call may carry (GraphQL's limit; the CLI sends batches of this size or less). */
export const MAX_BATCH = 1000;

/**
 * The one ingest pipeline behind every entry point: validate → cleanse → upsert the source record →
 * match → link → recompute the golden records → golden events, all writes of a batch in one transaction.
 * A record that fails validation is reported and the rest of the batch goes on.
 */
@Injectable()
export class IngestionService {
  private readonly statistics: GrowthStatistics;

  constructor(
    private readonly database: Database,
    private readonly contracts: ContractRegistry,
    private readonly matching: MatchingService,
    private readonly store: GoldenRecordStore,
    private readonly sourceSystems: SourceSystemService,
    private readonly reviewTasks: ReviewTaskStore,
    private readonly constraints: MatchConstraintStore,
  ) {
    // The tables ingest reads by more than their primary key (golden records and events it reads by id, or not at all).
    this.statistics = new GrowthStatistics(database, ['source_record', 'match_key']);
  }

  /** Validates, cleanses and links one batch of raw records (GraphQL, or any caller with raw records). */
  async ingest(request: IngestRequest): Promise<IngestBatchResult> {
    const source = await this.sourceSystems.get(request.source); // an unknown source fails before anything else
    const validator = this.contracts.validator(request.entityType, { coerce: request.coerce });
    const { prepared, rejected } = prepareBatch(request.records, request.positions, validator, this.matching.engine(request.entityType), {
      context: normalizeContextOf(source),
    });
    return this.ingestPrepared({ ...request, prepared, rejected: [...(request.preRejected ?? []), ...rejected] });
  }

  /** Links a batch of already validated and cleansed records, in one transaction. */
  async ingestPrepared(batch: PreparedBatch): Promise<IngestBatchResult> {
    const systems = await this.sourceSystems.list();
    const source = systems.find((s) => s.code === batch.source);
    if (!source) throw unknownSource(batch.source);
    const engine = this.matching.engine(batch.entityType);
    const { prepared } = batch;
    const results: RecordResult[] = [...batch.rejected];
    let goldenCreated = 0;
    let goldenUpdated = 0;
    if (prepared.length > 0) {
      const pairs = new PairMemo(engine);
      const context: BatchContext = {
        entityType: batch.entityType,
        source: source.code,
        engine,
        trust: trustLookup(systems),
        survivorship: survivorshipOf(this.matching.rules[batch.entityType]),
        actor: batch.actor,
        now: new Date().toISOString(),
        uniqueRecords: source.uniqueRecords,
        uniqueSources: new Set(systems.filter((s) => s.uniqueRecords).map((s) => s.code)),
        featuresOf: (record) => this.matching.featuresOf(batch.entityType, record.id, record.contentHash, record.normalized),
        pairs,
      };
      const linked = await this.database.transaction(async (tx) => {
        const { entityType } = batch;
        const keys = prepared.flatMap((p) => p.keys);
        await tx.lockKeys(LockSpace.Keys, lockNames(entityType, source.code, prepared, keys));
        const identities = () => this.store.sourceRecordsByIdentity(tx, entityType, source.code, prepared.map((p) => p.sourceId));
        let existing = await identities();
        let reach = reachOf(prepared, existing, await this.matching.candidatesByKeys(tx, entityType, keys), pairs);
        await tx.lockKeys(LockSpace.Goldens, reach.goldenIds);
        // PostgreSQL: another process may have moved one of these records between the reads and the lock (a
        // steward, or a batch merging golden records). Read their golden ids again under the lock until no
        // unlocked one shows up. Their content may be newer too (an update elsewhere): matching against what
        // was read is what would have happened had this batch run first, and members are read under the lock.
        // SQLite runs one writer at a time, so nothing can have moved.
        for (let locked = new Set(reach.goldenIds); tx.dialect === 'postgres'; ) {
          existing = await identities();
          reach = withGoldens(existing, await this.matching.withCurrentGoldens(tx, reach.candidates));
          const fresh = reach.goldenIds.filter((id) => !locked.has(id));
          if (fresh.length === 0) break;
          await tx.lockKeys(LockSpace.Goldens, fresh);
          locked = new Set([...locked, ...fresh]);
        }
        let members = await this.store.members(tx, reach.goldenIds);
        // Where the source holds each entity once, the open questions a place this batch may take concerns,
        // with their records' golden records (locked and loaded too).
        const { questions, goldenIds: asked } = source.uniqueRecords
          ? await this.storedQuestions(tx, entityType, source.code, reach.goldenIds, members, context)
          : { questions: [], goldenIds: [] };
        if (asked.length > 0) {
          await tx.lockKeys(LockSpace.Goldens, asked);
          members = [...members, ...(await this.store.members(tx, asked))];
        }
        const goldenIds = [...reach.goldenIds, ...asked];
        // Trust read again inside the transaction: a trust change since the read above must not be missed.
        const current = await this.sourceSystems.listInTransaction(tx);
        const uniqueSources = new Set(current.filter((s) => s.uniqueRecords).map((s) => s.code));
        const plan = new BatchPlan({ ...context, trust: trustLookup(current), uniqueSources }, {
          existing,
          candidates: reach.candidates,
          members,
          goldens: await this.store.goldens(tx, goldenIds),
          ...(await this.constraints.decisions(tx, members.map((m) => m.id))),
          questions,
        });
        const applied = prepared.map((p) => plan.apply(p));
        const writes = plan.finish();
        const recordResults = applied.map((result) => plan.settled(result));
        await this.store.moveRecords(tx, writes.moves);
        await this.store.saveSourceRecords(tx, writes.sourceRecords);
        await this.matching.replaceKeys(tx, entityType, writes.staleKeys, writes.unlistedKeys, writes.keys);
        await this.store.saveGoldens(tx, writes.goldens, writes.events);
        await this.store.appendEvents(tx, writes.events, writes.goldens);
        // A regrouping asks its component's questions again: the ones still open are not asked twice.
        await this.reviewTasks.insert(tx, writes.regrouped.length > 0 ? await this.reviewTasks.notAskedYet(tx, writes.reviewTasks, writes.regrouped) : writes.reviewTasks);
        // The matcher merged golden records a record bridged: the open tasks asking whether they are one are answered.
        await this.reviewTasks.resolveWithin(tx, writes.mergedGroups, { actor: 'matcher', reason: 'a record matched both', at: context.now, decision: 'merged' });
        await this.reviewTasks.resolveWhereTogether(tx, writes.regrouped, { actor: 'matcher', reason: 'regrouped into one golden record', at: context.now, decision: 'merged' });
        // Stored questions a regrouping asked again: answered (the record is with a candidate now), or asked otherwise or no more.
        const { answered, withdrawn } = writes.storedQuestions;
        await this.reviewTasks.closeOpen(tx, answered, 'resolved', { actor: 'matcher', reason: 'regrouped into one golden record', at: context.now, decision: 'merged' });
        await this.reviewTasks.closeOpen(tx, withdrawn, 'dismissed', { actor: 'matcher', reason: 'asked again as its records now stand', at: context.now, decision: 'dismissed' });
        for (const record of writes.sourceRecords) {
          const features = writes.features.get(record.id);
          if (features) this.matching.rememberFeatures(record.id, record.contentHash, features);
        }
        return { recordResults, writes };
      });
      results.push(...linked.recordResults);
      await this.statistics.rowsWritten(linked.recordResults.filter((r) => r.outcome === 'CREATED').length);
      goldenCreated = linked.writes.goldenCreated;
      goldenUpdated = linked.writes.goldenUpdated;
    }

    results.sort((a, b) => a.index - b.index);
    const count = (outcome: RecordResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
    return {
      results,
      summary: {
        received: results.length,
        created: count('CREATED'),
        updated: count('UPDATED'),
        unchanged: count('UNCHANGED'),
        rejected: count('REJECTED'),
        goldenCreated,
        goldenUpdated,
      },
    };
  }

  /**
   * The open potential matches of earlier batches that a batch of a source holding each entity once may
   * answer or change (BatchSnapshot.questions): those asked by a record of a golden record in reach, and
   * those asked by a record of the source about a record of a golden record in reach holding none of the
   * source (a place the batch may take). Such a record shares a blocking key with the record it asks about,
   * so it is found among the source's holders of those records' keys, and its question through the golden
   * record it was asked in (the task's): open tasks are read by golden record, never all of them. Returns
   * the questions and the golden records their records are in, beyond `goldenIds`.
   */
  private async storedQuestions(
    tx: Tx,
    entityType: EntityType,
    source: string,
    goldenIds: readonly string[],
    members: readonly SourceRecordState[],
    context: BatchContext,
  ): Promise<{ questions: StoredQuestion[]; goldenIds: string[] }> {
    const taken = new Set(members.filter((m) => m.source === source && !m.deleted).map((m) => m.goldenId));
    const places = new Set(goldenIds.filter((id) => !taken.has(id)));
    const keys = new Set<string>();
    for (const member of members) {
      if (!places.has(member.goldenId) || member.deleted) continue;
      for (const key of member.matchKeys ?? context.engine.blockingKeys(context.featuresOf(member))) keys.add(key);
    }
    const holders = keys.size > 0 ? await this.matching.holdersOf(tx, entityType, [...keys], source) : [];
    const tasks = await this.reviewTasks.openQuestionsIn(tx, [...goldenIds, ...holders.map((h) => h.goldenId)]);
    if (tasks.length === 0) return { questions: [], goldenIds: [] };
    const recordsOf = (q: StoredQuestion) => [q.subjects.sourceRecordId, ...q.subjects.candidates.map((c) => c.sourceRecordId)];
    const goldenOf = await this.store.goldenIdsOf(tx, [...new Set(tasks.flatMap(recordsOf))]);
    const reach = new Set(goldenIds);
    const at = (sourceRecordId: string) => goldenOf.get(sourceRecordId) ?? '';
    const questions = tasks.filter(
      ({ subjects }) => reach.has(at(subjects.sourceRecordId)) || (subjects.source === source && subjects.candidates.some((c) => places.has(at(c.sourceRecordId)))),
    );
    const beyond = new Set(questions.flatMap(recordsOf).map(at).filter((id) => id !== '' && !reach.has(id)));
    return { questions, goldenIds: [...beyond] };
  }
}

/** The identities and blocking keys a batch locks, built only when read (SQLite takes no such locks). */
function* lockNames(entityType: string, source: string, prepared: readonly PreparedRecord[], keys: readonly string[]): Generator<string> {
  for (const p of prepared) yield `identity:${entityType}:${source}:${p.sourceId}`;
  for (const k of keys) yield `key:${entityType}:${k}`;
}

/** What cleansing needs of the source: the country its records are in when they name none. */
export function normalizeContextOf(source: SourceSystem): NormalizeContext {
  return source.defaultCountry ? { defaultRegion: source.defaultCountry } : {};
}
