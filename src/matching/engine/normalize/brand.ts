import { normalizeName } from './name';

/**
 * Legal forms a company name ends with ("Co., Ltd.", "GmbH & Co. KG", "S.p.A."), folded and with dotted
 * letters joined, and the few words a maker's company name adds to its brand ("Samsung Electronics",
 * "Sony Group"). One source writes the company, another the brand: both are the same maker.
 */
const COMPANY_WORDS = new Set([
  // legal forms
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'se', 'sa', 'spa', 'srl', 'sarl', 'sas', 'sl', 'bv', 'nv', 'oy', 'oyj', 'ab',
  'as', 'asa', 'aps', 'pty', 'kk', 'sro', 'sp', 'zoo', 'pte', 'bhd', 'sdn',
  // what a maker's company name adds to its brand
  'electronics', 'group', 'holding', 'holdings', 'international', 'industries',
]);

/**
 * The brand a brand field names, for comparing and blocking: folded (normalizeName), a leading "the"
 * dropped, and company words at its end dropped while a word is left ("Samsung Electronics Co., Ltd." →
 * "samsung", "The North Face" → "north face", "Luigi Lavazza S.p.A." → "luigi lavazza"). Only the end:
 * "Group" or "Co" inside a name is part of it. Aliases that are other words ("P&G" for Procter & Gamble)
 * stay apart; the title blocking keys find those records.
 */
export function brandName(value: string): string {
  const words = joinLetters(normalizeName(value).split(' ').filter(Boolean));
  if (words.length > 1 && words[0] === 'the') words.shift();
  while (words.length > 1 && COMPANY_WORDS.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** Single letters in a row are one dotted abbreviation: "s p a" → "spa", "p g" (P&G) → "pg". */
function joinLetters(words: readonly string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const word of words) {
    if (word.length === 1 && /\p{L}/u.test(word)) {
      run += word;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(word);
  }
  if (run) out.push(run);
  return out;
}
