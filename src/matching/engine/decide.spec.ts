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

  it('links to a match before a possible match, whatever their scores: a veto caps the decision, not the score', () => {
    const pair = (decision: PairScore['decision'], totalWeight: number): PairScore => ({
      score: 1,
      decision,
      explanation: { engine: 'test', priorWeight: 0, totalWeight, score: 1, decision, comparisons: [] },
    });
    const identical = { sourceRecordId: '02-a', goldenId: '02-golden', features: { who: 'identical' }, contentHash: 'z-hash' };
    const vetoed = { sourceRecordId: '01-a', goldenId: '01-golden', features: { who: 'vetoed' }, contentHash: 'a-hash' };
    const compare = (_: Features, candidate: Features) => (candidate.who === 'identical' ? pair('match', 60) : pair('possible', 70));
    const outcome = decideMatch(features, [vetoed, identical], compare);
    expect(outcome).toMatchObject({ action: 'link', goldenId: '02-golden' });
    expect(outcome.ranked.map((r) => r.goldenId)).toEqual(['02-golden', '01-golden']);
  });

  it('ranks saturated scores by their total weight', () => {
    const pair = (totalWeight: number): PairScore => ({
      score: 1,
      decision: 'match',
      explanation: { engine: 'test', priorWeight: 0, totalWeight, score: 1, decision: 'match', comparisons: [] },
    });
    const weak = { sourceRecordId: '01-a', goldenId: '01-golden', features: { weight: 40 }, contentHash: 'a-hash' };
    const strong = { sourceRecordId: '02-a', goldenId: '02-golden', features: { weight: 80 }, contentHash: 'z-hash' };
    expect(decideMatch(features, [weak, strong], (_, c) => pair(c.weight as number)).goldenId).toBe('02-golden');
  });
});
