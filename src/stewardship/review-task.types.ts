import type { EntityType } from '../common/entity-type';
import type { MatchExplanation } from '../matching/engine/types';

export type ReviewTaskKind = 'potential_match' | 'attribute_conflict';
export type ReviewTaskStatus = 'open' | 'resolved' | 'dismissed';

/** What a potential-match task is about: the inbound record, its own golden record, and the candidates. */
export interface PotentialMatchSubjects {
  readonly sourceRecordId: string;
  readonly source: string;
  readonly sourceId: string;
  readonly candidates: readonly { goldenId: string; sourceRecordId: string; score: number }[];
}

/** A new review task, as the ingest pipeline opens it. */
export interface ReviewTaskWrite {
  readonly id: string;
  readonly entityType: EntityType;
  readonly kind: ReviewTaskKind;
  readonly goldenId: string;
  readonly subjects: PotentialMatchSubjects;
  readonly score: number;
  readonly explanation: MatchExplanation | null;
  readonly createdAt: string;
}
