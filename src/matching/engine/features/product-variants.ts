// What tells one product from its siblings in a retail title, beyond codes and measures: the size a
// title names ("EU 44"), the tier of a model line (Pro, Ultra, S24+), whether it is an accessory for a
// device or the device, and whether it is sold used.
import { foldLatin, normalizeName } from '../normalize/name';

// Shoe and clothing sizes: "EU 44", "Gr. 43", "Größe 42", "Size 9", "UK 9", "US 10.5". UK sizes keep their
// system (UK 9 is not 9 of anything else); EU, Gr., US and Size are the plain number.
const SIZE_IN_TITLE = /(?<![\p{L}\d])(eu|gr\.?|gr(?:ö|oe|o)(?:ß|ss)e|size|taille|uk|us)\s*(\d{1,2}(?:[.,]5)?)(?![\d.,]*\s*(?:(?:cm|mm|m|in|inch|w|v|gb|mb|tb)(?![\p{L}])|["']))(?![\p{L}\d])/iu;

// A clothing size in letters after a size word ("Size XXL", "Gr. XL", "Größe M", "Taille L"): without the word,
// a lone S, M or L is too often something else ("Series L", "M Sport").
const LETTER_SIZE_IN_TITLE = /(?<![\p{L}\d])(?:gr\.?|gr(?:ö|oe|o)(?:ß|ss)e|size|taille)\s*((?:[2-5]x|x{0,4})[sl]|m)(?![\p{L}\d])/iu;

export function sizeInTitle(name: string): { size: string; written: string } | null {
  const match = SIZE_IN_TITLE.exec(name);
  if (match) return { size: sizeValue(match[1], match[2]), written: match[0] };
  const letters = LETTER_SIZE_IN_TITLE.exec(name);
  return letters ? { size: letterSize(letters[1]), written: letters[0] } : null;
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

// Tiers of one model line are other products: iPhone 14, 14 Pro, 14 Pro Max; Galaxy S24, S24+, S24 Ultra.
// A tier word counts right after a model number ("Yeast Pro", "Mini DV" name no tier); the word "Plus"
// not at all (Select2 Plus, EyeTV 250 Plus are names), its sign does (S24+).
const TIERS = new Set(['pro', 'max', 'ultra', 'mini', 'lite', 'fe', 'se']);
const PLUS_SIGN = /(?:[a-z]*\d[a-z0-9]*|\d\s+(?:pro|max|ultra))\+(?![a-z0-9])/i;
// A model number a tier follows: short, ending in one to three digits (14, s24, a15, iphone14).
const MODEL_NUMBER = /^[a-z]{0,6}\d{1,3}$/;

/** The tier words after a model number in a title, sorted ("max pro"), or "base" when there are none. */
export function tierOf(tokens: readonly string[], name: string): string {
  const tiers = new Set<string>();
  for (let i = 1; i < tokens.length; i++) {
    if (!TIERS.has(tokens[i])) continue;
    let j = i - 1;
    while (j > 0 && TIERS.has(tokens[j])) j--;
    if (MODEL_NUMBER.test(tokens[j])) tiers.add(tokens[i]);
  }
  if (PLUS_SIGN.test(name)) tiers.add('plus');
  return tiers.size > 0 ? [...tiers].sort().join(' ') : 'base';
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

// A camera sold as a body, or in a kit with a lens: two products under one model name ("Z50 Body",
// "Z50 with 28-70mm Lens"). A code glued to "body" or "outfit" says it too (D90BODY, D90OUTFIT).
const BODY = /(?<![a-z])body(?![a-z])|\dbody(?![a-z])|gehause|boitier/;
const KIT = /(?:with|w\/|\+|and|&|mit|incl\.?|including|avec)\s+(?:[^\s,;]+\s+){0,8}?(?:lens|lenses|objektiv|objectif)(?![a-z])|(?<![a-z])(?:lens kit|outfit)(?![a-z])|\doutfit(?![a-z])/;

/** "body" or "kit" (with a lens) when a title says which, else null (also when it says both). */
export function cameraPackageOf(name: string): string | null {
  const folded = foldLatin(name).toLowerCase();
  const [body, kit] = [BODY.test(folded), KIT.test(folded)];
  return body === kit ? null : body ? 'body' : 'kit';
}

// Not new: another condition of the same model, another offer.
const USED = /(?<![a-z])(?:refurbished|refurb|renewed|reconditioned|remanufactured|recertified|pre-?owned|used|second[- ]hand|open[- ]box|b-ware|generaluberholt|generalueberholt)(?![a-z])/;

/** "refurbished or used" when the title says so, else "new". */
export function conditionOf(name: string): string {
  return USED.test(foldLatin(name).toLowerCase()) ? 'refurbished or used' : 'new';
}
