/**
 * |a - b| / max(|a|, |b|): 0 for equal numbers (and for two zeros), 1 when one is zero and the other not.
 * At most 1 for numbers of the same sign, up to 2 for opposite signs; NaN if either is NaN or infinite
 * (and the other not the same infinity).
 */
export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
