// Match flags, reused across calls (the comparators run synchronously): no allocation per comparison
// unless a string is longer than any seen before.
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;

/**
 * Jaro similarity over UTF-16 code units: 1 for identical strings, 0 when either is empty (an empty value
 * is a missing one, never agreement).
 */
export function jaro(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  // Scan from the shorter string (fewer outer iterations); a fixed order also keeps jaro(a, b) = jaro(b, a)
  // whatever the greedy matching below does with repeated characters.
  if (a.length > b.length || (a.length === b.length && a > b)) {
    const swap = a;
    a = b;
    b = swap;
  }
  const lengthA = a.length;
  const lengthB = b.length;
  if (matchedA.length < lengthA) matchedA = new Uint8Array(lengthA * 2);
  if (matchedB.length < lengthB) matchedB = new Uint8Array(lengthB * 2);
  matchedA.fill(0, 0, lengthA);
  matchedB.fill(0, 0, lengthB);

  const window = Math.max(0, (lengthB >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(i + window + 1, lengthB);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  // Transpositions: matched characters of a and b, each in order, that differ, counted in halves.
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < lengthA; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  const transpositions = halfTranspositions >> 1;
  return (matches / lengthA + matches / lengthB + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro-Winkler similarity: Jaro raised by 0.1 per character of common prefix, up to 4 characters
 * (applied at every Jaro score, without Winkler's 0.7 boost threshold). 0 when either string is empty.
 */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  if (similarity === 0 || similarity === 1) return similarity;
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return similarity + prefix * PREFIX_SCALE * (1 - similarity);
}
