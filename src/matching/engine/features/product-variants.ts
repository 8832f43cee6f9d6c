// What tells one product from its siblings in a retail title, beyond codes and measures: the size a
// title names ("EU 44"), the tier of a model line (Pro, Ultra, S24+), whether it is an accessory for a
// device or the device, and whether it is sold used.
import { foldLatin, normalizeName } from '../normalize/name';
import { analyzeTitle } from '../normalize/product-title';
import { coloursIn } from '../data/colours';

// Shoe and clothing sizes: "EU 44", "Gr. 43", "Größe 42", "Size 9", "UK 9", "US 10.5". UK sizes keep their
// system (UK 9 is not 9 of anything else); EU, Gr., US and Size are the plain number.
const SIZE_IN_TITLE = /(?<![\p{L}\d])(eu|gr\.?|gr(?:ö|oe|o)(?:ß|ss)e|size|taille|uk|us)\s*(\d{1,2}(?:[.,]5)?)(?![\d.,]*\s*(?:(?:cm|mm|m|in|inch|w|v|gb|mb|tb)(?![\p{L}])|["']))(?![\p{L}\d])/iu;

// A clothing size in letters after a size word ("Size XXL", "Gr. XL", "Größe M", "Taille L"): without the word,
// a lone S, M or L is too often something else ("Series L", "M Sport").
const LETTER_SIZE_IN_TITLE = /(?<![\p{L}\d])(?:gr\.?|gr(?:ö|oe|o)(?:ß|ss)e|size|taille)\s*((?:[2-5]x|x{0,4})[sl]|m)(?![\p{L}\d])/iu;

// A size with its system after it ("42 EU", "44.5 EU", "9 UK") and jeans' waist and leg ("W32 L34",
// "W34/L32", "32W x 34L"): the same sizes written the other way round.
const SUFFIXED_SIZE_IN_TITLE = /(?<![\p{L}\d.,])(\d{1,2}(?:[.,]5)?)\s*(eu|uk|us)(?![\p{L}\d])/iu;
const WAIST_LEG = /(?<![\p{L}\d])(?:w\s*(\d{2})\s*(?:[/x]\s*)?l\s*(\d{2})|(\d{2})\s*w\s*(?:[/x]\s*)?(\d{2})\s*l)(?![\p{L}\d])/iu;

export function sizeInTitle(name: string): { size: string; written: string } | null {
  const match = SIZE_IN_TITLE.exec(name);
  if (match) return { size: sizeValue(match[1], match[2]), written: match[0] };
  const suffixed = SUFFIXED_SIZE_IN_TITLE.exec(name);
  if (suffixed) return { size: sizeValue(suffixed[2], suffixed[1]), written: suffixed[0] };
  const jeans = WAIST_LEG.exec(name);
  if (jeans) return { size: `w${jeans[1] ?? jeans[3]} l${jeans[2] ?? jeans[4]}`, written: jeans[0] };
  // Spelled out, only where a size stands: at the end, or before a colour ("Polo Shirt X-Large Navy"); not
  // "Extra Large Flat Panel TV Mount" nor "Large/X-Large".
  const word = SIZE_WORD.exec(name);
  if (word) {
    const after = name.slice(word.index + word[0].length);
    const next = analyzeTitle(after.replace(/^[\s,;|-]+/, '').split(/\s/)[0] ?? '').tokens;
    if (!after.startsWith('/') && (next.length === 0 || coloursIn(next).length > 0)) return { size: sizeOfWord(word[1]), written: word[0] };
  }
  const letters = LETTER_SIZE_IN_TITLE.exec(name);
  return letters ? { size: letterSize(letters[1]), written: letters[0] } : null;
}

// A clothing size spelled out ("Medium", "X-Large", "Extra Large", "2X-Large"): the letters another shop writes.
const SIZE_WORD = /(?<![\p{L}\d-])((?:x{1,3}-?|extra[- ]|[2-5]x-?)?(?:small|large)|medium)(?![\p{L}\d-])/iu;

function sizeOfWord(written: string): string {
  const lower = written.toLowerCase().replace(/[- ]/g, '');
  if (lower === 'medium') return 'm';
  const letter = lower.endsWith('small') ? 's' : 'l';
  const prefix = lower.slice(0, -(letter === 's' ? 5 : 5));
  const times = prefix === 'extra' ? 1 : /^[2-5]x$/.test(prefix) ? Number(prefix[0]) : prefix.length;
  return 'x'.repeat(times) + letter;
}

// "2XL" is "XXL", "3XL" "XXXL": one size written two ways.
function letterSize(written: string): string {
  const lower = written.toLowerCase();
  const times = /^([2-5])x([sl])$/.exec(lower);
  return times ? 'x'.repeat(Number(times[1])) + times[2] : lower;
}

/** A size field as comparable: "EU 44", "44 EU" and "Gr. 44" are 44; "UK 9" stays uk 9; "XL" is xl. */
export function normalizeSize(value: string): string | null {
  const folded = normalizeName(value);
  const prefixed = /^(eu|gr|grosse|grose|size|taille|uk|us)\s*(\d{1,2}(?:[.,]5)?)$/.exec(folded);
  if (prefixed) return sizeValue(prefixed[1], prefixed[2]);
  const suffixed = /^(\d{1,2}(?:[.,]5)?)\s*(eu|uk|us)$/.exec(folded);
  if (suffixed) return sizeValue(suffixed[2], suffixed[1]);
  const letters = /^(?:(?:gr|grosse|grose|size|taille)\s*)?((?:[2-5]x|x{0,4})[sl]|m)$/.exec(folded);
  if (letters) return letterSize(letters[1]);
  // Jeans sizes and sizes spelled out ("W34 L32", "X-Large") are the sizes a title names.
  const whole = sizeInTitle(folded);
  if (whole?.written.trim() === folded) return whole.size;
  return folded || null;
}

function sizeValue(system: string, number: string): string {
  const plain = number.replace(',', '.');
  const kind = system.toLowerCase();
  // A plain "Size 9" is how US shops write a US size: "US 9" is the same; a UK size stays apart.
  return kind === 'uk' ? `uk ${plain}` : plain;
}

// "3er Pack", "6er-Set": a German pack count, not a model code 3ER.
export const GERMAN_PACK = /(?<![\p{L}\d])(\d{1,3})er[\s-]*(?:pack|packung|set)(?![\p{L}])/giu;

// Tiers of one model line are other products: iPhone 14, 14 Plus, 14 Pro, 14 Pro Max; Galaxy S24, S24+,
// S24 Ultra. A tier word counts right after a model number ("Yeast Pro", "Mini DV", "Select2 Plus" name
// no tier: the number is glued to a word), and so does the sign (S24+).
const TIERS = new Set(['pro', 'max', 'ultra', 'mini', 'lite', 'fe', 'se', 'plus']);
const PLUS_SIGN = /(?:[a-z]*\d[a-z0-9]*|\d\s+(?:pro|max|ultra))\+(?![a-z0-9])/i;
// A model number a tier follows: short, ending in one to three digits (14, s24, a15, iphone14).
const MODEL_NUMBER = /^[a-z]{0,6}\d{1,3}$/;
const PLAIN_NUMBER = /^\d{1,3}$/;

/**
 * The tier words after a model number in a title, sorted ("max pro"); "base" when there are none; null when
 * the title names no model number at all ("Elgato TV Receiver - 10020780"), since it cannot tell a tier.
 */
export function tierOf(tokens: readonly string[], name: string): string | null {
  const tiers = new Set<string>();
  for (let i = 1; i < tokens.length; i++) {
    if (!TIERS.has(tokens[i])) continue;
    let j = i - 1;
    while (j > 0 && TIERS.has(tokens[j])) j--;
    // "Plus" only after a plain number that follows a name ("iPhone 14 Plus"): "Select2 Plus" is a name, and
    // "THX Ultra 2 Plus" a certification.
    const plus = PLAIN_NUMBER.test(tokens[j]) && j > 0 && !TIERS.has(tokens[j - 1]);
    if (tokens[i] === 'plus' ? plus : MODEL_NUMBER.test(tokens[j])) tiers.add(tokens[i]);
  }
  if (PLUS_SIGN.test(name)) tiers.add('plus');
  if (tiers.size > 0) return [...tiers].sort().join(' ');
  return tokens.some((token) => MODEL_NUMBER.test(token)) ? 'base' : null;
}

// A shoe's cut is another product of one line: Chuck Taylor All Star Hi and Lo, a high-top and a low-top.
const CUT = /(?<![a-z])(?:(hi|high)(?:[- ]?tops?)?|(lo|low)(?:[- ]?tops?)?|(mid)[- ]?tops?)(?![a-z])/g;
const CUT_OF = (match: RegExpExecArray): string => (match[1] ? 'high' : match[2] ? 'low' : 'mid');

/** "high", "low" or "mid" when a title names a shoe's cut ("Hi", "Lo", "High-Top", "Mid Top"), else null. */
export function cutOf(name: string): string | null {
  const folded = foldLatin(name).toLowerCase();
  const cuts = new Set<string>();
  for (const match of folded.matchAll(CUT)) {
    // "High" and "Low" alone are too often something else ("High Speed", "Low Profile"): only "Hi"/"Lo" or "…-top".
    const bare = /^(?:high|low)$/.test(match[0]);
    const next = folded.slice(match.index + match[0].length);
    if (bare || (match[0] === 'hi' && /^[- ]?(?:fi|res)(?![a-z])/.test(next))) continue;
    cuts.add(CUT_OF(match));
  }
  return cuts.size === 1 ? [...cuts][0] : null;
}

// An accessory names itself (a case, a cover, a screen protector) or what it is for; "… with case" is a
// bundle, still the device. A device here is what names its storage or screen size.
export const FOR_A_DEVICE = /(?<![\p{L}])(?:for|für|pour|compatible with|works with|fits|passend für|kompatibel mit)\s+(?:the\s+|your\s+)?[\p{L}\d]/iu;
const ACCESSORY_NOUN = /(?<![\p{L}])(?:cases?|covers?|sleeves?|protectors?|screen ?guards?|tempered glass|skins?|bumpers?|pouch(?:es)?|holsters?)(?![\p{L}])/iu;
const BUNDLED = /(?:with|w\/|incl\.?|including|\+|and)\s+(?:[\p{L}\d-]+\s+){0,2}$/iu;

/** "accessory", "device" (it names its storage or screen size), or null when the title tells neither. */
export function kindOf(name: string, measures: { storageGb?: number; screenInch?: number }): string | null {
  const noun = ACCESSORY_NOUN.exec(name);
  if (FOR_A_DEVICE.test(name) || (noun !== null && !BUNDLED.test(name.slice(0, noun.index)))) return 'accessory';
  return measures.storageGb !== undefined || measures.screenInch !== undefined ? 'device' : null;
}

// A camera or a cordless tool sold as a body, or in a kit with a lens or batteries: two products under one
// model name ("Z50 Body", "Z50 with 28-70mm Lens"; "DHP486 Body Only", "DHP486 2 x 5.0Ah Kit"). A code
// glued to "body" or "outfit" says it too (D90BODY, D90OUTFIT).
const BODY = /(?<![a-z])(?:body|bare(?: tool| unit)?|tool only|unit only|naked|solo|skin only)(?![a-z])|\dbody(?![a-z])|gehause|boitier|(?:ohne|without|no) (?:akku|battery|batteries)/;
const WITH = '(?:with|w/|\\+|and|&|mit|incl\\.?|including|avec)';
const KIT = new RegExp(
  `${WITH}\\s+(?:[^\\s,;]+\\s+){0,8}?(?:lens|lenses|objektiv|objectif|batter(?:y|ies)|akkus?|charger|ladegerat)(?![a-z])` +
    // "X-T4 + XF 18-55mm", "Kit XF 18-55mm": a zoom's focal range is the lens of a kit (a body names none).
    `|(?<![\\d.])\\d{1,3}-\\d{2,3}\\s*mm(?![a-z])` +
    // "2 x 5.0Ah", "2x4.0AH": batteries counted in.
    `|\\d\\s*x\\s*\\d{1,2}(?:[.,]\\d)?\\s*ah(?![a-z])` +
    `|(?<![a-z])(?:lens kit|outfit)(?![a-z])|\\doutfit(?![a-z])`,
);

/** "body" or "kit" (with a lens or batteries) when a title says which, else null (also when it says both). */
export function cameraPackageOf(name: string): string | null {
  const folded = foldLatin(name).toLowerCase();
  const [body, kit] = [BODY.test(folded), KIT.test(folded)];
  return body === kit ? null : body ? 'body' : 'kit';
}

// "With Bits" and "No Bits", "with sugar" and "sugar-free": one product line's recipes told apart by a
// word one title has and the other denies. Only a word of letters counts ("with 2 x 5.0Ah" is no claim).
const CLAIM = /(?<![a-z])(?:(with|w\/|mit|avec)|(no|without|ohne|sans|zero|free of))\s+([a-z]{3,})(?![a-z])|(?<![a-z])([a-z]{3,})[- ]?(?:free|frei)(?![a-z])/g;
const NOT_CLAIMED = new Set(['the', 'and', 'for', 'your', 'our', 'free']);

/** "+word" for what a title says its product has ("with bits"), "-word" for what it denies ("no bits", "sugar-free"). */
export function claimsOf(name: string): string[] {
  const claims = new Set<string>();
  for (const match of foldLatin(name).toLowerCase().matchAll(CLAIM)) {
    const word = match[3] ?? match[4];
    if (NOT_CLAIMED.has(word)) continue;
    claims.add(match[1] ? `+${word}` : `-${word}`);
  }
  return [...claims].sort();
}

// Not new: another condition of the same model, another offer.
const USED = /(?<![a-z])(?:refurbished|refurb|renewed|reconditioned|remanufactured|recertified|pre-?owned|used|second[- ]hand|open[- ]box|b-ware|generaluberholt|generalueberholt)(?![a-z])/;

/** "refurbished or used" when the title says so, else "new". */
export function conditionOf(name: string): string {
  return USED.test(foldLatin(name).toLowerCase()) ? 'refurbished or used' : 'new';
}
