import type { AttributeValue, Attributes } from '../matching/engine/types';

/** A source record as survivorship sees it: where it comes from, when it changed, what it says. */
export interface Contributor {
  readonly sourceRecordId: string;
  readonly source: string;
  readonly sourceId: string;
  /** When the record changed in its source (ISO 8601 UTC); null when the source did not say. */
  readonly updatedAt: string | null;
  readonly attributes: Attributes;
}

/** How much a source is trusted for an attribute; higher wins. */
export type TrustLookup = (source: string, attribute: string) => number;

/**
 * How the value of an attribute (or of a group of attributes) is chosen among the source records:
 * - `source-priority`: from the source trusted most for the attribute, then the most recent;
 * - `most-recent`: from the record changed last in its source (`updatedAt`), then the most trusted;
 * - `most-complete`: the longest value (for a group: the most fields filled, then the longest), then trust;
 * - `most-frequent`: the value most records agree on, then trust.
 * Every strategy ends in the same deterministic tie-break: the smaller source code, then source id.
 */
export type SurvivorStrategy = 'source-priority' | 'most-recent' | 'most-complete' | 'most-frequent';

export const SURVIVOR_STRATEGIES: readonly SurvivorStrategy[] = ['source-priority', 'most-recent', 'most-complete', 'most-frequent'];

/** Attributes that survive together from one source record: never a city from one and a street from another. */
export interface AttributeGroup {
  readonly name: string;
  readonly attributes: readonly string[];
  /** Defaults to the rules' default strategy. */
  readonly strategy?: SurvivorStrategy;
}

/** The `survivorship` section of a rules file. */
export interface SurvivorshipRules {
  readonly default: SurvivorStrategy;
  readonly attributes: Readonly<Record<string, SurvivorStrategy>>;
  readonly groups: readonly AttributeGroup[];
  /** Attributes whose disagreement between sources of equal trust a steward must resolve (birthDate, gtin). */
  readonly conflictSensitive: readonly string[];
}

export const DEFAULT_SURVIVORSHIP: SurvivorshipRules = { default: 'most-recent', attributes: {}, groups: [], conflictSensitive: [] };

/** Values a steward fixed on a golden record; they win over every source. */
export type Pins = Readonly<Record<string, AttributeValue>>;

/**
 * What decided the winning value: the only value there was, a steward's pin, or the criterion of the
 * strategy's chain that told the winner from the runner-up.
 */
export type SurvivorRule =
  | 'only-value'
  | 'pinned'
  | 'source-trust'
  | 'most-recent'
  | 'most-complete'
  | 'most-frequent'
  | 'tie-break'
  /** A member of a linked group the winner lacked, from the best record that agrees with it wherever both speak. */
  | 'completes-group';

export interface ProvenanceCandidate {
  readonly value: AttributeValue;
  readonly source: string;
  readonly sourceId: string;
  readonly sourceRecordId: string;
}

export interface AttributeProvenance {
  readonly value: AttributeValue;
  /** The winning source record; null for a pinned value. */
  readonly sourceRecordId: string | null;
  readonly source: string | null;
  readonly sourceId: string | null;
  readonly updatedAt: string | null;
  /** The configured strategy, or `pinned`. */
  readonly strategy: SurvivorStrategy | 'pinned';
  readonly rule: SurvivorRule;
  /** The linked-attribute group the value survived with, if any. */
  readonly group?: string;
  /** The values that lost, best first, with where they came from. */
  readonly candidates: readonly ProvenanceCandidate[];
}

/** A conflict-sensitive attribute on which sources of equal trust disagree. */
export interface AttributeConflict {
  readonly attribute: string;
  /** Every distinct value, with the source records that hold it. */
  readonly values: readonly { readonly value: AttributeValue; readonly sourceRecordIds: readonly string[] }[];
}

export interface SurvivedRecord {
  readonly attributes: Attributes;
  readonly provenance: Readonly<Record<string, AttributeProvenance>>;
  readonly conflicts: readonly AttributeConflict[];
}
