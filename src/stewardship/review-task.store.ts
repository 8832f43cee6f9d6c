import { Injectable } from '@nestjs/common';
import { queryInChunks, type Tx } from '../common/database/tx';
import { notAskedYet, type PotentialMatchSubjects, type ReviewTaskWrite } from './review-task.types';
import { storedExplanation } from '../matching/stored-explanation';

/** Writes review tasks inside the caller's transaction, in bulk. */
@Injectable()
export class ReviewTaskStore {
  async insert(tx: Tx, tasks: readonly ReviewTaskWrite[]): Promise<void> {
    await tx.insertMany(
      'review_task',
      ['id', 'entity_type', 'kind', 'status', 'golden_id', 'subjects', 'score', 'explanation', 'assignee', 'version', 'created_at', 'updated_at'],
      tasks.map((t) => [
        t.id,
        t.entityType,
        t.kind,
        'open',
        t.goldenId,
        JSON.stringify(t.subjects),
        t.score,
        t.explanation ? storedExplanation(t.explanation) : null,
        null,
        1,
        t.createdAt,
        t.createdAt,
      ]),
    );
  }

  /**
   * Closes the open potential-match tasks a steward's decision answered: those between two of `goldenIds`
   * (the task's golden record and one of its candidates). Returns how many were closed.
   */
  async resolveAbout(tx: Tx, goldenIds: readonly string[], decision: TaskDecision): Promise<number> {
    return this.resolveWithin(tx, [goldenIds], decision);
  }

  /**
   * Closes the open potential-match tasks between two golden records of one group (golden records now
   * merged into one), for several groups in one read. Returns how many were closed.
   */
  async resolveWithin(tx: Tx, groups: readonly (readonly string[])[], decision: TaskDecision): Promise<number> {
    const groupOf = new Map<string, number>();
    groups.forEach((group, index) => group.forEach((id) => groupOf.set(id, index)));
    if (groupOf.size === 0) return 0;
    const rows = await queryInChunks(tx, [...groupOf.keys()], (chunk, ph) =>
      tx.query(`SELECT id, golden_id, subjects FROM review_task WHERE status = 'open' AND kind = 'potential_match' AND golden_id IN (${ph})`, chunk),
    );
    const answered = rows.filter((row) => {
      const group = groupOf.get(row.golden_id as string);
      const subjects = JSON.parse(row.subjects as string) as PotentialMatchSubjects;
      return subjects.candidates.some((c) => groupOf.get(c.goldenId) === group);
    });
    for (const row of answered) await this.close(tx, row.id as string, 'resolved', decision);
    return answered.length;
  }

  /** The open potential matches asked in these golden records (the task's golden record: the one its record was in). */
  async openQuestionsIn(tx: Tx, goldenIds: readonly string[]): Promise<{ id: string; subjects: PotentialMatchSubjects }[]> {
    const rows = await queryInChunks(tx, [...new Set(goldenIds)], (chunk, ph) =>
      tx.query(`SELECT id, subjects FROM review_task WHERE status = 'open' AND kind = 'potential_match' AND golden_id IN (${ph})`, chunk),
    );
    return rows.map((row) => ({ id: row.id as string, subjects: JSON.parse(row.subjects as string) as PotentialMatchSubjects }));
  }

  /** Closes the tasks among `ids` still open (a steward may have closed one meanwhile). */
  async closeOpen(tx: Tx, ids: readonly string[], status: 'resolved' | 'dismissed', decision: TaskDecision): Promise<void> {
    if (ids.length === 0) return;
    const open = await queryInChunks(tx, [...new Set(ids)], (chunk, ph) => tx.query(`SELECT id FROM review_task WHERE status = 'open' AND id IN (${ph})`, chunk));
    for (const row of open) await this.close(tx, row.id as string, status, decision);
  }

  /** `tasks` less the potential matches already open about these golden records (see notAskedYet). */
  async notAskedYet(tx: Tx, tasks: readonly ReviewTaskWrite[], goldenIds: readonly string[]): Promise<ReviewTaskWrite[]> {
    const ids = [...new Set([...goldenIds, ...tasks.map((t) => t.goldenId)])];
    const rows = await queryInChunks(tx, ids, (chunk, ph) =>
      tx.query(`SELECT subjects FROM review_task WHERE status = 'open' AND kind = 'potential_match' AND golden_id IN (${ph})`, chunk),
    );
    return notAskedYet(tasks, rows.map((row) => ({ subjects: JSON.parse(row.subjects as string) as PotentialMatchSubjects })));
  }

  /**
   * Closes the open potential matches about `goldenIds` whose record is now in the same golden record
   * as one of its candidates (the matcher regrouped them there): the question has been answered.
   */
  async resolveWhereTogether(tx: Tx, goldenIds: readonly string[], decision: TaskDecision): Promise<number> {
    if (goldenIds.length === 0) return 0;
    const rows = await queryInChunks(tx, [...new Set(goldenIds)], (chunk, ph) =>
      tx.query(`SELECT id, subjects FROM review_task WHERE status = 'open' AND kind = 'potential_match' AND golden_id IN (${ph})`, chunk),
    );
    const tasks = rows.map((row) => ({ id: row.id as string, subjects: JSON.parse(row.subjects as string) as PotentialMatchSubjects }));
    const recordIds = [...new Set(tasks.flatMap(({ subjects }) => [subjects.sourceRecordId, ...subjects.candidates.map((c) => c.sourceRecordId)]))];
    const located = await queryInChunks(tx, recordIds, (chunk, ph) => tx.query(`SELECT id, golden_id FROM source_record WHERE id IN (${ph})`, chunk));
    const goldenOf = new Map(located.map((row) => [row.id as string, row.golden_id as string]));
    const answered = tasks.filter(({ subjects }) => {
      const own = goldenOf.get(subjects.sourceRecordId);
      return own !== undefined && subjects.candidates.some((c) => goldenOf.get(c.sourceRecordId) === own);
    });
    for (const { id } of answered) await this.close(tx, id, 'resolved', decision);
    return answered.length;
  }

  /** Marks a task resolved or dismissed, with who decided what and why; bumps its version. */
  async close(tx: Tx, id: string, status: 'resolved' | 'dismissed', decision: TaskDecision): Promise<void> {
    await tx.execute('UPDATE review_task SET status = ?, decided_by = ?, decision = ?, updated_at = ?, version = version + 1 WHERE id = ?', [
      status,
      decision.actor,
      JSON.stringify({ decision: decision.decision, reason: decision.reason }),
      decision.at,
      id,
    ]);
  }
}

export interface TaskDecision {
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
  /** What the steward decided: merged, not_a_match, a chosen value, dismissed. */
  readonly decision: unknown;
}
