import { describe, expect, it } from 'vitest';
import { estimateU, expectationMaximisation, keepUnseen, matchProbability, seenLevels, withTrainedParameters } from './em';
import type { MatchRules } from './rules/match-rules';

// Pairs over two comparisons of two levels each (0 = agree, 1 = disagree), -1 = a value missing.
const pair = (...levels: number[]) => Int8Array.from(levels);

describe('expectationMaximisation', () => {
  it('recovers m from pairs whose matches agree and whose non-matches mostly do not', () => {
    // 300 matches agreeing on both comparisons 90 % of the time, 700 non-matches agreeing 10 % of the time.
    const pairs = [
      ...Array.from({ length: 300 }, (_, i) => pair(i % 10 === 0 ? 1 : 0, i % 10 === 5 ? 1 : 0)),
      ...Array.from({ length: 700 }, (_, i) => pair(i % 10 === 0 ? 0 : 1, i % 10 === 5 ? 0 : 1)),
    ];
    const u = [
      [0.1, 0.9],
      [0.1, 0.9],
    ];
    const result = expectationMaximisation(pairs, [[0.5, 0.5], [0.5, 0.5]], u, [true, true]);
    expect(result.lambda).toBeGreaterThan(0.25);
    expect(result.lambda).toBeLessThan(0.35);
    for (const m of result.m) expect(m![0]).toBeGreaterThan(0.8);
  });

  it('keeps the m of a comparison it must not estimate', () => {
    const pairs = Array.from({ length: 200 }, (_, i) => pair(i % 2, i % 3 === 0 ? 0 : 1));
    const result = expectationMaximisation(pairs, [[0.7, 0.3], [0.5, 0.5]], [[0.1, 0.9], [0.1, 0.9]], [false, true]);
    expect(result.m[0]).toBeNull();
    expect(result.m[1]).not.toBeNull();
  });
});

describe('u from random pairs', () => {
  // 1,000 random pairs of a small, duplicated sample: 20 are matches agreeing on both comparisons; of the
  // 980 others, 10 agree on the first by chance.
  const randomPairs = [
    ...Array.from({ length: 20 }, () => pair(0, 0)),
    ...Array.from({ length: 980 }, (_, i) => pair(i < 10 ? 0 : 1, 1)),
  ];
  const m = [
    [0.9, 0.1],
    [0.9, 0.1],
  ];

  it('counts the matches among them as non-matches when not told otherwise, and leaves them out when weighed', () => {
    const [counted] = estimateU(randomPairs, [2, 2]);
    expect(counted![0]).toBeCloseTo(31 / 1002, 4);
    const uncorrected = estimateU(randomPairs, [2, 2]) as number[][];
    const [weighed] = estimateU(randomPairs, [2, 2], (p) => 1 - matchProbability(p, m, uncorrected, 0.02));
    // Only the 10 chance agreements (and the smoothing's one) are left: a third of what was counted.
    expect(weighed![0]).toBeGreaterThan(10 / 1002);
    expect(weighed![0]).toBeLessThan(12 / 1002);
  });

  it('gives a pair agreeing on everything a match probability near one, and one agreeing on nothing near zero', () => {
    const u = [
      [0.01, 0.99],
      [0.01, 0.99],
    ];
    expect(matchProbability(pair(0, 0), m, u, 0.02)).toBeGreaterThan(0.99);
    expect(matchProbability(pair(1, 1), m, u, 0.02)).toBeLessThan(0.01);
    // A missing value says nothing: only the prior and the other comparison count.
    expect(matchProbability(pair(-1, -1), m, u, 0.02)).toBeCloseTo(0.02, 6);
  });
});

describe('levels no pair reached', () => {
  it('keep their shipped value while the seen levels share the rest in their trained proportions', () => {
    const shipped = [[0.6, 0.3, 0.1]];
    expect(keepUnseen([[0.5, 0.5, 0]], shipped, [[true, true, false]])[0]).toEqual([0.45, 0.45, 0.1]);
    expect(keepUnseen([[0.5, 0.3, 0.2]], shipped, [[true, true, true]])[0]).toEqual([0.5, 0.3, 0.2]);
    expect(keepUnseen([null], shipped, [[true, false, false]])[0]).toBeNull();
  });

  it('are marked unseen across random and candidate pairs alike', () => {
    const seen = seenLevels([pair(0, -1)], [2, 3]);
    seenLevels([pair(0, 2)], [2, 3], seen);
    expect(seen).toEqual([
      [true, false],
      [false, false, true],
    ]);
  });

  it('keep their shipped m and u: a sample from one country does not make another country evidence', () => {
    // Every record in one country: random pairs all agree on it, so "else" gets only the add-one tally.
    const randomPairs = Array.from({ length: 1000 }, () => pair(0));
    const u = estimateU(randomPairs, [2]);
    expect(u[0]![1]).toBeLessThan(0.01);
    const seen = seenLevels(randomPairs, [2]);
    const rules = { prior: 0.001, comparisons: [{ name: 'country', feature: 'country', levels: [{ label: 'exact', when: { exact: true }, m: 0.98, u: 0.5 }, { label: 'else', when: { else: true }, m: 0.02, u: 0.5 }] }] } as unknown as MatchRules;
    const shipped = { m: [[0.98, 0.02]], u: [[0.5, 0.5]] };
    const trained = withTrainedParameters(rules, keepUnseen([[0.999, 0.001]], shipped.m, seen), keepUnseen(u, shipped.u, seen), 0.01, {}, {});
    // The seen level shares what the unseen one leaves, so the levels still sum to 1.
    expect(trained.comparisons[0].levels).toMatchObject([
      { m: 0.98, u: 0.5 },
      { m: 0.02, u: 0.5 },
    ]);
  });
});
