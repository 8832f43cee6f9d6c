import { describe, expect, it } from 'vitest';
import {
  candidatePairs,
  ceiling,
  clusterAgreement,
  comparisonSpace,
  hardNegativesMerged,
  pairCompleteness,
  pairConfusion,
  pairsInGroup,
  reductionRatio,
  scores,
  truePairList,
  withReviewQueueAccepted,
  type EvaluatedRecord,
} from '../bench/quality/metrics';

// Every expected figure below was worked out by hand; the comments show the working.

const rec = (source: string, entity: string, golden: string | null, blockKeys: string[]): EvaluatedRecord => ({ source, entity, golden, blockKeys });

// Dedup: entities A = {r0, r1, r2}, B = {r3, r4}, C = {r5}; r4 was rejected by the contract.
// Golden records g1 = {r0, r1}, g2 = {r2, r3}, g3 = {r5}.
const dedup: EvaluatedRecord[] = [
  rec('s', 'A', 'g1', ['k1']), // r0
  rec('s', 'A', 'g1', ['k1', 'k2']), // r1
  rec('s', 'A', 'g2', ['k2']), // r2
  rec('s', 'B', 'g2', ['k2', 'k3']), // r3
  rec('s', 'B', null, []), // r4 (rejected)
  rec('s', 'C', 'g3', ['k3', 'k2']), // r5
];

// Link between sources a and b: entities X = {a0, b0}, Y = {a1, b1}, Z = {a2, b2}; b2 was rejected.
// Golden records g1 = {a0, a1, b0} (a0–a1 is a within-source pair: false), g2 = {b1}, g3 = {a2}.
const link: EvaluatedRecord[] = [
  rec('a', 'X', 'g1', ['p']), // 0: a0
  rec('a', 'Y', 'g1', ['p', 'q']), // 1: a1
  rec('b', 'X', 'g1', ['p', 'q']), // 2: b0
  rec('b', 'Y', 'g2', ['q']), // 3: b1
  rec('b', 'Z', null, []), // 4: b2 (rejected)
  rec('a', 'Z', 'g3', ['r']), // 5: a2
];

describe('pairsInGroup', () => {
  it('counts n(n−1)/2 pairs for dedup', () => {
    expect(pairsInGroup([4], 'dedup')).toBe(6);
    expect(pairsInGroup([2, 2], 'dedup')).toBe(6); // sources do not matter: 4 records
    expect(pairsInGroup([1], 'dedup')).toBe(0);
    expect(pairsInGroup([], 'dedup')).toBe(0);
  });

  it('counts only cross-source pairs for link', () => {
    expect(pairsInGroup([2, 3], 'link')).toBe(6); // 2 × 3
    expect(pairsInGroup([2, 3, 1], 'link')).toBe(11); // 2·3 + 2·1 + 3·1
    expect(pairsInGroup([5], 'link')).toBe(0);
  });
});

describe('pairConfusion and scores', () => {
  it('dedup: rejected records keep their true pairs, which become misses', () => {
    // true: A 3 pairs (r0r1, r0r2, r1r2) + B 1 (r3r4) = 4; predicted: g1 1 + g2 1 = 2;
    // correct: cell (g1, A) = {r0, r1} → 1; (g2, A), (g2, B) are single records → 0.
    const confusion = pairConfusion(dedup, 'dedup');
    expect(confusion).toEqual({ truePairs: 4, predictedPairs: 2, truePositives: 1 });
    const s = scores(confusion);
    expect(s.precision).toBe(0.5); // 1 / 2
    expect(s.recall).toBe(0.25); // 1 / 4
    expect(s.f1).toBeCloseTo(1 / 3, 12); // 2·0.5·0.25 / 0.75
  });

  it('link: only cross-source pairs are true, a within-source predicted pair is a false positive', () => {
    // true: a0b0, a1b1, a2b2 = 3; predicted: g1 has 3 records → 3 pairs (a0a1, a0b0, a1b0);
    // correct: cell (g1, X) = {a0, b0} → 1 cross pair; (g1, Y) = {a1} → 0.
    const confusion = pairConfusion(link, 'link');
    expect(confusion).toEqual({ truePairs: 3, predictedPairs: 3, truePositives: 1 });
    const s = scores(confusion);
    expect(s.precision).toBeCloseTo(1 / 3, 12);
    expect(s.recall).toBeCloseTo(1 / 3, 12);
    expect(s.f1).toBeCloseTo(1 / 3, 12); // 2·1 / (3 + 3)
  });

  it('a link task does not count a same-entity pair within one source as true', () => {
    const records = [rec('a', 'X', 'g', []), rec('a', 'X', 'g', []), rec('b', 'X', 'g', [])];
    // true: a·b = 2·1 = 2 cross pairs; predicted: 3 pairs; correct: 2 (the within-source one is false).
    expect(pairConfusion(records, 'link')).toEqual({ truePairs: 2, predictedPairs: 3, truePositives: 2 });
  });

  it('nothing predicted: precision undefined, recall and F1 zero; perfect: all one', () => {
    const none = scores({ truePairs: 10, predictedPairs: 0, truePositives: 0 });
    expect(none.precision).toBeNaN();
    expect(none.recall).toBe(0);
    expect(none.f1).toBe(0);
    expect(scores({ truePairs: 7, predictedPairs: 7, truePositives: 7 })).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('singletons only: no true and no predicted pair', () => {
    const records = [rec('s', 'A', 'g1', []), rec('s', 'B', 'g2', [])];
    expect(pairConfusion(records, 'dedup')).toEqual({ truePairs: 0, predictedPairs: 0, truePositives: 0 });
    expect(scores(pairConfusion(records, 'dedup')).f1).toBeNaN();
  });
});

describe('ceiling', () => {
  it('dedup: a perfect engine still misses the pairs of rejected records', () => {
    // Imported records grouped by entity: A = {r0, r1, r2} → 3 pairs, all right; B loses r3r4 (r4 rejected).
    // recall 3/4, precision 3/3, F1 = 2·3 / (4 + 3) = 6/7.
    const best = ceiling(dedup, 'dedup');
    expect(best.precision).toBe(1);
    expect(best.recall).toBe(0.75);
    expect(best.f1).toBeCloseTo(6 / 7, 12);
  });

  it('link', () => {
    // a0b0 and a1b1 found, a2b2 lost to the rejected b2: recall 2/3, precision 2/2, F1 = 4/5.
    const best = ceiling(link, 'link');
    expect(best.recall).toBeCloseTo(2 / 3, 12);
    expect(best.f1).toBeCloseTo(0.8, 12);
  });
});

describe('truePairList', () => {
  it('lists each true pair once, lower index first', () => {
    expect(truePairList(dedup, 'dedup')).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [3, 4],
    ]);
    expect(truePairList(link, 'link')).toEqual([
      [0, 2],
      [1, 3],
      [4, 5],
    ]);
  });
});

describe('pairCompleteness', () => {
  it('dedup: a pair counts when its records share a key; a rejected record is a miss', () => {
    // r0r1 share k1 ✓; r0r2 ({k1} vs {k2}) ✗; r1r2 share k2 ✓; r3r4: r4 rejected ✗ → 2 / 4.
    expect(pairCompleteness(dedup, 'dedup')).toEqual({ truePairs: 4, covered: 2, completeness: 0.5 });
  });

  it('link', () => {
    // a0b0 share p ✓; a1b1 share q ✓; a2b2: b2 rejected ✗ → 2 / 3.
    const result = pairCompleteness(link, 'link');
    expect(result.covered).toBe(2);
    expect(result.completeness).toBeCloseTo(2 / 3, 12);
  });

  it('a rejected record misses even if it somehow carried a shared key', () => {
    const records = [rec('s', 'A', 'g1', ['k']), rec('s', 'A', null, ['k'])];
    expect(pairCompleteness(records, 'dedup').covered).toBe(0);
  });
});

describe('candidatePairs, comparisonSpace and reductionRatio', () => {
  it('dedup: pairs sharing several keys count once', () => {
    // k1 = {r0, r1} → r0r1; k2 = {r1, r2, r3, r5} → r1r2 r1r3 r1r5 r2r3 r2r5 r3r5; k3 = {r3, r5} → r3r5 again.
    // Per key 1 + 6 + 1 = 8, distinct 7. Space: 5 imported records → 10 pairs. RR = 1 − 7/10.
    expect(candidatePairs(dedup, 'dedup')).toBe(7);
    expect(comparisonSpace(dedup, 'dedup')).toBe(10);
    expect(reductionRatio(7, 10)).toBeCloseTo(0.3, 12);
  });

  it('link: only cross-source candidate pairs, over |A| × |B|', () => {
    // p = {a0, a1, b0} → a0b0, a1b0 (a0a1 is within source); q = {a1, b0, b1} → a1b0 again, a1b1; r = {a2}.
    // Distinct 3. Space: imported a = 3 (a0, a1, a2), b = 2 (b0, b1; b2 rejected) → 6. RR = 1 − 3/6.
    expect(candidatePairs(link, 'link')).toBe(3);
    expect(comparisonSpace(link, 'link')).toBe(6);
    expect(reductionRatio(3, 6)).toBe(0.5);
  });

  it('a key listed twice on one record does not make a pair with itself or twice', () => {
    const records = [rec('s', 'A', 'g1', ['k', 'k']), rec('s', 'B', 'g2', ['k'])];
    expect(candidatePairs(records, 'dedup')).toBe(1);
  });

  it('a key shared by k records gives k(k−1)/2 pairs', () => {
    const records = Array.from({ length: 200 }, (_, i) => rec('s', `e${i}`, `g${i}`, ['all']));
    expect(candidatePairs(records, 'dedup')).toBe(19_900); // 200·199/2
    expect(reductionRatio(19_900, comparisonSpace(records, 'dedup'))).toBe(0);
  });

  it('no pair at all: reduction ratio undefined', () => {
    expect(reductionRatio(0, 0)).toBeNaN();
  });
});

describe('clusterAgreement', () => {
  it('compares member sets, not golden ids', () => {
    const runA = new Map([
      ['x', '1'],
      ['y', '1'],
      ['z', '2'],
    ]);
    const runB = new Map([
      ['x', 'b'],
      ['y', 'b'],
      ['z', 'c'],
    ]);
    expect(clusterAgreement(runA, runB)).toEqual({ records: 3, identical: 3, share: 1 });
  });

  it('a grown cluster differs for all its members; a record missing from one run differs', () => {
    // A: {x, y}, {z}, {w}. B: {x, y, z}, {w}, {v}. x, y, z changed; w same; v only in B → 1 of 5.
    const runA = new Map([
      ['x', '1'],
      ['y', '1'],
      ['z', '2'],
      ['w', '3'],
    ]);
    const runB = new Map([
      ['x', 'a'],
      ['y', 'a'],
      ['z', 'a'],
      ['w', 'b'],
      ['v', 'c'],
    ]);
    expect(clusterAgreement(runA, runB)).toEqual({ records: 5, identical: 1, share: 0.2 });
  });

  it('a cluster split differently: {x, y}, {z} vs {x}, {y, z}', () => {
    const runA = new Map([
      ['x', '1'],
      ['y', '1'],
      ['z', '2'],
    ]);
    const runB = new Map([
      ['x', 'a'],
      ['y', 'b'],
      ['z', 'b'],
    ]);
    expect(clusterAgreement(runA, runB)).toEqual({ records: 3, identical: 0, share: 0 });
  });
});

describe('withReviewQueueAccepted', () => {
  it('merges the golden records of each confirmed link, transitively, and leaves rejected records alone', () => {
    // A = {r0, r1, r2} split over g1, g2, g3; B = {r3} in g4; r4 rejected. Links g2→g1 and g3→g2 join all of A.
    const records = [rec('s', 'A', 'g1', []), rec('s', 'A', 'g2', []), rec('s', 'A', 'g3', []), rec('s', 'B', 'g4', []), rec('s', 'B', null, [])];
    const before = scores(pairConfusion(records, 'dedup'));
    expect(before.recall).toBe(0); // 3 true pairs in A + 1 in B, none predicted
    const accepted = withReviewQueueAccepted(records, [
      { inboundGolden: 'g2', candidateGoldens: ['g1'] },
      { inboundGolden: 'g3', candidateGoldens: ['g2'] },
    ]);
    expect(new Set(accepted.slice(0, 3).map((r) => r.golden)).size).toBe(1);
    expect(accepted[3].golden).toBe('g4');
    expect(accepted[4].golden).toBeNull();
    // 3 of the 4 true pairs found, none wrong: recall 3/4, precision 1.
    expect(scores(pairConfusion(accepted, 'dedup'))).toMatchObject({ precision: 1, recall: 0.75 });
  });
});

describe('hardNegativesMerged', () => {
  it('counts a planted pair as merged when any record of one shares a golden record with any of the other', () => {
    // Twins T1/T2: T2's second record sits in T1's golden g1 → merged. Spouses S1/S2: apart.
    // Namesakes N1/N2: N2 was rejected (no golden) → cannot be merged.
    const records = [
      rec('s', 'T1', 'g1', []),
      rec('s', 'T2', 'g2', []),
      rec('s', 'T2', 'g1', []),
      rec('s', 'S1', 'g3', []),
      rec('s', 'S2', 'g4', []),
      rec('s', 'N1', 'g5', []),
      rec('s', 'N2', null, []),
    ];
    const counts = hardNegativesMerged(records, [
      { kind: 'twins', entities: ['T1', 'T2'] },
      { kind: 'spouses', entities: ['S1', 'S2'] },
      { kind: 'namesakes', entities: ['N1', 'N2'] },
      { kind: 'spouses', entities: ['S2', 'T1'] },
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      twins: { planted: 1, merged: 1 },
      spouses: { planted: 2, merged: 0 },
      namesakes: { planted: 1, merged: 0 },
    });
  });
});
