import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { Tx } from '../common/database/tx';
import type { AttributeValue } from '../matching/engine/types';
import { ReviewTaskStore } from './review-task.store';
import type { AttributeConflictSubjects, ReviewTaskSubjects } from './review-task.types';
import { StewardException, StewardExceptionCode as Code } from './steward.exception';
import { StewardService } from './steward.service';

interface OpenTask {
  readonly id: string;
  readonly kind: string;
  readonly goldenId: string;
  readonly version: number;
  readonly subjects: ReviewTaskSubjects;
}

/** What stewards do with the review queue: claim, assign, dismiss, and resolve attribute conflicts. */
@Injectable()
export class ReviewTaskActionsService {
  constructor(
    private readonly database: Database,
    private readonly tasks: ReviewTaskStore,
    private readonly steward: StewardService,
  ) {}

  /** Gives an open task to a steward (`claim` is assigning it to oneself); null unassigns it. */
  async assign(taskId: string, assignee: string | null, expectedVersion: number | null | undefined): Promise<string> {
    return this.database.transaction(async (tx) => {
      const task = await this.open(tx, taskId, expectedVersion);
      await tx.execute('UPDATE review_task SET assignee = ?, version = version + 1, updated_at = ? WHERE id = ?', [assignee, new Date().toISOString(), task.id]);
      return task.id;
    });
  }

  async dismiss(taskId: string, actor: string, reason: string | null, expectedVersion: number | null | undefined): Promise<string> {
    return this.database.transaction(async (tx) => {
      const task = await this.open(tx, taskId, expectedVersion);
      await this.tasks.close(tx, task.id, 'dismissed', { actor, reason, at: new Date().toISOString(), decision: 'dismissed' });
      return task.id;
    });
  }

  /**
   * Answers an attribute conflict by pinning the chosen value on the golden record (history: a
   * `conflict_resolved` event), so the choice holds until a steward unpins it.
   */
  async resolveConflict(taskId: string, choice: AttributeValue, actor: string, reason: string | null, expectedVersion: number | null | undefined): Promise<string> {
    const task = await this.database.transaction((tx) => this.open(tx, taskId, expectedVersion));
    if (task.kind !== 'attribute_conflict') {
      throw new StewardException(Code.WRONG_TASK_KIND, `task ${task.id} is a ${task.kind}: resolve it by merging or marking not a match`, 'taskId');
    }
    const { attribute, values } = task.subjects as AttributeConflictSubjects;
    if (!values.some((v) => JSON.stringify(v.value) === JSON.stringify(choice))) {
      throw new StewardException(Code.INVALID_CHOICE, `choose one of the conflicting values: ${values.map((v) => JSON.stringify(v.value)).join(', ')}`, 'choice');
    }
    // The pin and the task's closing commit together: two stewards answering at once cannot both win.
    await this.steward.pinAttribute({
      goldenId: task.goldenId,
      attribute,
      value: choice,
      actor,
      reason,
      eventType: 'conflict_resolved',
      alsoInTransaction: async (tx) => {
        const current = await this.open(tx, task.id, task.version);
        await this.tasks.close(tx, current.id, 'resolved', { actor, reason, at: new Date().toISOString(), decision: { attribute, value: choice } });
      },
    });
    return task.id;
  }

  private async open(tx: Tx, taskId: string, expectedVersion: number | null | undefined): Promise<OpenTask> {
    const [row] = await tx.query('SELECT id, kind, status, golden_id, version, subjects FROM review_task WHERE id = ?', [taskId]);
    if (!row) throw new StewardException(Code.TASK_NOT_FOUND, `no review task ${taskId}`, 'taskId');
    if (row.status !== 'open') throw new StewardException(Code.TASK_CLOSED, `review task ${taskId} is ${row.status} already`, 'taskId');
    const version = Number(row.version);
    if (expectedVersion !== null && expectedVersion !== undefined && version !== expectedVersion) {
      throw new StewardException(Code.STALE_VERSION, `review task ${taskId} is at version ${version}, not ${expectedVersion}: someone changed it first`, 'expectedVersion');
    }
    return { id: row.id as string, kind: row.kind as string, goldenId: row.golden_id as string, version, subjects: JSON.parse(row.subjects as string) as ReviewTaskSubjects };
  }
}
