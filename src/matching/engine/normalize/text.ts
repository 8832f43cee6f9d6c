/** Trims and collapses inner whitespace; returns null for a value that is empty after that. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/** Lower case, no diacritics, letters and digits only: the form two spellings of one name compare in. */
export function foldForMatch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
