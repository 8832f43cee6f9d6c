import { describe, expect, it } from 'vitest';
import { decideMatch } from './decide';
import type { Features, PairScore } from './types';

// Every pair scores the same: only the tie-break decides.
const tie = (): PairScore => ({
  score: 0.995,
  decision: 'match',
  explanation: { engine: 'test', priorWeight: 0, totalWeight: 8, score: 0.995, decision: 'match', comparisons: [] },
});
const features: Features = {};

describe('decideMatch', () => {
  it('breaks equal scores on content, whichever order the candidates come in and whatever their ids', () => {
    // The later golden id holds the record whose content sorts first: it wins, in both orders.
    const early = { sourceRecordId: '01-a', goldenId: '01-golden', features, contentHash: 'b-hash' };
    const late = { sourceRecordId: '02-a', goldenId: '02-golden', features, contentHash: 'a-hash' };
    expect(decideMatch(features, [early, late], tie).goldenId).toBe('02-golden');
    expect(decideMatch(features, [late, early], tie).goldenId).toBe('02-golden');
    expect(decideMatch(features, [late, early], tie).alsoMatched).toEqual(['01-golden']);
  });

  it('falls back on ids where contents are the same', () => {
    const a = { sourceRecordId: '01-a', goldenId: '01-golden', features, contentHash: 'same' };
    const b = { sourceRecordId: '02-a', goldenId: '02-golden', features, contentHash: 'same' };
    expect(decideMatch(features, [b, a], tie).goldenId).toBe('01-golden');
  });
});
