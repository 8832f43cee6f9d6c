/**
 * A personal identifier (national id, social security or tax number) in the form two spellings of one
 * number compare in: upper case, letters and digits only ("123-45 6789" and "123456789" are one id).
 * Idempotent.
 */
export function normalizeNationalId(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A value that stands for "no id" rather than for one person: too short to identify anyone, one digit
 * repeated (000000000), a run (123456789), or a word (UNKNOWN). Such a value is kept on the record but
 * never matched on: it would tie together everyone whose form was filled in the same way.
 */
export function isPlaceholderNationalId(normalized: string): boolean {
  if (normalized.length < 5) return true;
  if (/^(.)\1+$/.test(normalized)) return true;
  if (!/\d/.test(normalized)) return true;
  return isRun(normalized, 1) || isRun(normalized, -1);
}

function isRun(value: string, step: 1 | -1): boolean {
  if (!/^\d+$/.test(value)) return false;
  for (let i = 1; i < value.length; i++) {
    if ((Number(value[i - 1]) + step + 10) % 10 !== Number(value[i])) return false;
  }
  return true;
}
