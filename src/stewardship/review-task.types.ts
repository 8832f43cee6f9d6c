import type { EntityType } from '../common/entity-type';
import type { AttributeValue, MatchExplanation } from '../matching/engine/types';

export type ReviewTaskKind = 'potential_match' | 'attribute_conflict';
export type ReviewTaskStatus = 'open' | 'resolved' | 'dismissed';

/** What a potential-match task is about: the inbound record, its own golden record, and the candidates. */
export interface PotentialMatchSubjects {
  readonly sourceRecordId: string;
  readonly source: string;
  readonly sourceId: string;
  readonly candidates: readonly { goldenId: string; sourceRecordId: string; score: number }[];
}

/** What an attribute-conflict task is about: every value of the attribute and the source records holding it. */
export interface AttributeConflictSubjects {
  readonly attribute: string;
  readonly values: readonly { readonly value: AttributeValue; readonly sourceRecordIds: readonly string[] }[];
}

export type ReviewTaskSubjects = PotentialMatchSubjects | AttributeConflictSubjects;

/** A new review task, as the ingest pipeline opens it. */
export interface ReviewTaskWrite {
  readonly id: string;
  readonly entityType: EntityType;
  readonly kind: ReviewTaskKind;
  readonly goldenId: string;
  readonly subjects: ReviewTaskSubjects;
  /** The match probability of a potential match; null for a conflict. */
  readonly score: number | null;
  readonly explanation: MatchExplanation | null;
  readonly createdAt: string;
}

/**
 * The potential matches of `tasks` not already among the `open` ones (the same record against the same
 * candidate records): a regrouping re-asks its component's questions, and one is asked once.
 */
export function notAskedYet(tasks: readonly ReviewTaskWrite[], open: readonly { subjects: ReviewTaskSubjects }[]): ReviewTaskWrite[] {
  const question = (subjects: ReviewTaskSubjects) => {
    const { sourceRecordId, candidates } = subjects as PotentialMatchSubjects;
    return `${sourceRecordId} ${candidates.map((c) => c.sourceRecordId).sort().join(' ')}`;
  };
  const asked = new Set(open.filter((t) => 'candidates' in t.subjects).map((t) => question(t.subjects)));
  return tasks.filter((task) => task.kind !== 'potential_match' || !asked.has(question(task.subjects)));
}
