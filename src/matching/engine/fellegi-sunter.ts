import type { Features, FeatureValue } from './features/feature.types';
import type { CompiledRules } from './rules/compile-rules';
import type { ComparisonOutcome, MatchDecision, PairScore } from './types';

/**
 * Scores a pair of records the Fellegi-Sunter way: the prior's log-odds plus, for each comparison, the
 * log2(m/u) weight of the level the pair reaches (a missing value on either side adds nothing), with
 * exact agreements on common values weighted down by term frequency. The sum is turned into a match
 * probability; a level marked as veto caps the decision whatever the sum. A level that `confirms` (the
 * same national id) identifies the entity: it lifts the other comparisons' review vetoes and softens a
 * none veto to review, so twins stay apart by their ids while one person's records agree on theirs. A
 * corroboration (the same full name, birth date and street) lifts review vetoes too, and only those;
 * a conflict (a given name one keystroke off and another birth date) vetoes where no level does alone.
 */
export function scorePair(rules: CompiledRules, a: Features, b: Features, engine: string): PairScore {
  return explainPair(rules, levelsOf(rules, a, b), a, engine);
}

/** A comparison's value was missing on either side: it adds nothing. */
export const MISSING = -1;
/** No level of the comparison applied to the pair (rules without a catch-all level). */
export const NO_LEVEL = -2;

/**
 * What the level tests found for a pair, the costly part of scoring: per comparison of the rules, the
 * index of the level the pair reached (or MISSING, NO_LEVEL) and its weight, term-frequency adjusted.
 */
export interface PairLevels {
  readonly levels: readonly number[];
  readonly weights: readonly number[];
}

export function levelsOf(rules: CompiledRules, a: Features, b: Features): PairLevels {
  const levels: number[] = [];
  const weights: number[] = [];
  for (const comparison of rules.comparisons) {
    const va = a[comparison.feature];
    const vb = b[comparison.feature];
    let reached = NO_LEVEL;
    let weight = 0;
    if (isMissing(va) || isMissing(vb)) reached = MISSING;
    else {
      for (let l = 0; l < comparison.levels.length; l++) {
        const level = comparison.levels[l];
        if (!level.test(va, vb, a, b)) continue;
        reached = l;
        weight = level.exact && comparison.termFrequencies && typeof va === 'string' ? Math.log2(level.m / termFrequency(comparison, va)) : level.weight;
        break;
      }
    }
    levels.push(reached);
    weights.push(weight);
  }
  return { levels, weights };
}

/**
 * The decision `explainPair` reaches from the same levels, without building the waterfall: most pairs a
 * blocking key finds score 'none' and are dropped, and only the kept ones need explaining. The same
 * arithmetic in the same order, so the two never disagree (checked by a property test).
 */
export function decisionOf(rules: CompiledRules, { levels, weights }: PairLevels, witnessed = false): MatchDecision {
  const indexed = indexedRules(rules);
  let total = rules.priorWeight;
  let veto: 'none' | 'review' | undefined;
  let confirmed = false;
  for (let i = 0; i < levels.length; i++) {
    if (levels[i] < 0) continue;
    const level = rules.comparisons[i].levels[levels[i]];
    total += weights[i];
    if (level.veto && veto !== 'none') veto = level.veto;
    if (level.confirms) confirmed = true;
  }
  if (indexed.countOnce.length > 0) {
    const counted = [...weights];
    for (const rule of indexed.countOnce) {
      if (!reaches(rule.requires, levels)) continue;
      const sign = rule.agreements ? 1 : -1;
      const against: number[] = [];
      for (const i of rule.comparisons) if (levels[i] >= 0 && sign * counted[i] > 0) against.push(i);
      if (against.length < 2) continue;
      const strongest = against.reduce((x, y) => (sign * counted[y] > sign * counted[x] ? y : x));
      for (const i of against) {
        if (i === strongest) continue;
        total -= counted[i];
        counted[i] = 0;
      }
    }
  }
  const conflict = veto === 'none' ? undefined : indexed.conflicts.find((c) => (witnessed || !c.needsWitness) && reaches(c.requires, levels));
  if (conflict) veto = conflict.veto;
  if (confirmed && veto) veto = veto === 'none' ? 'review' : undefined;
  if (veto === 'review' && indexed.corroborations.some((requires) => reaches(requires, levels))) veto = undefined;
  return decide(1 / (1 + 2 ** -total), rules.source.thresholds, veto);
}

/**
 * A rule's requirements by comparison index: per comparison, whether each reachable outcome counts,
 * indexed by level index + 2 (NO_LEVEL, MISSING, then the levels), as `holds` reads the labels.
 */
type IndexedRequirements = readonly (readonly [comparison: number, counts: readonly boolean[]])[];

interface IndexedRules {
  readonly countOnce: readonly { readonly agreements: boolean; readonly comparisons: readonly number[]; readonly requires: IndexedRequirements }[];
  readonly conflicts: readonly { readonly veto: 'none' | 'review'; readonly needsWitness: boolean; readonly requires: IndexedRequirements }[];
  readonly corroborations: readonly IndexedRequirements[];
  readonly witnesses: { readonly agree: IndexedRequirements; readonly apart: IndexedRequirements } | null;
}

const INDEXED_RULES = new WeakMap<CompiledRules, IndexedRules>();

function indexedRules(rules: CompiledRules): IndexedRules {
  let indexed = INDEXED_RULES.get(rules);
  if (indexed) return indexed;
  const index = new Map(rules.comparisons.map((c, i) => [c.name, i]));
  const requirements = (requires: Requirements): IndexedRequirements =>
    [...requires].map(([name, labels]) => {
      const i = index.get(name);
      // A comparison the rules do not have reads as '' (absent), as in `holds`.
      if (i === undefined) return [-1, [labels.has('')]] as const;
      return [i, ['', 'null', ...rules.comparisons[i].levels.map((l) => l.label)].map((label) => labels.has(label))] as const;
    });
  indexed = {
    // In the rules' comparison order, as `explainPair` filters them.
    countOnce: rules.countOnce.map((rule) => ({
      agreements: rule.agreements,
      comparisons: rules.comparisons.flatMap((c, i) => (rule.comparisons.has(c.name) ? [i] : [])),
      requires: requirements(rule.requires),
    })),
    conflicts: rules.conflicts.map((c) => ({ veto: c.veto, needsWitness: c.needsWitness, requires: requirements(c.requires) })),
    corroborations: rules.corroborations.map((c) => requirements(c.requires)),
    witnesses: rules.witnesses ? { agree: requirements(rules.witnesses.agree), apart: requirements(rules.witnesses.apart) } : null,
  };
  INDEXED_RULES.set(rules, indexed);
  return indexed;
}

function reaches(requires: IndexedRequirements, levels: readonly number[]): boolean {
  for (const [i, counts] of requires) {
    if (!(i < 0 ? counts[0] : counts[levels[i] + 2])) return false;
  }
  return true;
}

/** Where a pair stands against the rules' `witnesses`: whether it agrees on every `agree` comparison, and reaches an `apart` level. */
export function witnessLevels(rules: CompiledRules, { levels }: PairLevels): { readonly agree: boolean; readonly apart: boolean } {
  const witnesses = indexedRules(rules).witnesses;
  if (!witnesses) return { agree: false, apart: false };
  return { agree: reaches(witnesses.agree, levels), apart: witnesses.apart.some(([i, counts]) => i >= 0 && counts[levels[i] + 2]) };
}

/**
 * The pair's score with its waterfall, from the levels it reached (`a` gives the term frequencies' values).
 * `witnessed`: two look-alikes stand beside the records, so the conflicts that need a witness hold too.
 */
export function explainPair(rules: CompiledRules, { levels, weights: reachedWeights }: PairLevels, a: Features, engine: string, witnessed = false): PairScore {
  let total = rules.priorWeight;
  let veto: 'none' | 'review' | undefined;
  let confirmedBy: string | undefined;
  let comparisons: ComparisonOutcome[] = [];
  // Unrounded weights, for the count-once rules (the explanation shows them rounded).
  const weights = new Map<string, number>();
  for (let i = 0; i < levels.length; i++) {
    const comparison = rules.comparisons[i];
    if (levels[i] === NO_LEVEL) continue;
    if (levels[i] === MISSING) {
      comparisons.push({ comparison: comparison.name, level: 'null', weight: 0 });
      continue;
    }
    const level = comparison.levels[levels[i]];
    const weight = reachedWeights[i];
    const va = a[comparison.feature];
    const detail = level.exact && comparison.termFrequencies && typeof va === 'string' ? `term frequency ${termFrequency(comparison, va).toPrecision(2)}` : undefined;
    total += weight;
    weights.set(comparison.name, weight);
    if (level.veto && veto !== 'none') veto = level.veto;
    if (level.confirms) confirmedBy ??= comparison.name;
    comparisons.push({ comparison: comparison.name, level: level.label, weight: round(weight), ...(detail ? { detail } : {}), ...(level.veto ? { veto: level.veto } : {}) });
  }
  for (const rule of rules.countOnce) {
    if (!holds(rule.requires, comparisons)) continue;
    // Disagreements by default (a move); with `agreements`, agreements (a postcode and its town).
    const sign = rule.agreements ? 1 : -1;
    const against = comparisons.filter((c) => rule.comparisons.has(c.comparison) && sign * (weights.get(c.comparison) ?? 0) > 0);
    if (against.length < 2) continue;
    const strongest = against.reduce((x, y) => (sign * weights.get(y.comparison)! > sign * weights.get(x.comparison)! ? y : x));
    for (const c of against) {
      if (c === strongest) continue;
      total -= weights.get(c.comparison)!;
      // Counted once: a later rule over the same comparisons must not take it away again.
      weights.set(c.comparison, 0);
    }
    comparisons = comparisons.map((c) =>
      against.includes(c) && c !== strongest ? { ...c, weight: 0, detail: `counted once, with ${strongest.comparison}: ${rule.name}` } : c,
    );
  }
  const conflict = veto === 'none' ? undefined : rules.conflicts.find((c) => (witnessed || !c.needsWitness) && holds(c.requires, comparisons));
  if (conflict) {
    veto = conflict.veto;
    const vetoWith = [...conflict.requires.keys()].filter((name) => name !== conflict.markedOn);
    comparisons = comparisons.map((c) =>
      c.comparison === conflict.markedOn ? { ...c, veto: conflict.veto, vetoWith, detail: `${conflict.name}: ${describe(conflict.requires, comparisons)}` } : c,
    );
  } else if (!witnessed && veto !== 'none') {
    // A steward reading why the records linked sees the question that was not asked, and why.
    const unasked = rules.conflicts.find((c) => c.needsWitness && holds(c.requires, comparisons));
    if (unasked) {
      const detail = `not asked: ${unasked.name}: no two such look-alikes seen beside the records`;
      comparisons = comparisons.map((c) => (c.comparison === unasked.markedOn ? { ...c, detail } : c));
    }
  }
  if (confirmedBy && veto) {
    veto = veto === 'none' ? 'review' : undefined;
    comparisons = comparisons.map((c) => (c.veto ? liftVeto(c, `${confirmedBy} agrees`) : c));
  }
  const corroboration = veto === 'review' ? corroboratedBy(rules, comparisons) : undefined;
  if (corroboration) {
    veto = undefined;
    comparisons = comparisons.map((c) => (c.veto ? liftVeto(c, `${corroboration} agree`) : c));
  }
  const probability = 1 / (1 + 2 ** -total);
  const decision = decide(probability, rules.source.thresholds, veto);
  return {
    score: probability,
    decision,
    explanation: {
      engine,
      priorWeight: round(rules.priorWeight),
      totalWeight: round(total),
      score: probability,
      decision,
      comparisons,
      ...(veto ? { vetoed: veto } : {}),
    },
  };
}

/** A comparison's veto once an identifying agreement outranked it: review is lifted, none becomes review. */
function liftVeto(outcome: ComparisonOutcome, because: string): ComparisonOutcome {
  const { veto, ...rest } = outcome;
  if (veto === 'none') return { ...rest, veto: 'review', lifted: veto, detail: `veto none softened to review: ${because}` };
  return { ...rest, lifted: veto, detail: `veto ${veto} lifted: ${because}` };
}

/** The first corroboration whose every comparison reached one of its agreeing levels. */
function corroboratedBy(rules: CompiledRules, comparisons: readonly ComparisonOutcome[]): string | undefined {
  return rules.corroborations.find((c) => holds(c.requires, comparisons))?.name;
}

type Requirements = CompiledRules['corroborations'][number]['requires'];

/** Whether every listed comparison is at one of its listed levels. */
function holds(requires: Requirements, comparisons: readonly ComparisonOutcome[]): boolean {
  for (const [comparison, levels] of requires) {
    if (!levels.has(comparisons.find((c) => c.comparison === comparison)?.level ?? '')) return false;
  }
  return true;
}

function termFrequency(comparison: CompiledRules['comparisons'][number], value: string): number {
  return comparison.termFrequencies!.values[value] ?? comparison.termFrequencies!.rest;
}

function describe(requires: Requirements, comparisons: readonly ComparisonOutcome[]): string {
  return [...requires.keys()].map((name) => `${name} ${comparisons.find((c) => c.comparison === name)?.level}`).join(', ');
}

function decide(probability: number, thresholds: { match: number; review: number }, veto: 'none' | 'review' | undefined): MatchDecision {
  if (veto === 'none') return 'none';
  if (probability >= thresholds.match) return veto === 'review' ? 'possible' : 'match';
  return probability >= thresholds.review ? 'possible' : 'none';
}

function isMissing(value: FeatureValue | undefined): value is null | undefined {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function round(weight: number): number {
  return Math.round(weight * 100) / 100;
}
