// Pure arithmetic of the quality benchmark: pairwise precision/recall/F1, blocking pair completeness and
// reduction ratio, and cluster agreement between two runs. No I/O, so test/quality-metrics.spec.ts can
// prove every figure on hand-made examples.

/** dedup: any two records may be duplicates. link: only pairs across sources are true or comparable. */
export type Task = 'dedup' | 'link';

/** One record of a benchmark dataset, with what the hub made of it. */
export interface EvaluatedRecord {
  /** The source system it was imported from. */
  readonly source: string;
  /** Its ground-truth entity. */
  readonly entity: string;
  /** The golden record the hub linked it to; null when the data contract rejected it. */
  readonly golden: string | null;
  /** The blocking keys the hub stored for it in match_key (none when rejected). */
  readonly blockKeys: readonly string[];
}

export interface PairConfusion {
  /** Pairs the ground truth says are the same entity (rejected records included: they are misses). */
  readonly truePairs: number;
  /** Pairs of imported records sharing a golden record (in a link task within-source pairs too: all false). */
  readonly predictedPairs: number;
  /** Predicted pairs that are true pairs. */
  readonly truePositives: number;
}

export interface Scores {
  /** NaN when nothing was predicted. */
  readonly precision: number;
  /** NaN when there is no true pair. */
  readonly recall: number;
  readonly f1: number;
}

/**
 * The pairs among the members of one group that count for the task, given how many members each source
 * has: all n(n−1)/2 for dedup; for link only the pairs across sources, (n² − Σ nₛ²)/2 (= |A|·|B| for two).
 */
export function pairsInGroup(sizesBySource: readonly number[], task: Task): number {
  const n = sizesBySource.reduce((sum, size) => sum + size, 0);
  if (n < 2) return 0; // also keeps 0·(−1)/2 from being −0
  if (task === 'dedup') return (n * (n - 1)) / 2;
  const within = sizesBySource.reduce((sum, size) => sum + size * size, 0);
  return (n * n - within) / 2;
}

/**
 * Counts true, predicted and correctly predicted pairs from group sizes alone (no pair is materialised):
 * a true positive is a pair inside one (golden record ∩ entity) cell.
 */
export function pairConfusion(records: readonly EvaluatedRecord[], task: Task): PairConfusion {
  const byEntity = new SourceCounts();
  const byGolden = new SourceCounts();
  const byCell = new SourceCounts();
  for (const record of records) {
    byEntity.add(record.entity, record.source);
    if (record.golden === null) continue;
    byGolden.add(record.golden, record.source);
    byCell.add(`${record.golden}\u0000${record.entity}`, record.source);
  }
  return {
    truePairs: byEntity.sum((sizes) => pairsInGroup(sizes, task)),
    // Every pair in a golden record is a prediction, whatever the task: in a link task a golden record
    // holding two records of one source made a claim the truth does not support.
    predictedPairs: byGolden.sum((sizes) => pairsInGroup(sizes, 'dedup')),
    truePositives: byCell.sum((sizes) => pairsInGroup(sizes, task)),
  };
}

export function scores(confusion: PairConfusion): Scores {
  const { truePairs, predictedPairs, truePositives } = confusion;
  return {
    precision: predictedPairs > 0 ? truePositives / predictedPairs : NaN,
    recall: truePairs > 0 ? truePositives / truePairs : NaN,
    // 2PR/(P+R) rewritten so that it stays defined (0) when nothing was predicted.
    f1: truePairs + predictedPairs > 0 ? (2 * truePositives) / (truePairs + predictedPairs) : NaN,
  };
}

/**
 * The best any engine could score given which records the contract rejected: every imported record
 * linked exactly to its true entity. Rejected records' pairs stay misses, so recall (and pair
 * completeness, whose ceiling is the same) cannot pass this.
 */
export function ceiling(records: readonly EvaluatedRecord[], task: Task): Scores {
  return scores(pairConfusion(records.map((r) => ({ ...r, golden: r.golden === null ? null : r.entity })), task));
}

/** Every true pair as record indexes [i, j] with i < j. Only for blocking: the true pairs are few. */
export function truePairList(records: readonly EvaluatedRecord[], task: Task): [number, number][] {
  const members = new Map<string, number[]>();
  records.forEach((record, index) => push(members, record.entity, index));
  const pairs: [number, number][] = [];
  for (const group of members.values()) {
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) {
        const [i, j] = [group[a], group[b]];
        if (task === 'dedup' || records[i].source !== records[j].source) pairs.push([i, j]);
      }
    }
  }
  return pairs;
}

export interface PairCompleteness {
  readonly truePairs: number;
  /** True pairs whose two records share at least one blocking key. */
  readonly covered: number;
  /** covered / truePairs; NaN when there is no true pair. */
  readonly completeness: number;
}

/** Share of true pairs that blocking lets the engine compare; a pair with a rejected record is a miss. */
export function pairCompleteness(records: readonly EvaluatedRecord[], task: Task): PairCompleteness {
  const pairs = truePairList(records, task);
  let covered = 0;
  for (const [i, j] of pairs) {
    const [a, b] = [records[i], records[j]];
    if (a.golden === null || b.golden === null) continue;
    const keys = new Set(a.blockKeys);
    if (b.blockKeys.some((key) => keys.has(key))) covered++;
  }
  return { truePairs: pairs.length, covered, completeness: pairs.length > 0 ? covered / pairs.length : NaN };
}

/** All pairs an engine without blocking would compare among the imported records (cross-source pairs for link). */
export function comparisonSpace(records: readonly EvaluatedRecord[], task: Task): number {
  const bySource = new SourceCounts();
  for (const record of records) if (record.golden !== null) bySource.add('all', record.source);
  return bySource.sum((sizes) => pairsInGroup(sizes, task));
}

/**
 * Distinct pairs of imported records sharing at least one blocking key (cross-source only for link).
 * Two records sharing several keys are one candidate pair, so per-key k(k−1)/2 over-counts. Instead of a
 * set of pairs (millions when a key is common), each record i walks the members of its keys and marks
 * the partners j > i it has seen in a stamp array: exact, memory O(records), time O(Σ k²).
 */
export function candidatePairs(records: readonly EvaluatedRecord[], task: Task): number {
  const members = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (record.golden === null) return;
    for (const key of new Set(record.blockKeys)) push(members, key, index);
  });
  const seenBy = new Int32Array(records.length).fill(-1);
  let count = 0;
  records.forEach((record, i) => {
    if (record.golden === null) return;
    for (const key of new Set(record.blockKeys)) {
      for (const j of members.get(key)!) {
        if (j <= i || seenBy[j] === i) continue;
        if (task === 'link' && records[j].source === record.source) continue;
        seenBy[j] = i;
        count++;
      }
    }
  });
  return count;
}

/** 1 − candidate pairs / all pairs: the share of comparisons blocking saves. NaN when there is no pair. */
export function reductionRatio(candidates: number, space: number): number {
  return space > 0 ? 1 - candidates / space : NaN;
}

export interface ClusterAgreement {
  /** Records imported in either run. */
  readonly records: number;
  /** Records whose cluster (the set of records sharing its golden record) is the same set in both runs. */
  readonly identical: number;
  /** identical / records; NaN when there is no record. */
  readonly share: number;
}

/**
 * Compares two runs' clusterings, each a map from record key to golden id (golden ids differ between
 * runs, only the member sets count). A record's cluster is the same set in both runs iff its cluster in
 * run A, its cluster in run B and their intersection all have the same size. A record missing from one
 * run counts as different.
 */
export function clusterAgreement(runA: ReadonlyMap<string, string>, runB: ReadonlyMap<string, string>): ClusterAgreement {
  const sizeA = countValues(runA.values());
  const sizeB = countValues(runB.values());
  const both = new Map<string, number>();
  for (const [key, goldenA] of runA) {
    const goldenB = runB.get(key);
    if (goldenB !== undefined) increment(both, `${goldenA}\u0000${goldenB}`);
  }
  const keys = new Set([...runA.keys(), ...runB.keys()]);
  let identical = 0;
  for (const key of keys) {
    const [goldenA, goldenB] = [runA.get(key), runB.get(key)];
    if (goldenA === undefined || goldenB === undefined) continue;
    const shared = both.get(`${goldenA}\u0000${goldenB}`)!;
    if (shared === sizeA.get(goldenA) && shared === sizeB.get(goldenB)) identical++;
  }
  return { records: keys.size, identical, share: keys.size > 0 ? identical / keys.size : NaN };
}

/** Member counts per source for each group. */
class SourceCounts {
  private readonly groups = new Map<string, Map<string, number>>();

  add(group: string, source: string): void {
    let sources = this.groups.get(group);
    if (!sources) this.groups.set(group, (sources = new Map()));
    increment(sources, source);
  }

  sum(pairs: (sizesBySource: number[]) => number): number {
    let total = 0;
    for (const sources of this.groups.values()) total += pairs([...sources.values()]);
    return total;
  }
}

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) increment(counts, value);
  return counts;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The records as they would be clustered after a steward confirmed every link of the review queue. */
export function withReviewQueueAccepted(records: readonly EvaluatedRecord[], links: readonly { inboundGolden: string; candidateGoldens: readonly string[] }[]): EvaluatedRecord[] {
  const parent = new Map<string, string>();
  const root = (golden: string): string => {
    let at = golden;
    while (parent.has(at)) at = parent.get(at)!;
    return at;
  };
  for (const link of links) {
    for (const candidate of link.candidateGoldens) {
      const [a, b] = [root(link.inboundGolden), root(candidate)];
      if (a !== b) parent.set(a, b);
    }
  }
  return records.map((record) => (record.golden === null ? record : { ...record, golden: root(record.golden) }));
}

/** Two true entities a hub must keep apart (twins, spouses...), with the kind of relation between them. */
export interface HardNegative {
  readonly kind: string;
  readonly entities: readonly [string, string];
}

export interface HardNegativeCount {
  readonly planted: number;
  /** Pairs where some record of one entity shares a golden record with some record of the other. */
  readonly merged: number;
}

/** Per kind, how many planted hard-negative pairs the hub merged (rejected records merge nothing). */
export function hardNegativesMerged(records: readonly EvaluatedRecord[], negatives: readonly HardNegative[]): Map<string, HardNegativeCount> {
  const goldens = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.golden === null) continue;
    let set = goldens.get(record.entity);
    if (!set) goldens.set(record.entity, (set = new Set()));
    set.add(record.golden);
  }
  const counts = new Map<string, HardNegativeCount>();
  for (const { kind, entities } of negatives) {
    const [a, b] = entities.map((entity) => goldens.get(entity) ?? new Set<string>());
    const merged = [...a].some((golden) => b.has(golden));
    const count = counts.get(kind) ?? { planted: 0, merged: 0 };
    counts.set(kind, { planted: count.planted + 1, merged: count.merged + (merged ? 1 : 0) });
  }
  return counts;
}
