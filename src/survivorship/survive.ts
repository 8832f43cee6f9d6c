import type { AttributeValue } from '../matching/engine/types';
import type { AttributeProvenance, Contributor, SurvivedRecord, SurvivorRule, TrustLookup } from './survivorship.types';

/**
 * Computes a golden record's attributes from its contributing source records. For each attribute the
 * value survives from the record changed most recently in its source (`updatedAt`; unknown counts as
 * oldest), then from the more trusted source, then from the smaller (source, sourceId) — so the result
 * is a pure function of the set of contributors, never of the order they arrived in. A missing value
 * never beats a present one.
 */
export function survive(contributors: readonly Contributor[], trust: TrustLookup): SurvivedRecord {
  const attributeNames = [...new Set(contributors.flatMap((c) => Object.keys(c.attributes)))].sort();
  const attributes: Record<string, AttributeValue> = {};
  const provenance: Record<string, AttributeProvenance> = {};
  for (const attribute of attributeNames) {
    const ranked = contributors
      .filter((c) => c.attributes[attribute] !== undefined)
      .sort((a, b) => compareContributors(a, b, attribute, trust));
    const winner = ranked[0];
    const value = winner.attributes[attribute];
    attributes[attribute] = value;
    provenance[attribute] = {
      value,
      sourceRecordId: winner.sourceRecordId,
      source: winner.source,
      sourceId: winner.sourceId,
      updatedAt: winner.updatedAt,
      rule: decidingRule(winner, ranked[1], attribute, trust),
      candidates: ranked.slice(1).map((c) => ({
        value: c.attributes[attribute],
        source: c.source,
        sourceId: c.sourceId,
        sourceRecordId: c.sourceRecordId,
      })),
    };
  }
  return { attributes, provenance };
}

/** Negative when `a` should win over `b`. */
function compareContributors(a: Contributor, b: Contributor, attribute: string, trust: TrustLookup): number {
  return (
    compareRecency(a, b) ||
    trust(b.source, attribute) - trust(a.source, attribute) ||
    compareStrings(a.source, b.source) ||
    compareStrings(a.sourceId, b.sourceId)
  );
}

function compareRecency(a: Contributor, b: Contributor): number {
  if (a.updatedAt === b.updatedAt) return 0;
  if (a.updatedAt === null) return 1;
  if (b.updatedAt === null) return -1;
  return a.updatedAt > b.updatedAt ? -1 : 1;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decidingRule(winner: Contributor, runnerUp: Contributor | undefined, attribute: string, trust: TrustLookup): SurvivorRule {
  if (!runnerUp) return 'only-value';
  if (compareRecency(winner, runnerUp) !== 0) return 'most-recent';
  if (trust(winner.source, attribute) !== trust(runnerUp.source, attribute)) return 'source-trust';
  return 'tie-break';
}
