import type { AttributeProvenance, Contributor, SurvivedRecord, SurvivorRule } from './survivorship.types';

const RULE_CODES: Record<SurvivorRule, string> = { 'only-value': 'o', 'most-recent': 'r', 'source-trust': 't', 'tie-break': 'b' };
const RULES_BY_CODE = Object.fromEntries(Object.entries(RULE_CODES).map(([rule, code]) => [code, rule as SurvivorRule]));

/** Per attribute: [winner index, rule code, ...loser indexes], indexes into `m`. */
type StoredAttribute = readonly [number, string, ...number[]];

/**
 * Provenance as the golden record stores it: the contributing source records once, then per attribute
 * the winner, the rule and the losers by position in that list. Values, sources and dates are read back
 * from the source records, which is exact because provenance is recomputed whenever one of them changes.
 * (The full form repeated all of that per attribute and was 85 % of a golden row.)
 */
export interface StoredProvenance {
  /** Ids of the contributing source records, sorted. */
  readonly m: readonly string[];
  readonly a: Readonly<Record<string, StoredAttribute>>;
}

export function storeProvenance(survived: SurvivedRecord, contributors: readonly Contributor[]): StoredProvenance {
  const members = contributors.map((c) => c.sourceRecordId).sort();
  const position = new Map(members.map((id, i) => [id, i]));
  const attributes: Record<string, StoredAttribute> = {};
  for (const [attribute, p] of Object.entries(survived.provenance)) {
    attributes[attribute] = [position.get(p.sourceRecordId)!, RULE_CODES[p.rule], ...p.candidates.map((c) => position.get(c.sourceRecordId)!)];
  }
  return { m: members, a: attributes };
}

/** Rebuilds the full per-attribute provenance from the stored form and the source records it names. */
export function expandProvenance(stored: StoredProvenance, sourceRecords: readonly Contributor[]): (AttributeProvenance & { attribute: string })[] {
  const byId = new Map(sourceRecords.map((r) => [r.sourceRecordId, r]));
  const out: (AttributeProvenance & { attribute: string })[] = [];
  for (const [attribute, [winnerIndex, ruleCode, ...loserIndexes]] of Object.entries(stored.a)) {
    const winner = byId.get(stored.m[winnerIndex]);
    if (!winner) continue;
    out.push({
      attribute,
      value: winner.attributes[attribute],
      sourceRecordId: winner.sourceRecordId,
      source: winner.source,
      sourceId: winner.sourceId,
      updatedAt: winner.updatedAt,
      rule: RULES_BY_CODE[ruleCode],
      candidates: loserIndexes.flatMap((i) => {
        const loser = byId.get(stored.m[i]);
        return loser ? [{ value: loser.attributes[attribute], source: loser.source, sourceId: loser.sourceId, sourceRecordId: loser.sourceRecordId }] : [];
      }),
    });
  }
  return out;
}
