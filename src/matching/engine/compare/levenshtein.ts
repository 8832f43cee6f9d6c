import { distance } from 'fastest-levenshtein';

/** Edits (insertions, deletions, substitutions of UTF-16 code units) turning one string into the other. */
export function levenshteinDistance(a: string, b: string): number {
  return distance(a, b);
}

/** 1 - distance / length of the longer string; 0 when either string is empty (missing, not agreement). */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

/**
 * One keystroke apart: a letter added, dropped or changed, or two neighbours swapped ("Jon"/"John",
 * "Kristen"/"Kirsten"). Unlike a similarity threshold, this does not let "Michael" pass for "Michelle".
 */
export function isOneTypo(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length <= 1 && restB.length <= 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}
