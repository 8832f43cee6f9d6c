import { Injectable } from '@nestjs/common';
import type { Tx } from '../common/database/tx';
import type { ReviewTaskWrite } from './review-task.types';

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
        t.explanation ? JSON.stringify(t.explanation) : null,
        null,
        1,
        t.createdAt,
        t.createdAt,
      ]),
    );
  }
}
