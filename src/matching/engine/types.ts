import type { EntityType } from '../../common/entity-type';
import type { Features } from './features/feature.types';
import type { AmbiguousMatchPolicy, MultipleMatchPolicy } from './rules/match-rules';

export type { Features, FeatureValue } from './features/feature.types';

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
  /** Values cleansing left out of an accepted record, each worth telling the sender (a placeholder birth date). */
  readonly warnings?: readonly FieldError[];
}

/** Where a record comes from, when a normaliser needs it (e.g. the default phone region). */
export interface NormalizeContext {
  readonly defaultRegion?: string;
  /** Today (YYYY-MM-DD, UTC), for dates that cannot be in the future; default: the clock's. */
  readonly today?: string;
}

/** A stored record the matcher can compare against: its features and the golden record it belongs to. */
export interface MatchCandidate {
  readonly sourceRecordId: string;
  readonly goldenId: string;
  readonly features: Features;
  /**
   * The record's content hash. Equal scores break on it before the ids: ids are time-ordered, and a
   * choice between two equally good candidates must not depend on which arrived first.
   */
  readonly contentHash?: string;
}

/** One line of a match explanation: which comparison ran, at which level it agreed, and what it contributed. */
export interface ComparisonOutcome {
  readonly comparison: string;
  /** The level label from the rules, or `null` when either record has no value. */
  readonly level: string;
  /** log2(m/u) of the level, term-frequency adjusted: what this comparison added to the total. */
  readonly weight: number;
  readonly detail?: string;
  readonly veto?: 'none' | 'review';
  /**
   * For a veto a conflict put here: the conflict's other comparisons. The disagreement rests on all of
   * them together (a given name a keystroke off and another email): a record can only see past it with
   * a value of its own for each.
   */
  readonly vetoWith?: readonly string[];
  /** The veto this level carries that an identifying agreement lifted (see LevelRule.confirms). */
  readonly lifted?: 'none' | 'review';
}

/**
 * Why two records were (or were not) considered the same entity: the waterfall from the prior's weight,
 * through each comparison's level and weight, to the total weight and its match probability.
 */
export interface MatchExplanation {
  readonly engine: string;
  readonly priorWeight: number;
  readonly comparisons: readonly ComparisonOutcome[];
  readonly totalWeight: number;
  /** The match probability: 1 / (1 + 2^-totalWeight). */
  readonly score: number;
  readonly decision: MatchDecision;
  /** Set when a decisive disagreement capped the decision. */
  readonly vetoed?: 'none' | 'review';
}

/** match: same entity; possible: a steward should look; none: different entities. */
export type MatchDecision = 'match' | 'possible' | 'none';

export interface PairScore {
  readonly score: number;
  readonly decision: MatchDecision;
  readonly explanation: MatchExplanation;
}

/** A record's features and the group (golden record) it is in; null for none yet. */
export interface Grouped {
  readonly features: Features;
  readonly group: string | null;
}

/** A pair scored as far as its decision: its score and waterfall are built only when asked for. */
export interface PairDecision {
  readonly decision: MatchDecision;
  /** The pair's full score, as `compare` gives it (built once). */
  scored(): PairScore;
  /**
   * The pair as scored where two look-alikes stand beside it (a father and a son of one name share a key
   * with the record), so that the conflicts needing a witness hold; present only when that changes the decision.
   */
  readonly witnessed?: PairDecision;
}

/** The result of matching one inbound record against its candidates, aggregated per golden record. */
export interface MatchOutcome {
  /** link: attach to `goldenId`; review: a new golden record plus a review task (a possible match); new: a new golden record. */
  readonly action: 'link' | 'review' | 'new';
  readonly goldenId: string | null;
  readonly score: number;
  readonly explanation: MatchExplanation | null;
  /** Every golden record that scored `possible` or better, best first. */
  readonly ranked: readonly { goldenId: string; sourceRecordId: string; pair: PairScore }[];
  /** Other golden records the record matches as strongly as the one it links to: it bridges them. */
  readonly alsoMatched: readonly string[];
}

/**
 * A matching engine for one entity type: pure functions, no I/O. The hub persists what `blockingKeys`
 * returns, loads the stored records sharing a key as candidates, and asks `match` what to do.
 *
 * @description Stages as in Splink: normalise → features → block → compare → score → decide.
 */
export interface MatchEngine {
  readonly entityType: EntityType;
  /** Cleanses validated attributes; semantic errors (a wrong GTIN check digit) reject the record. */
  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult;
  /** The comparable features of a cleansed record; computed once per record and reused for every pair. */
  features(cleansed: Attributes): Features;
  /** The blocking keys of a record; two records are compared only if they share one. */
  blockingKeys(features: Features): string[];
  /** Scores one pair of records. Symmetric. */
  compare(a: Features, b: Features): PairScore;
  /** Scores one pair as far as its decision; the same decision as `compare`, the waterfall only on demand. */
  decidePair(a: Features, b: Features): PairDecision;
  /**
   * Whether the record and the others hold two look-alike entities of the record's name (a father and his
   * son), as the rules' `witnesses` define them: two of them in different groups (golden records) that
   * agree with each other and with the record. Two in one group are one entity already, whatever a typo
   * in a birth year says.
   */
  lookAlikes(record: Grouped, others: readonly Grouped[]): boolean;
  /** Scores an inbound record against its candidates and decides what to do with it. */
  match(inbound: Features, candidates: readonly MatchCandidate[]): MatchOutcome;
  /** The most entities (golden records) a blocking key may gather before it counts as generic and finds nothing (the rules' default). */
  readonly maxKeyFrequency: number;
  /** The most entities this key may gather before it is generic: its blocking rule's (or refined rule's) limit, else maxKeyFrequency. */
  maxFrequencyOf(key: string): number;
  /** The most candidates scored per inbound record. */
  readonly maxCandidates: number;
  /** What to do when a record matches several golden records (see MatchRules.onMultipleMatches). */
  readonly onMultipleMatches: MultipleMatchPolicy;
  /** What to do when a record matches, about as strongly, golden records it cannot tell apart (see MatchRules.onAmbiguousMatch). */
  readonly onAmbiguousMatch: AmbiguousMatchPolicy;
  /** The feature a comparison of the rules compares. */
  featureOf(comparison: string): string | undefined;
}
