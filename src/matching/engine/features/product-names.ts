// What a product title names its product by, besides its codes: the name's words, the plain numbers of a
// model line ("moto g 78") and a generation ("RX100 IV"). Siblings of one line differ in exactly these.
import { coloursIn } from '../data/colours';
import { analyzeTitle } from '../normalize/product-title';
import { FOR_A_DEVICE } from './product-variants';

const ROMAN = new Map([['ii', '2'], ['iii', '3'], ['iv', '4'], ['v', '5'], ['vi', '6'], ['vii', '7'], ['viii', '8'], ['ix', '9']]);
const YEAR = /^(?:19[89]\d|20[0-4]\d)$/;
// Words a number counts in a title's specifications (after it), and "7-in-1" (its tokens: 7 1).
const COUNTED = new Set([
  ...['hour', 'hours', 'hr', 'hrs', 'h', 'minute', 'minutes', 'min', 'mins', 'year', 'years', 'month', 'months', 'day', 'days'],
  ...['cup', 'cups', 'slice', 'slices', 'speed', 'speeds', 'piece', 'pieces', 'person', 'persons', 'people', 'burner', 'burners'],
  ...['port', 'ports', 'outlet', 'outlets', 'setting', 'settings', 'programs', 'programmes'],
]);
const IN_ONE = /^\d{1,2} 1$/;
const SPEC_LETTER = /[gkdpixvwhmbtlr]/;
// A capacity in cups tells siblings apart (7 Cup, 14 Cup): a number, though not a name word.
const CAPACITY = new Set(['cup', 'cups']);

/**
 * The plain numbers a title names its product by: a model line's number ("moto g 78", "HP 635 ink",
 * "Nokia G 21") or its generation in Roman numerals ("RX100 IV", "Mark II", read as 4 and 2). They are
 * not codes (too short), yet they tell siblings of one line apart, and their agreement is what two
 * shops' titles without a code share. Measures are already canonical tokens and years are left out.
 */
export function titleNumbers(tokens: readonly string[]): string[] {
  const numbers = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // "30 Hours Battery", "14 Cup", "4 Slice", "7-in-1": a count of something, a specification, not the model's number.
    const counted =
      (COUNTED.has(tokens[i + 1] ?? '') && !CAPACITY.has(tokens[i + 1])) ||
      (tokens[i + 1] === 'in' && IN_ONE.test(`${token} ${tokens[i + 2] ?? ''}`)) ||
      (tokens[i - 1] === 'in' && IN_ONE.test(`${tokens[i - 2] ?? ''} ${token}`));
    if (/^\d{1,4}$/.test(token) && !YEAR.test(token) && !counted) numbers.add(String(Number(token)));
    // A letter and a digit ("OLED C3", "PowerShot G7") is a model's short name, too short to be read as a code.
    else if (/^[a-z]\d$/.test(token) && i > 0) numbers.add(token);
    // A number and a letter ("Pixel 7a", "iPhone 6s"), a specification's letter aside (5G, 4K, 3D, 1080p, 10x, 12V).
    else if (/^\d{1,3}[a-z]$/.test(token) && !SPEC_LETTER.test(token.slice(-1)) && i > 0) numbers.add(String(Number(token.slice(0, -1))) + token.slice(-1));
    // A lone "v" is a generation only after a number or "mark" ("RX100 V"), not on its own (volts, versus).
    else if (ROMAN.has(token) && i > 0 && (token !== 'v' || /\d$|^mark$/.test(tokens[i - 1]))) numbers.add(ROMAN.get(token)!);
  }
  return [...numbers].sort();
}

/**
 * The generation a title gives its model in Roman numerals, after "Mark" or "Gen", or before "Gen":
 * "RX100 III", "E-M1 Mark III", "5D Mk 4", "X1 Carbon Gen 12", "AirPods 2nd Gen" are 3, 3, 4, 12 and 2. One model's generations share its code (RX100) and every other word, so the
 * code alone links them; a title without a generation ("RX100", "… DSC-RX100M3") is not compared.
 */
export function generationOf(tokens: readonly string[]): string | null {
  for (let i = 1; i < tokens.length; i++) {
    const [before, token] = [tokens[i - 1], tokens[i]];
    // "Gen 4", "Generation 2": a model line's generation written out (ThinkPad X1 Carbon Gen 12 / Gen 11).
    if ((before === 'gen' || before === 'generation') && /^\d{1,2}$/.test(token)) return String(Number(token));
    if ((token === 'gen' || token === 'generation') && /^\d{1,2}(?:st|nd|rd|th)$/.test(before)) return String(parseInt(before, 10));
    if (before === 'mark' || before === 'mk') {
      if (ROMAN.has(token)) return ROMAN.get(token)!;
      if (/^\d{1,2}$/.test(token)) return String(Number(token));
    } else if (ROMAN.has(token) && /[a-z]*\d$/.test(before) && !/^\d+$/.test(before)) return ROMAN.get(token)!;
  }
  // A short code with its generation glued on: "X100VI", "X100V".
  for (const token of tokens) {
    const glued = /^[a-z]{1,2}\d{2,3}(i{2,3}|iv|vi{0,3})$/.exec(token);
    if (glued) return ROMAN.get(glued[1])!;
  }
  return null;
}

// Where a retail title's name ends: a separator ("Brand - Name - Colour", "Name, 2 L, Red", "Name (2-Pack)"),
// the device it fits, or a bundle ("Z50 with 28-70mm Lens"). A comma before a digit is a decimal one (1,8 l).
const NAME_END = /\s[-–|/]\s|,\s|[;(]|\s(?:with|w\/|incl\.?|including|\+)\s/i;

// A word of letters and digits (4+) or of 5+ digits at the end of the name: a code, not a name word.
const TRAILING_CODE_WORD = /^(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{4,}$|^\d{5,}$/;

/**
 * The words a title names its product by, its brand left out (kept when unknown: the first word may be the
 * line, "iPhone 15 Pro"): the first segment that is not the brand alone, up to its first measure or count,
 * without colours ("Ninja - Foodi Blender Signature 72 oz - Red" and "Ninja Foodi Blender Signature, 72 oz,
 * Red, BPA Free": foodi blender signature). Two shops' listings of one product agree on them although their
 * descriptions after them differ; siblings of one line named by words only ("Duo Elite" / "Duo Pro Elite")
 * differ in one of them.
 */
export function nameWords(name: string, brand: string | null): string[] {
  const fitted = FOR_A_DEVICE.exec(name);
  const head = fitted && fitted.index > 0 ? name.slice(0, fitted.index) : name;
  const brandWords = new Set(brand ? analyzeTitle(brand).tokens : []);
  for (const segment of head.split(NAME_END)) {
    const tokens = analyzeTitle(segment).tokens;
    // "Ninja - …": a segment of the brand alone comes before the name.
    if (tokens.every((token) => brandWords.has(token))) continue;
    const words: string[] = [];
    for (const [i, token] of tokens.entries()) {
      // A measure ends the name, and so does a count ("Food Processor 14 Cup", "30 Hours Battery").
      if (token.includes(':') || (/^\d+$/.test(token) && COUNTED.has(tokens[i + 1] ?? ''))) break;
      if (!brandWords.has(token) && coloursIn([token]).length === 0) words.push(token);
    }
    // A code after the name ("HP 979 Tintenpatrone schwarz K7S35GB") is compared as a code, not as a word.
    while (words.length > 1 && TRAILING_CODE_WORD.test(words[words.length - 1])) words.pop();
    return words;
  }
  return [];
}
