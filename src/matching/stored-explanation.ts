import type { ComparisonOutcome, MatchDecision, MatchExplanation } from './engine/types';

/**
 * A match explanation as the database keeps it: the same waterfall with its lines as arrays, not objects
 * naming every key. Stored on every linked source record (and review task), the object form was about
 * 870 bytes, two thirds of a linked record's row; this form is about half of it. Reading accepts both,
 * so rows written before stay readable.
 */
type StoredLine = [comparison: string, level: string, weight: number, extra?: Omit<ComparisonOutcome, 'comparison' | 'level' | 'weight'>];

interface StoredExplanation {
  readonly e: string;
  readonly p: number;
  readonly t: number;
  readonly s: number;
  readonly d: MatchDecision;
  readonly x?: 'none' | 'review';
  readonly c: readonly StoredLine[];
}

export function storedExplanation(explanation: MatchExplanation): string {
  const stored: StoredExplanation = {
    e: explanation.engine,
    p: explanation.priorWeight,
    t: explanation.totalWeight,
    s: explanation.score,
    d: explanation.decision,
    ...(explanation.vetoed ? { x: explanation.vetoed } : {}),
    c: explanation.comparisons.map(({ comparison, level, weight, ...extra }) => (Object.keys(extra).length > 0 ? [comparison, level, weight, extra] : [comparison, level, weight])),
  };
  return JSON.stringify(stored);
}

export function explanationFromStore(json: string): MatchExplanation {
  const parsed = JSON.parse(json) as StoredExplanation | MatchExplanation;
  if ('engine' in parsed) return parsed; // written before the compact form
  return {
    engine: parsed.e,
    priorWeight: parsed.p,
    comparisons: parsed.c.map(([comparison, level, weight, extra]) => ({ comparison, level, weight, ...extra })),
    totalWeight: parsed.t,
    score: parsed.s,
    decision: parsed.d,
    ...(parsed.x ? { vetoed: parsed.x } : {}),
  };
}
