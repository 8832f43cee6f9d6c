import type { Features, MatchCandidate, MatchOutcome, PairScore } from './types';

/**
 * Scores an inbound record against every candidate, keeps the best pair per golden record and decides:
 * link to the best golden record that matches (any others that match too are reported in `alsoMatched`,
 * for the rules' `onMultipleMatches` policy to handle); review when the best is only a possible match;
 * new otherwise. Ties break on the best record's content hash, then on ids, so the decision depends
 * neither on the order candidates were loaded in nor, where contents differ, on which arrived first.
 */
export function decideMatch(
  inbound: Features,
  candidates: readonly MatchCandidate[],
  compare: (a: Features, b: Features) => PairScore,
): MatchOutcome {
  const bestPerGolden = new Map<string, { goldenId: string; sourceRecordId: string; pair: PairScore; order: string }>();
  for (const candidate of candidates) {
    const pair = compare(inbound, candidate.features);
    if (pair.decision === 'none') continue;
    const best = bestPerGolden.get(candidate.goldenId);
    const order = `${candidate.contentHash ?? ''}\u0000${candidate.sourceRecordId}`;
    const better = best ? beats(pair, best.pair) : 1;
    if (better > 0 || (better === 0 && order < best!.order)) {
      bestPerGolden.set(candidate.goldenId, { goldenId: candidate.goldenId, sourceRecordId: candidate.sourceRecordId, pair, order });
    }
  }
  const ranked = [...bestPerGolden.values()]
    .sort((a, b) => beats(b.pair, a.pair) || compareText(a.order, b.order) || compareText(a.goldenId, b.goldenId))
    .map(({ order: _, ...rest }) => rest);
  const top = ranked[0];
  if (!top) return { action: 'new', goldenId: null, score: 0, explanation: null, ranked, alsoMatched: [] };
  const link = top.pair.decision === 'match';
  return {
    action: link ? 'link' : 'review',
    goldenId: link ? top.goldenId : null,
    score: top.pair.score,
    explanation: top.pair.explanation,
    ranked,
    alsoMatched: link ? ranked.slice(1).filter((r) => r.pair.decision === 'match').map((r) => r.goldenId) : [],
  };
}

const DECISION_RANK = { match: 2, possible: 1, none: 0 } as const;

/**
 * Positive when pair `a` is the better match: a match beats a possible match whatever their scores (a
 * veto caps the decision, not the score: an identical record must not lose to a vetoed one of score 1),
 * then the higher total weight (the probability saturates at 1 long before the weights stop growing).
 */
function beats(a: PairScore, b: PairScore): number {
  return DECISION_RANK[a.decision] - DECISION_RANK[b.decision] || a.explanation.totalWeight - b.explanation.totalWeight;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
