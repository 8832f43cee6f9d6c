/** Jaccard similarity of the distinct tokens: |A ∩ B| / |A ∪ B|, 0 when either side has none. */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  const shared = countShared(setA, setB);
  return shared / (setA.size + setB.size - shared);
}

/**
 * The share of the smaller token set found in the other: |A ∩ B| / min(|A|, |B|), distinct tokens, 0 when
 * either side has none. 1 when one title's tokens are all in the other, however much longer it is.
 */
export function tokenContainment(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  return countShared(setA, setB) / Math.min(setA.size, setB.size);
}

function countShared(setA: ReadonlySet<string>, setB: ReadonlySet<string>): number {
  const small = setA.size <= setB.size ? setA : setB;
  const large = small === setA ? setB : setA;
  let shared = 0;
  for (const token of small) if (large.has(token)) shared++;
  return shared;
}
