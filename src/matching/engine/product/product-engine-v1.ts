import { decideMatch } from '../decide';
import { normalizeProduct } from './product-normalizer';
import type { Attributes, MatchCandidate, MatchEngine, MatchOutcome, NormalizeResult, PairScore } from '../types';

/** Product matching v1: the same GTIN-14 is the same product. Blocks on the GTIN. */
export class ProductEngineV1 implements MatchEngine {
  readonly entityType = 'product' as const;

  normalize(attributes: Attributes): NormalizeResult {
    return normalizeProduct(attributes);
  }

  blockingKeys(attributes: Attributes): string[] {
    return typeof attributes.gtin === 'string' ? [`gtin:${attributes.gtin}`] : [];
  }

  compare(a: Attributes, b: Attributes): PairScore {
    const same = a.gtin !== undefined && a.gtin === b.gtin;
    const score = same ? 1 : 0;
    const decision = same ? 'match' : 'none';
    return {
      score,
      decision,
      explanation: {
        engine: `product-rules-v1: ${same ? 'same GTIN' : 'no rule'}`,
        score,
        decision,
        comparisons: [{ comparison: 'gtin', level: same ? 'exact' : a.gtin && b.gtin ? 'different' : 'null', weight: score }],
      },
    };
  }

  match(inbound: Attributes, candidates: readonly MatchCandidate[]): MatchOutcome {
    return decideMatch(inbound, candidates, (a, b) => this.compare(a, b));
  }
}
