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
