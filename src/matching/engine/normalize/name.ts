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
 * names for one another, or the masculine and feminine forms of one name. John and Joan, Daniel and
 * Daniela are two people (twins are named so), not one name mistyped.
 */
export function areDistinctKnownNames(a: string, b: string): boolean {
  const first = firstToken(a);
  const second = firstToken(b);
  if (first === second || sameLetters(a, b)) return false;
  if (areGenderedForms(a, b)) return true;
  // A name and the same with an a or e more (Jess, Jesse; Glenn, Glenna; Britt, Britta), known or not: too
  // close to a sibling's name to read as a typo, though not surely a masculine and a feminine form.
  if (isFeminineForm(first, second) || isFeminineForm(second, first)) return true;
  return GROUPS_OF.has(first) && GROUPS_OF.has(second) && !areNicknames(first, second);
}

function isFeminineForm(name: string, other: string): boolean {
  if (name.length !== other.length + 1 || !name.startsWith(other) || !(name.endsWith('a') || name.endsWith('e'))) return false;
  // A known name that lost its last letter (Rebecca, Rebecc) is mistyped, not a masculine form.
  return !(GROUPS_OF.has(name) && !GROUPS_OF.has(other));
}

/**
 * True when the first tokens are the masculine and the feminine form of one name (Andreas and Andrea, Julien
 * and Julie, Antonio and Antonia, Daniel and Daniela, Paul and Pauline), and the nickname table does not
 * make them one name: a brother and a sister, however close the spelling.
 */
export function areGenderedForms(a: string, b: string): boolean {
  const first = firstToken(a);
  const second = firstToken(b);
  // A space keyed into the name ("Kayl a", "Kayla") is one name mistyped.
  if (first === second || sameLetters(a, b)) return false;
  return isGenderedPair(first, second) && !areNicknames(first, second);
}

function sameLetters(a: string, b: string): boolean {
  return normalizeName(a).replace(SPACES, '') === normalizeName(b).replace(SPACES, '');
}

const SPACES = / /g;

// Masculine and feminine forms the endings below do not derive, folded.
const GENDERED_PAIRS: ReadonlySet<string> = new Set(
  [
    ['andreas', 'andrea'], ['andre', 'andrea'], ['andre', 'andree'], ['rene', 'renee'], ['aime', 'aimee'],
    ['julien', 'julie'], ['patrick', 'patricia'], ['alexander', 'alexandra'], ['alexandre', 'alexandra'],
    ['aleksander', 'aleksandra'], ['aleksandr', 'aleksandra'], ['peter', 'petra'], ['giovanni', 'giovanna'],
    ['jan', 'jana'], ['ivo', 'iva'], ['johann', 'johanna'], ['henri', 'henriette'], ['bernard', 'bernadette'],
    ['nicolas', 'nicole'], ['jose', 'josefa'], ['joseph', 'josepha'], ['frederic', 'frederique'],
    ['stephen', 'stephanie'], ['stephan', 'stephanie'], ['stefan', 'stefanie'], ['stefano', 'stefania'],
    ['georges', 'georgette'], ['george', 'georgia'], ['georg', 'georgia'], ['eugene', 'eugenie'],
    ['leon', 'leonie'], ['francis', 'frances'],
  ].map(([masculine, feminine]) => `${masculine}|${feminine}`),
);

// Endings a feminine form adds to the masculine (Victor, Victoria; Jan, Janina; Paul, Pauline, Paulette), besides
// an a or e (Daniel, Daniela; Louis, Louise) and a doubled l or n (Michel, Michelle; Adrien, Adrienne; Johan, Johanna).
const FEMININE_ADDED = ['ia', 'ina', 'ine', 'ette'];
// Masculine endings a feminine one replaces (Antonio, Antonia; Julius, Julia; Carlos, Carla; Antoine, Antoinette).
const FEMININE_REPLACED: readonly (readonly [string, readonly string[]])[] = [
  ['o', ['a']],
  ['us', ['a']],
  ['os', ['a']],
  ['e', ['ette']],
];
const MIN_STEM = 3;
const FRENCH_FEMININE_E = /[dlnst]/;

function isGenderedPair(a: string, b: string): boolean {
  return isFeminineOf(a, b) || isFeminineOf(b, a);
}

const VOWELS = /[aeiouy]/;

function endsInOneConsonant(name: string): boolean {
  const last = name[name.length - 1];
  return !VOWELS.test(last) && name[name.length - 2] !== last;
}

// Whether `feminine` is the feminine form of `masculine`: from the table, or an ending added to the whole
// masculine name or replacing its own ending, on a stem of three letters or more.
function isFeminineOf(feminine: string, masculine: string): boolean {
  if (GENDERED_PAIRS.has(`${masculine}|${feminine}`)) return true;
  if (masculine.length < MIN_STEM) return false;
  // A masculine form ends in one consonant (Daniel, Louis): Sara and Saraa, Isabell and Isabella, Kirr and
  // Kirra are a feminine name with a letter lost or added.
  if (feminine.length > masculine.length && feminine.startsWith(masculine) && endsInOneConsonant(masculine)) {
    const ending = feminine.slice(masculine.length);
    const last = masculine[masculine.length - 1];
    const added =
      FEMININE_ADDED.includes(ending) ||
      // One letter added, to a name of four letters or more: Kyl and Kyle, Zar and Zara are a letter lost.
      // A silent e is English (Luke, Paige, George), a feminine e French (Louise, Simone, Pascale, Justine).
      (masculine.length >= 4 && (ending === 'a' || (ending === 'e' && FRENCH_FEMININE_E.test(last)))) ||
      (last === 'l' && ending === 'le') ||
      (last === 'n' && (ending === 'ne' || ending === 'na'));
    // A known name that lost its last letter (Rebecca, Rebecc) is mistyped, not a masculine form.
    if (added) return !(ending.length === 1 && GROUPS_OF.has(feminine) && !GROUPS_OF.has(masculine));
  }
  for (const [masculineEnding, feminineEndings] of FEMININE_REPLACED) {
    if (!masculine.endsWith(masculineEnding)) continue;
    const stem = masculine.slice(0, masculine.length - masculineEnding.length);
    if (stem.length >= MIN_STEM && feminineEndings.some((ending) => feminine === stem + ending)) return true;
  }
  return false;
}

/**
 * A name and a short form of it that stands for no other name (Matt, Matthew; Becca, Rebecca; Nico,
 * Nicolas): both in that one group, the short form shorter by two letters or more. Not Chris for
 * Christopher (Chris is Christine's too), nor variants of about one length (Mark, Marc; Kristen, Kirsten;
 * Ursula, Uschi), which twins may be named.
 */
export function areNicknamesOfOneName(a: string, b: string): boolean {
  const [x, y] = [firstToken(a), firstToken(b)];
  if (!areNicknames(x, y) || GROUPS_OF.get(x)?.length !== 1 || GROUPS_OF.get(y)?.length !== 1) return false;
  return Math.abs(x.length - y.length) >= 2;
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

/** Whether letters are one or more particles run together ("vander", "vonder"): what an email user name
 * keeps of "van der Berg" between a given name and "berg". */
export function isParticleRun(letters: string): boolean {
  if (letters === '') return false;
  for (const particle of PARTICLES) {
    if (letters === particle) return true;
    if (letters.startsWith(particle) && isParticleRun(letters.slice(particle.length))) return true;
  }
  return false;
}

/**
 * A name as the family-name feature holds it: particles left out, no inner spaces ("van der Berg" and
 * "Vanderberg" are one name). A family name keyed into the given-name field compares in this form too.
 */
export function familyNameForm(name: string): string {
  return (withoutParticles(name) ?? name).replace(/ /g, '');
}
