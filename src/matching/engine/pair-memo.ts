import type { Features, MatchEngine, PairScore } from './types';

/**
 * Remembers pair scores by the identity of the two feature objects. A batch meets the same pairs more
 * than once (scored up front to find the golden records worth loading, then again when deciding, and
 * again when checking chains), and a pair's score is a pure function of the two records' features.
 */
export class PairMemo {
  private readonly scores = new Map<Features, Map<Features, PairScore>>();

  constructor(private readonly engine: Pick<MatchEngine, 'compare'>) {}

  readonly compare = (a: Features, b: Features): PairScore => {
    let row = this.scores.get(a);
    if (!row) {
      row = new Map();
      this.scores.set(a, row);
    }
    let score = row.get(b);
    if (!score) {
      score = this.engine.compare(a, b);
      row.set(b, score);
    }
    return score;
  };
}
