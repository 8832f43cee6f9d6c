import type { AttributeProvenance, Contributor, SurvivedRecord, SurvivorRule } from './survivorship.types';

/**
 * Provenance as the golden record stores it: the contributing source records once, then per attribute
 * the winner, the rule and the losers by position in that list. Values, sources and dates are read back
 * from the source records, which is exact because provenance is recomputed whenever one of them changes.
 * (The full form repeated all of that per attribute and was 85 % of a golden row.)
 */
export interface StoredProvenance {
  /** Ids of the contributing source records, sorted. */
  readonly m: readonly string[];
  /** Per attribute: w = winner index, r = rule, l = loser indexes. */
  readonly a: Readonly<Record<string, { readonly w: number; readonly r: SurvivorRule; readonly l: readonly number[] }>>;
}

export function storeProvenance(survived: SurvivedRecord, contributors: readonly Contributor[]): StoredProvenance {
  const members = contributors.map((c) => c.sourceRecordId).sort();
  const position = new Map(members.map((id, i) => [id, i]));
  const attributes: Record<string, { w: number; r: SurvivorRule; l: number[] }> = {};
  for (const [attribute, p] of Object.entries(survived.provenance)) {
    attributes[attribute] = {
      w: position.get(p.sourceRecordId)!,
      r: p.rule,
      l: p.candidates.map((c) => position.get(c.sourceRecordId)!),
    };
  }
  return { m: members, a: attributes };
}

/** Rebuilds the full per-attribute provenance from the stored form and the source records it names. */
export function expandProvenance(stored: StoredProvenance, sourceRecords: readonly Contributor[]): (AttributeProvenance & { attribute: string })[] {
  const byId = new Map(sourceRecords.map((r) => [r.sourceRecordId, r]));
  const out: (AttributeProvenance & { attribute: string })[] = [];
  for (const [attribute, entry] of Object.entries(stored.a)) {
    const winner = byId.get(stored.m[entry.w]);
    if (!winner) continue;
    out.push({
      attribute,
      value: winner.attributes[attribute],
      sourceRecordId: winner.sourceRecordId,
      source: winner.source,
      sourceId: winner.sourceId,
      updatedAt: winner.updatedAt,
      rule: entry.r,
      candidates: entry.l.flatMap((i) => {
        const loser = byId.get(stored.m[i]);
        return loser ? [{ value: loser.attributes[attribute], source: loser.source, sourceId: loser.sourceId, sourceRecordId: loser.sourceRecordId }] : [];
      }),
    });
  }
  return out;
}
