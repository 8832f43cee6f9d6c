import type { AttributeValue, Attributes } from '../matching/engine/types';
import type { AttributeProvenance, Contributor, SurvivedRecord, SurvivorRule, SurvivorStrategy } from './survivorship.types';

const RULE_CODES: Record<SurvivorRule, string> = {
  'only-value': 'o',
  pinned: 'p',
  'most-recent': 'r',
  'source-trust': 't',
  'most-complete': 'c',
  'most-frequent': 'f',
  'tie-break': 'b',
  'completes-group': 'g',
};
const RULES_BY_CODE = Object.fromEntries(Object.entries(RULE_CODES).map(([rule, code]) => [code, rule as SurvivorRule]));
/** The winner index of a pinned value: it comes from no source record. */
const PINNED = -1;

/** Per attribute: [winner index, rule code, ...loser indexes], indexes into `m` (the winner is -1 for a pin). */
type StoredAttribute = readonly [number, string, ...number[]];

/**
 * Provenance as the golden record stores it: the contributing source records once, the strategy of each
 * attribute and group once, then per attribute the winner, the rule and the losers by position in that
 * list. Values, sources and dates are read back from the source records (a pinned value from the golden
 * record itself), which is exact because provenance is recomputed whenever one of them changes.
 * (The full form repeated all of that per attribute and was 85 % of a golden row.)
 */
export interface StoredProvenance {
  /** Ids of the contributing source records, sorted. */
  readonly m: readonly string[];
  readonly a: Readonly<Record<string, StoredAttribute>>;
  /** Attribute → strategy, for attributes not decided by the default `most-recent`. */
  readonly s?: Readonly<Record<string, SurvivorStrategy>>;
  /** Attribute → the linked group it survived with. */
  readonly g?: Readonly<Record<string, string>>;
  /** Conflict-sensitive attributes on which equally trusted sources disagree (a review task was opened). */
  readonly k?: readonly string[];
}

export function storeProvenance(survived: SurvivedRecord, contributors: readonly Contributor[]): StoredProvenance {
  const members = contributors.map((c) => c.sourceRecordId).sort();
  const position = new Map(members.map((id, i) => [id, i]));
  const attributes: Record<string, StoredAttribute> = {};
  const strategies: Record<string, SurvivorStrategy> = {};
  const groups: Record<string, string> = {};
  for (const [attribute, p] of Object.entries(survived.provenance)) {
    const winner = p.sourceRecordId === null ? PINNED : position.get(p.sourceRecordId)!;
    attributes[attribute] = [winner, RULE_CODES[p.rule], ...p.candidates.map((c) => position.get(c.sourceRecordId)!)];
    if (p.strategy !== 'pinned' && p.strategy !== 'most-recent') strategies[attribute] = p.strategy;
    if (p.group) groups[attribute] = p.group;
  }
  return {
    m: members,
    a: attributes,
    ...(Object.keys(strategies).length > 0 ? { s: strategies } : {}),
    ...(Object.keys(groups).length > 0 ? { g: groups } : {}),
  };
}

/** Rebuilds the full per-attribute provenance from the stored form, the source records it names and the golden attributes. */
export function expandProvenance(
  stored: StoredProvenance,
  sourceRecords: readonly Contributor[],
  goldenAttributes: Attributes,
): (AttributeProvenance & { attribute: string })[] {
  const byId = new Map(sourceRecords.map((r) => [r.sourceRecordId, r]));
  const out: (AttributeProvenance & { attribute: string })[] = [];
  for (const [attribute, [winnerIndex, ruleCode, ...loserIndexes]] of Object.entries(stored.a)) {
    const candidates = loserIndexes.flatMap((i) => {
      const loser = byId.get(stored.m[i]);
      return loser ? [{ value: loser.attributes[attribute], source: loser.source, sourceId: loser.sourceId, sourceRecordId: loser.sourceRecordId }] : [];
    });
    const group = stored.g?.[attribute];
    if (winnerIndex === PINNED) {
      const value: AttributeValue | undefined = goldenAttributes[attribute];
      if (value === undefined) continue;
      out.push({ attribute, value, sourceRecordId: null, source: null, sourceId: null, updatedAt: null, strategy: 'pinned', rule: 'pinned', candidates });
      continue;
    }
    const winner = byId.get(stored.m[winnerIndex]);
    if (!winner) continue;
    out.push({
      attribute,
      value: winner.attributes[attribute],
      sourceRecordId: winner.sourceRecordId,
      source: winner.source,
      sourceId: winner.sourceId,
      updatedAt: winner.updatedAt,
      strategy: stored.s?.[attribute] ?? 'most-recent',
      rule: RULES_BY_CODE[ruleCode],
      ...(group ? { group } : {}),
      candidates,
    });
  }
  return out;
}
