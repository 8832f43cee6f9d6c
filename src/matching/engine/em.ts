import type { CompiledRules } from './rules/compile-rules';
import type { Features } from './features/feature.types';
import type { MatchRules, TermFrequencyTable } from './rules/match-rules';

/** The level each comparison of a pair reaches: an index into its levels, or -1 when a value is missing. */
export function comparisonLevels(rules: CompiledRules, a: Features, b: Features): Int8Array {
  const levels = new Int8Array(rules.comparisons.length);
  rules.comparisons.forEach((comparison, c) => {
    const va = a[comparison.feature];
    const vb = b[comparison.feature];
    if (va === null || vb === null || va === undefined || vb === undefined || va === '' || (Array.isArray(va) && va.length === 0) || (Array.isArray(vb) && vb.length === 0)) {
      levels[c] = -1;
      return;
    }
    levels[c] = comparison.levels.findIndex((level) => level.test(va, vb, a, b));
  });
  return levels;
}

// Below this many observed pairs a comparison keeps the parameters it had: the data says too little.
const MIN_OBSERVATIONS = 50;

/**
 * u: how often each level occurs among pairs of records drawn at random (almost all of them different
 * entities), each pair weighed by how surely it is a non-match (`nonMatch`; by default all are).
 * Laplace-smoothed so that no level gets a zero probability and an infinite weight; null for a comparison
 * seen too rarely (the caller keeps its current u).
 */
export function estimateU(randomPairs: readonly Int8Array[], levelCounts: readonly number[], nonMatch: (pair: Int8Array) => number = () => 1): (number[] | null)[] {
  const weights = randomPairs.map(nonMatch);
  return levelCounts.map((count, c) => {
    const tally = new Array<number>(count).fill(1);
    let observed = 0;
    randomPairs.forEach((pair, i) => {
      if (pair[c] < 0) return;
      tally[pair[c]] += weights[i];
      observed++;
    });
    if (observed < MIN_OBSERVATIONS) return null;
    const total = tally.reduce((a, b) => a + b, 0);
    return tally.map((t) => t / total);
  });
}

/**
 * The probability that a pair is a match under m, u and the prior, as the E-step computes it. Random pairs
 * weighted by one minus it give u without the matches among them: in a large hub one random pair in
 * millions is a match, but in a small or heavily duplicated sample (a thousand records of 250 people) one
 * in 250 is, and counted as non-matches they would halve the bits of an exact birth date or email.
 */
export function matchProbability(pair: Int8Array, m: readonly (readonly number[])[], u: readonly (readonly number[])[], prior: number): number {
  let pm = prior;
  let pu = 1 - prior;
  for (let c = 0; c < pair.length; c++) {
    const level = pair[c];
    if (level < 0) continue;
    pm *= m[c][level];
    pu *= u[c][level];
  }
  return pm / (pm + pu);
}

export interface EmResult {
  /** m per comparison and level; null for a comparison the pairs said nothing about. */
  readonly m: (number[] | null)[];
  /** The share of the pairs that are matches. */
  readonly lambda: number;
  readonly iterations: number;
}

/**
 * Expectation-maximisation for m (Fellegi-Sunter, as Splink does it), with u held fixed: the E-step
 * gives each candidate pair its match probability under the current m and λ, the M-step re-estimates m
 * per level as the probability-weighted share of pairs at that level. `estimate[c]` false keeps a
 * comparison's m fixed (it is biased in these pairs, e.g. the family name within pairs blocked on it).
 */
export function expectationMaximisation(
  pairs: readonly Int8Array[],
  initialM: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  estimate: readonly boolean[],
  options: { maxIterations?: number; tolerance?: number; initialLambda?: number } = {},
): EmResult {
  const m = initialM.map((levels) => [...levels]);
  let lambda = options.initialLambda ?? 0.5;
  const maxIterations = options.maxIterations ?? 30;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const tallies = m.map((levels) => new Array<number>(levels.length).fill(0.01));
    const totals = m.map(() => 0);
    let matches = 0;
    for (const pair of pairs) {
      const p = matchProbability(pair, m, u, lambda);
      matches += p;
      for (let c = 0; c < pair.length; c++) {
        const level = pair[c];
        if (level < 0) continue;
        tallies[c][level] += p;
        totals[c] += p;
      }
    }
    let change = Math.abs(matches / pairs.length - lambda);
    lambda = Math.min(Math.max(matches / pairs.length, 1e-9), 1 - 1e-9);
    for (let c = 0; c < m.length; c++) {
      if (!estimate[c] || totals[c] < MIN_OBSERVATIONS / 5) continue;
      const sum = tallies[c].reduce((a, b) => a + b, 0);
      for (let l = 0; l < m[c].length; l++) {
        const next = tallies[c][l] / sum;
        change = Math.max(change, Math.abs(next - m[c][l]));
        m[c][l] = next;
      }
    }
    if (change < (options.tolerance ?? 1e-4)) break;
  }
  const observed = (c: number) => pairs.reduce((n, pair) => n + (pair[c] >= 0 ? 1 : 0), 0);
  return { m: m.map((levels, c) => (estimate[c] && observed(c) >= MIN_OBSERVATIONS ? levels : null)), lambda, iterations: iterations + 1 };
}

/**
 * Which levels of each comparison at least one pair reached. A level no pair reaches, random or
 * candidate, is one the data says nothing about (another country, in a sample from one country): its
 * add-one u and leftover m would give it a weight out of nothing, so it keeps its shipped m and u.
 */
export function seenLevels(pairs: Iterable<Int8Array>, levelCounts: readonly number[], seen = levelCounts.map((count) => new Array<boolean>(count).fill(false))): boolean[][] {
  for (const pair of pairs) {
    for (let c = 0; c < pair.length; c++) if (pair[c] >= 0) seen[c][pair[c]] = true;
  }
  return seen;
}

/**
 * Trained parameters of each comparison with every unseen level back at its shipped value, and the
 * seen levels scaled to share what is left, so the levels still sum to 1.
 */
export function keepUnseen(trained: readonly (readonly number[] | null)[], shipped: readonly (readonly number[])[], seen: readonly (readonly boolean[])[]): (number[] | null)[] {
  return trained.map((levels, c) => {
    if (!levels || seen[c].every(Boolean)) return levels && [...levels];
    const kept = shipped[c].reduce((sum, value, l) => sum + (seen[c][l] ? 0 : value), 0);
    const trainedSeen = levels.reduce((sum, value, l) => sum + (seen[c][l] ? value : 0), 0);
    return levels.map((value, l) => (seen[c][l] ? (value / trainedSeen) * (1 - kept) : shipped[c][l]));
  });
}

/** Relative frequencies of the most common values of a feature; any other value gets the smallest of them. */
export function termFrequencyTable(values: readonly string[], keep = 2000): TermFrequencyTable {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const total = values.length;
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep);
  const frequencies = Object.fromEntries(top.map(([value, count]) => [value, round(count / total)]));
  const rest = round(Math.min(1 / Math.max(counts.size, 1), ...top.map(([, count]) => count / total)));
  return { values: frequencies, rest };
}

/** Writes trained parameters into a copy of the rules: m and u per level, the prior, term frequencies. */
export function withTrainedParameters(
  rules: MatchRules,
  m: readonly (readonly number[] | null)[],
  u: readonly (readonly number[] | null)[],
  prior: number,
  termFrequencies: MatchRules['termFrequencies'],
  training: Record<string, unknown>,
): MatchRules {
  return {
    ...rules,
    prior: round(prior),
    comparisons: rules.comparisons.map((comparison, c) => ({
      ...comparison,
      levels: comparison.levels.map((level, l) => ({ ...level, m: round(m[c]?.[l] ?? level.m), u: round(u[c]?.[l] ?? level.u) })),
    })),
    termFrequencies,
    training,
  };
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}
