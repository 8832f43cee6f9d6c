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
  let total = rules.priorWeight;
  let veto: 'none' | 'review' | undefined;
  let confirmedBy: string | undefined;
  let comparisons: ComparisonOutcome[] = [];
  // Unrounded weights, for the count-once rules (the explanation shows them rounded).
  const weights = new Map<string, number>();
  for (const comparison of rules.comparisons) {
    const va = a[comparison.feature];
    const vb = b[comparison.feature];
    if (isMissing(va) || isMissing(vb)) {
      comparisons.push({ comparison: comparison.name, level: 'null', weight: 0 });
      continue;
    }
    for (const level of comparison.levels) {
      if (!level.test(va, vb, a, b)) continue;
      let weight = level.weight;
      let detail: string | undefined;
      if (level.exact && comparison.termFrequencies && typeof va === 'string') {
        const frequency = comparison.termFrequencies.values[va] ?? comparison.termFrequencies.rest;
        weight = Math.log2(level.m / frequency);
        detail = `term frequency ${frequency.toPrecision(2)}`;
      }
      total += weight;
      weights.set(comparison.name, weight);
      if (level.veto && veto !== 'none') veto = level.veto;
      if (level.confirms) confirmedBy ??= comparison.name;
      comparisons.push({ comparison: comparison.name, level: level.label, weight: round(weight), ...(detail ? { detail } : {}), ...(level.veto ? { veto: level.veto } : {}) });
      break;
    }
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
  const conflict = veto === 'none' ? undefined : rules.conflicts.find((c) => holds(c.requires, comparisons));
  if (conflict) {
    veto = conflict.veto;
    const vetoWith = [...conflict.requires.keys()].filter((name) => name !== conflict.markedOn);
    comparisons = comparisons.map((c) =>
      c.comparison === conflict.markedOn ? { ...c, veto: conflict.veto, vetoWith, detail: `${conflict.name}: ${describe(conflict.requires, comparisons)}` } : c,
    );
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
