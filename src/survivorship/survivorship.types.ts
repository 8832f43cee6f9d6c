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

/** Which rule decided the winning value of an attribute. */
export type SurvivorRule = 'only-value' | 'most-recent' | 'source-trust' | 'tie-break';

export interface AttributeProvenance {
  readonly value: AttributeValue;
  readonly sourceRecordId: string;
  readonly source: string;
  readonly sourceId: string;
  readonly updatedAt: string | null;
  readonly rule: SurvivorRule;
  /** The values that lost, with where they came from. */
  readonly candidates: readonly { value: AttributeValue; source: string; sourceId: string; sourceRecordId: string }[];
}

export interface SurvivedRecord {
  readonly attributes: Attributes;
  readonly provenance: Readonly<Record<string, AttributeProvenance>>;
}
