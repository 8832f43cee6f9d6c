import { NICKNAME_GROUPS } from '../data/nicknames';

// Removed outright, so "O'Brien" and "OBrien" agree, and before NFKD, which would turn an acute accent
// used as an apostrophe ("D´Angelo") into a space and a mark.
const APOSTROPHES = /['\u2018\u2019\u201b\u02bc\u02b9\u2032\u0060\u00b4\uff07]/g;
// NFKD makes these two from ŉ and the Greek numeral sign: letters (Lm), so removed again after folding.
const MODIFIER_APOSTROPHES = /[\u02bc\u02b9]/g;
const MARKS = /\p{M}+/gu;
// Latin letters that NFKD leaves alone: spelled out the way their languages transliterate them.
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ĸ: 'k' };
const LETTER = /[ßæœøłđðþıħŧĸ]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const FOLDED = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/**
 * Lower case, diacritics stripped (ß → ss, æ → ae, ø → o, ł → l), punctuation and hyphens as single spaces.
 * Lower-case ASCII for the Latin letters of European languages; letters of other scripts (and the rare
 * Latin letters with no ASCII spelling, such as ŋ or ə) are lower-cased and kept.
 */
export function normalizeName(value: string): string {
  if (FOLDED.test(value)) return value;
  return foldLatin(value.replace(APOSTROPHES, '')).replace(MODIFIER_APOSTROPHES, '').replace(SEPARATORS, ' ').trim();
}

/** Lower-cases and strips diacritics, keeping punctuation: the shared first step of the text normalisers. */
export function foldLatin(value: string): string {
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(LETTER, (letter) => LETTERS[letter]);
}

export function nameTokens(value: string): string[] {
  const name = normalizeName(value);
  return name === '' ? [] : name.split(' ');
}

// Each name to the indexes of the groups it is in, ascending (groups are numbered in order).
const GROUPS_OF = new Map<string, number[]>();
NICKNAME_GROUPS.forEach((group, index) => {
  for (const name of group) {
    const groups = GROUPS_OF.get(name);
    if (groups === undefined) GROUPS_OF.set(name, [index]);
    else if (groups[groups.length - 1] !== index) groups.push(index);
  }
});
const KEYS_OF = new Map<string, readonly string[]>();
for (const [name, groups] of GROUPS_OF) {
  KEYS_OF.set(name, [...new Set(groups.map((index) => NICKNAME_GROUPS[index][0]))].sort());
}

function firstToken(value: string): string {
  const name = normalizeName(value);
  const space = name.indexOf(' ');
  return space === -1 ? name : name.slice(0, space);
}

/**
 * The canonical names of every nickname group the first token of `given` is in ("Bob" → ["robert"],
 * "Al" → ["alan", "albert", "alfred", …]), or the token itself when it is in none; [] for an empty name.
 */
export function nicknameKeys(given: string): string[] {
  const token = firstToken(given);
  if (token === '') return [];
  const keys = KEYS_OF.get(token);
  return keys === undefined ? [token] : keys.slice();
}

/**
 * True when the first tokens are two different given names: both known to the nickname table and not
 * names for one another, or a name and its feminine form. John and Joan, Daniel and Daniela are two
 * people (twins are named so), not one name mistyped.
 */
export function areDistinctKnownNames(a: string, b: string): boolean {
  const first = firstToken(a);
  const second = firstToken(b);
  if (first === second) return false;
  // A name and its feminine form (Daniel, Daniela; Paul, Paule; Julian, Juliana), known or not.
  if (isFeminineForm(first, second) || isFeminineForm(second, first)) return true;
  return GROUPS_OF.has(first) && GROUPS_OF.has(second) && !areNicknames(first, second);
}

function isFeminineForm(name: string, other: string): boolean {
  if (name.length !== other.length + 1 || !name.startsWith(other) || !(name.endsWith('a') || name.endsWith('e'))) return false;
  // A known name that lost its last letter (Rebecca, Rebecc) is mistyped, not a masculine form.
  return !(GROUPS_OF.has(name) && !GROUPS_OF.has(other));
}

/** True when the first tokens differ but are names for one another ("Bob", "Robert"); false for equal names. */
export function areNicknames(a: string, b: string): boolean {
  const first = firstToken(a);
  const second = firstToken(b);
  if (first === second) return false;
  const groupsA = GROUPS_OF.get(first);
  const groupsB = GROUPS_OF.get(second);
  if (groupsA === undefined || groupsB === undefined) return false;
  // Both lists are ascending: one merge pass finds a shared group.
  let i = 0;
  let j = 0;
  while (i < groupsA.length && j < groupsB.length) {
    if (groupsA[i] === groupsB[j]) return true;
    if (groupsA[i] < groupsB[j]) i++;
    else j++;
  }
  return false;
}

// Forms of address written into a name field ("Dr Marie Claire", "Herr Lukas", "Mme Faure"), folded. Not
// "m" (Monsieur, or an initial) nor "sr" (Señor, or Senior).
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'rev', 'herr', 'frau', 'fr', 'dipl', 'ing', 'mag',
  'mme', 'mlle', 'madame', 'monsieur', 'mademoiselle', 'sra', 'srta', 'senor', 'senora', 'sig', 'sigra', 'dhr', 'mevr', 'mw',
]);

/** A name without the titles that lead it, as long as a name is left ("Dr" alone stays: it may be all there is). */
export function withoutTitle(name: string | null): string | null {
  if (!name) return name;
  const tokens = name.split(' ');
  let start = 0;
  while (start < tokens.length - 1 && TITLES.has(tokens[start])) start++;
  return start === 0 ? name : tokens.slice(start).join(' ');
}

// Particles a family name is written with or without, and sorted under or not ("van der Berg", "Berg";
// "Meer, van der"): leading or trailing, they are left out so both spellings compare and key alike.
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'des', 'le', 'la', 'ter', 'ten', 't', 'zu', 'dos', 'das']);

export function withoutParticles(name: string | null): string | null {
  if (!name) return name;
  const tokens = name.split(' ');
  let [start, end] = [0, tokens.length];
  while (start < end - 1 && PARTICLES.has(tokens[start])) start++;
  while (end - 1 > start && PARTICLES.has(tokens[end - 1])) end--;
  return start === 0 && end === tokens.length ? name : tokens.slice(start, end).join(' ');
}
