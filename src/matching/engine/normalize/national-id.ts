/**
 * A personal identifier (national id, social security or tax number) in the form two spellings of one
 * number compare in: upper case, letters and digits only ("123-45 6789" and "123456789" are one id).
 * Idempotent: compatibility forms are folded until nothing changes (stripping a separator can bring
 * two jamo together that fold into one syllable).
 */
export function normalizeNationalId(value: string): string {
  let current = value;
  for (let pass = 0; pass < 4; pass++) {
    const next = current
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * A value that stands for "no id" rather than for one person: too short to identify anyone, no digit
 * (UNKNOWN), or digits that follow a pattern a clerk types to get past a required field: one or two
 * digits repeated (000000001, 12121212), a few runs of one digit (111-22-3333), or a run (123456789),
 * letters around them or not (A0000000, NA12345). Placeholders are dropped by the normalizer, so they
 * neither match anyone nor become a golden record's id.
 */
export function isPlaceholderNationalId(normalized: string): boolean {
  if (normalized.length < 5) return true;
  const digits = normalized.replace(/\P{Nd}/gu, '');
  if (digits.length < 4) return true;
  if (new Set(digits).size <= 2) return true;
  // Runs of one digit each typed twice or more (111-22-3333); 9999667 ends in a lone digit and is an id.
  const runs = digits.match(/(\p{Nd})\1*/gu) ?? [];
  if (runs.length <= 3 && runs.every((run) => run.length >= 2)) return true;
  return isRun(digits, 1) || isRun(digits, -1);
}

function isRun(digits: string, step: 1 | -1): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  for (let i = 1; i < digits.length; i++) {
    if ((Number(digits[i - 1]) + step + 10) % 10 !== Number(digits[i])) return false;
  }
  return true;
}
