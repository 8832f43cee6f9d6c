import type { Features, MatchDecision, MatchEngine, PairDecision, PairScore } from './types';

// Most pairs a batch meets score 'none' and are only asked for that: they keep no levels, and are
// scored again in full in the rare case their waterfall is wanted (scoring is pure).
const NONE = 'none';

/**
 * Remembers pair scores by the identity of the two feature objects. A batch meets the same pairs more
 * than once (scored up front to find the golden records worth loading, then again when deciding, and
 * again when checking chains), and a pair's score is a pure function of the two records' features.
 * Most pairs are only asked for their decision (a candidate scoring 'none' is dropped): their waterfall
 * is never built.
 */
export class PairMemo {
  private readonly pairs = new Map<Features, Map<Features, PairDecision | typeof NONE>>();

  constructor(private readonly engine: Pick<MatchEngine, 'decidePair'>) {}

  readonly decision = (a: Features, b: Features): MatchDecision => {
    const row = this.row(a);
    let pair = row.get(b);
    if (pair === undefined) {
      const decided = this.engine.decidePair(a, b);
      pair = decided.decision === NONE ? NONE : decided;
      row.set(b, pair);
    }
    return pair === NONE ? NONE : pair.decision;
  };

  readonly compare = (a: Features, b: Features): PairScore => this.decided(a, b).scored();

  /** The pair's score where two look-alikes stand beside it (see PairDecision.witnessed). */
  readonly compareWitnessed = (a: Features, b: Features): PairScore => {
    const pair = this.decided(a, b);
    return (pair.witnessed ?? pair).scored();
  };

  /** Whether the pair's decision hangs on a witness: a match that a conflict needing one would make a possible match. */
  readonly hangsOnWitness = (a: Features, b: Features): boolean => this.decision(a, b) !== NONE && this.decided(a, b).witnessed !== undefined;

  private decided(a: Features, b: Features): PairDecision {
    const row = this.row(a);
    let pair = row.get(b);
    if (pair === undefined || pair === NONE) {
      pair = this.engine.decidePair(a, b);
      row.set(b, pair);
    }
    return pair;
  }

  private row(a: Features): Map<Features, PairDecision | typeof NONE> {
    let row = this.pairs.get(a);
    if (!row) {
      row = new Map();
      this.pairs.set(a, row);
    }
    return row;
  }
}
