import type { EntityType } from '../../common/entity-type';

/** An attribute value after validation: the contracts allow strings, numbers and booleans only. */
export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** A problem with one field of one record, reported back to the sender. */
export interface FieldError {
  readonly field: string | null;
  readonly code: string;
  readonly message: string;
}

export interface NormalizeResult {
  /** The cleansed attributes, or null when the record cannot be accepted (see `errors`). */
  readonly cleansed: Attributes | null;
  readonly errors: readonly FieldError[];
}

/** Where a record comes from, when a normaliser needs it (e.g. the default phone region). */
export interface NormalizeContext {
  readonly defaultRegion?: string;
}

/** A stored record the matcher can compare against: its cleansed attributes and the golden record it belongs to. */
export interface MatchCandidate {
  readonly sourceRecordId: string;
  readonly goldenId: string;
  readonly attributes: Attributes;
}

/** One line of a match explanation: which comparison ran, at which level it agreed, and what it contributed. */
export interface ComparisonOutcome {
  readonly comparison: string;
  readonly level: string;
  readonly weight: number;
  readonly detail?: string;
}

/** Why two records were (or were not) considered the same entity: the waterfall from prior to final score. */
export interface MatchExplanation {
  readonly engine: string;
  readonly score: number;
  readonly decision: MatchDecision;
  readonly comparisons: readonly ComparisonOutcome[];
}

/** match: same entity; possible: a steward should look; none: different entities. */
export type MatchDecision = 'match' | 'possible' | 'none';

export interface PairScore {
  readonly score: number;
  readonly decision: MatchDecision;
  readonly explanation: MatchExplanation;
}

/** The result of matching one inbound record against its candidates, aggregated per golden record. */
export interface MatchOutcome {
  /** link: attach to `goldenId`; review: new golden record plus a review task; new: new golden record. */
  readonly action: 'link' | 'review' | 'new';
  readonly goldenId: string | null;
  readonly score: number;
  readonly explanation: MatchExplanation | null;
  /** Every golden record that scored `possible` or better, best first. */
  readonly ranked: readonly { goldenId: string; sourceRecordId: string; pair: PairScore }[];
}

/**
 * A matching engine for one entity type: pure functions, no I/O. The hub persists what `blockingKeys`
 * returns, loads the stored records sharing a key as candidates, and asks `match` what to do.
 *
 * @description Stages as in Splink: normalise → block → compare → score → decide.
 */
export interface MatchEngine {
  readonly entityType: EntityType;
  /** Cleanses validated attributes; semantic errors (a wrong GTIN check digit) reject the record. */
  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult;
  /** The blocking keys of a cleansed record; two records are compared only if they share one. */
  blockingKeys(attributes: Attributes): string[];
  /** Scores one pair of cleansed records. Symmetric. */
  compare(a: Attributes, b: Attributes): PairScore;
  /** Scores an inbound record against its candidates and decides what to do with it. */
  match(inbound: Attributes, candidates: readonly MatchCandidate[]): MatchOutcome;
}
