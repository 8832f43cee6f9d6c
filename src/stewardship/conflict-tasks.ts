import { uuidv7 } from '../common/database/uuid';
import type { GoldenState } from '../golden-records/golden-record.types';
import type { AttributeConflict } from '../survivorship/survivorship.types';
import type { ReviewTaskWrite } from './review-task.types';

/** One ATTRIBUTE_CONFLICT review task per conflict survivorship could not decide. */
export function conflictTasks(golden: GoldenState, conflicts: readonly AttributeConflict[], now: string): ReviewTaskWrite[] {
  return conflicts.map((conflict) => ({
    id: uuidv7(),
    entityType: golden.entityType,
    kind: 'attribute_conflict',
    goldenId: golden.id,
    subjects: { attribute: conflict.attribute, values: conflict.values },
    score: null,
    explanation: null,
    createdAt: now,
  }));
}
