import { foldLatin } from './name';
import { englishWords } from '../data/product-words';

export interface Measures {
  volumeMl?: number;
  massG?: number;
  storageGb?: number;
  lengthMm?: number;
  pack?: number;
  screenInch?: number;
  powerW?: number;
  ramGb?: number;
  batteryMah?: number;
}

export interface ProductTitle {
  tokens: string[];
  modelCodes: string[];
  measures: Measures;
}

type Quantity = Exclude<keyof Measures, 'pack'>;

/** Each measure's canonical token: `vol:500ml`, `storage:1000gb`, `pack:6`… */
const CANONICAL: Readonly<Record<keyof Measures, readonly [prefix: string, unit: string]>> = {
  volumeMl: ['vol', 'ml'],
  massG: ['mass', 'g'],
  storageGb: ['storage', 'gb'],
  lengthMm: ['len', 'mm'],
  screenInch: ['screen', 'in'],
  powerW: ['power', 'w'],
  ramGb: ['ram', 'gb'],
  batteryMah: ['battery', 'mah'],
  pack: ['pack', ''],
};
const KIND_OF_PREFIX = new Map(Object.entries(CANONICAL).map(([kind, [prefix]]) => [prefix, kind as keyof Measures]));

const INCH = 25.4;
const FOOT = 304.8;
/** Unit spellings (lower case, letters and quote marks only) with the quantity and factor they convert by. */
const UNITS = new Map<string, readonly [Quantity, number]>([
  ...spellings(['ml', 'milliliter', 'millilitre', 'milliliters', 'millilitres'], 'volumeMl', 1),
  ...spellings(['cl', 'centiliter', 'centilitre'], 'volumeMl', 10),
  ...spellings(['dl'], 'volumeMl', 100),
  ...spellings(['l', 'ltr', 'liter', 'litre', 'liters', 'litres'], 'volumeMl', 1000),
  ...spellings(['floz'], 'volumeMl', 29.5735295625),
  ...spellings(['qt', 'quart', 'quarts'], 'volumeMl', 946.352946),
  ...spellings(['gal', 'gallon', 'gallons'], 'volumeMl', 3785.411784),
  ...spellings(['cuft'], 'volumeMl', 28316.846592),
  ...spellings(['mg'], 'massG', 0.001),
  ...spellings(['g', 'gr', 'gram', 'grams', 'gramme', 'grammes'], 'massG', 1),
  ...spellings(['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms'], 'massG', 1000),
  ...spellings(['lb', 'lbs', 'pound', 'pounds'], 'massG', 453.59237),
  ...spellings(['oz', 'ounce', 'ounces'], 'massG', 28.349523125),
  ...spellings(['mb', 'megabyte', 'megabytes'], 'storageGb', 0.001),
  ...spellings(['gb', 'gig', 'gigs', 'gigabyte', 'gigabytes', 'go'], 'storageGb', 1),
  ...spellings(['tb', 'terabyte', 'terabytes'], 'storageGb', 1000),
  ...spellings(['mm', 'millimeter', 'millimetre', 'millimeters', 'millimetres'], 'lengthMm', 1),
  ...spellings(['cm', 'centimeter', 'centimetre', 'centimeters', 'centimetres'], 'lengthMm', 10),
  ...spellings(['m', 'meter', 'metre', 'meters', 'metres'], 'lengthMm', 1000),
  ...spellings(['ft', 'feet', 'foot', "'"], 'lengthMm', FOOT),
  ...spellings(['in', 'inch', 'inches', 'zoll', '"'], 'lengthMm', INCH),
  ...spellings(['w', 'watt', 'watts'], 'powerW', 1),
  ...spellings(['kw', 'kilowatt', 'kilowatts'], 'powerW', 1000),
]);
const INCH_UNITS = new Set(['in', 'inch', 'inches', 'zoll', '"']);
// Glued to a figure, G is a network generation (5G) or, at a memory size, gigabytes (512G): rarely grams.
const NETWORK_GENERATIONS = new Set([3, 4, 5]);
const MEMORY_SIZES = new Set([16, 32, 64, 128, 256, 512, 1024]);

function spellings(names: readonly string[], quantity: Quantity, factor: number): [string, readonly [Quantity, number]][] {
  return names.map((name) => [name, [quantity, factor]]);
}

// Longest spellings first, so "mm" is not read as "m" and then rejected by the boundary after it. "in" is
// left out here: "2 in 1" is not two inches, so "in" counts only glued or hyphenated ("15in", "15-in").
const UNIT_PATTERN = [...UNITS.keys()]
  .filter((unit) => unit !== 'in')
  .map((unit) => (unit === 'floz' ? 'fl\\.?\\s*oz' : unit === 'cuft' ? 'cu\\.?\\s*ft' : unit))
  .sort((a, b) => b.length - a.length)
  .join('|');
const NUMBER = '\\d{1,7}(?:\\.\\d{1,4})?';
const PACK_WORDS = 'packs?|pk|pck|ct|count|pcs|pc|pieces?';
// Things sold by the dozen or hundred whose count is the pack: "Capsules x10", "100 tea bags", "cans x 24",
// "Batteries x4", "2 cartridges".
const COUNTED_THINGS =
  'capsules?|pods|tablets|tabs|sachets|teabags|bags|rolls|sheets|wipes|bottles|cans|batteries|cells|bulbs|cartridges|filters|blades|pens|pencils|markers|candles|masks|nappies|diapers';

// A measure starts at a word boundary that is not inside a fraction or a decimal ("2-1/2'" is no measure)
// and ends at one. The alternatives after the canonical token, numbered by their capture groups:
const RAW_MEASURES =
  // 4: "pack of 6", "set of 4", "capsules x10" (the things stay words of the title)
  `(?:(?:pack|set|box|case)\\s+of\\s+|(?<=(?:${COUNTED_THINGS})\\s{1,2})x\\s?)(\\d{1,4})` +
  // 5: "6-pack", "6 pk", "12ct", "100 capsules"
  `|(\\d{1,4})(?:\\s*-?\\s*(?:${PACK_WORDS})|(?=\\s(?:tea\\s)?(?:${COUNTED_THINGS})(?![a-z0-9])))` +
  // 6-8: "500 ml", "0.5L", "512-GB", and "6 x 330ml" (6 is the pack)
  `|(?:(\\d{1,4})\\s*x\\s*)?(${NUMBER})\\s*-?\\s*(${UNIT_PATTERN})` +
  // 9: inches written "in", glued or hyphenated, and not "3-in-1"
  `|(${NUMBER})-?in(?!-?[a-z0-9])`;
// Nor the 1 of "3-in-1" or "All-in-1": one device doing three things, not a pack of one.
const MEASURE_START = '(?<![a-z0-9.:/])(?!(?<=[a-z0-9][- ]in[- ])1(?![0-9]))';
const MEASURE_END = '(?![a-z0-9:])';
// One pass over the folded title finds every measure in order (the first of a kind wins). 1-3: a canonical
// token, so that analysing the tokens again finds the same measures.
const MEASURE = new RegExp(
  `${MEASURE_START}(?:(vol|mass|storage|len|screen|power|ram|battery|pack):(\\d+(?:\\.\\d+)?)(mah|ml|gb|mm|in|g|w)?|${RAW_MEASURES})${MEASURE_END}`,
  'g',
);
const RAW_MEASURE = new RegExp(`${MEASURE_START}(?:${RAW_MEASURES})${MEASURE_END}`);

const SCREEN_WORDS = 'screen|widescreen|touchscreen|tv|hdtv|television|monitor|display|lcd|led|oled|qled|plasma|laptop|notebook|netbook|macbook|tablet|panel';
// A screen word within three words before or after an inch figure makes it a screen size.
const SCREEN_BEFORE = new RegExp(`(?:^|[^a-z0-9])(?:${SCREEN_WORDS})(?:[^a-z0-9]+[a-z0-9.]+){0,2}[^a-z0-9]*$`);
const SCREEN_AFTER = new RegExp(`^(?:[^a-z0-9]+[a-z0-9.]+){0,2}[^a-z0-9]+(?:${SCREEN_WORDS})(?![a-z0-9])`);
const CONTEXT_CHARS = 40;
const TWO_DIGITS = /^\d\d(?:\.|$)/;
const SINGLE_LETTER_UNIT = /^\d{1,3}[a-z]$/;
const CODE_PREFIX = /(?<![a-z0-9])[a-z]{2,4}-$/;
// "CLI-8PC" (photo cyan), "VN-4100PC" (the PC edition): a figure glued to "PC" right after a short code's
// letters and a hyphen ends the code, as "CLI-8M" does, and is not 8 or 4,100 pieces ("AA-4PK" stays a pack).
const GLUED_COUNT = /^\d{1,4}pc$/;
const NOT_LETTERS = /[^a-z"']/g;

// Typographic quotes first: NFKD would turn a double prime into two single ones.
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u02ba\u3003]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02b9\u02bc]/g;
const TWO_SINGLE_QUOTES = /''/g;
const TIMES = /\u00d7/g;
const LEADING_POINT = /(?<![a-z0-9.])\.(?=\d)/g;
const THOUSANDS_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;
const DECIMAL_COMMA = /(?<=\d),(?=\d)/g;
const W_SLASH = /(?<![a-z0-9])w\/(?![a-z0-9])/g;
// Runs of spaces collapse first: how near a screen word is to an inch figure is measured in characters.
const SPACES = /\s+/g;

const WORD = /(?:vol|mass|storage|len|screen|power|ram|battery|pack):\d+(?:\.\d+)?(?:mah|ml|gb|mm|in|g|w)?(?![a-z0-9])|[a-z0-9]+(?:[-/.][a-z0-9]+)*/g;
const MEASURE_TOKEN = /^[a-z]+:/;
// The parts of a word between hyphens, slashes and dots, a decimal number ("7.1", "10.1mp") staying whole.
const PART = /\d+(?:\.\d+)+[a-z0-9]*|[a-z0-9]+/g;
const STOP_WORDS = new Set(['and', 'with', 'for', 'the', 'of', 'in', 'a', 'an']);

const LETTERS_ONLY = /^[a-z]+$/;
const DIGITS_ONLY = /^\d+$/;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[a-z]/;
const VOWEL = /[aeiouy]/;
const DOTS = /\./g;
// A number with a unit or an ordinal suffix describes the product, it does not name it: 512gb, 1080p, 4th.
const UNIT_TOKEN = new RegExp(
  `^\\d+(?:\\.\\d+)?(?:${UNIT_PATTERN}|${PACK_WORDS}|in|hz|khz|mhz|ghz|mp|mpx|ch|x|rpm|mah|ah|v|vac|vdc|a|ma|db|kbps|mbps|gbps|fps|bit|bits|ppm|dpi|ms|p|i|k|st|nd|rd|th)$`,
);
// Standards, formats and game platforms that look like model codes but are shared by unrelated products.
const GENERIC_CODE = /^(?:ps[1-5]|mp[34]|h26[45]|x26[45]|ddr[2-5]|usb[23]0?|80211[a-z]*|ieee1394|cat5e?|cat6a?|rj45|rj11|a2dp|ac3)$/;
const ENDS_WITH_DIGIT = /\d$/;

/**
 * Reads a product title: its tokens (folded, lower case, stop words dropped), its model codes and its
 * measures. Each measure found ("500 ml", "0.5 L", "6 x 330ml", "1 TB", '46"') is replaced in the tokens
 * by a canonical token (`vol:500ml`, `pack:6`, `storage:1000gb`, `screen:46in`), so that two spellings of
 * one size compare equal. A word that is a model code is kept whole ("PS-LX350H" → token `pslx350h`, code
 * `PSLX350H`), except a short letter prefix before a code starting with a digit ("KDL-40V4100" → `kdl`,
 * `40v4100`). Analysing `tokens.join(' ')` again gives the same tokens, codes and measures.
 *
 * Model codes mix letters and digits (at least 3 characters) or are 5 digits or more, upper case without
 * hyphens, slashes and dots. A word of one to three letters before a code gives both the joined code and
 * the code after it ("KDL 40V4100" and "KDL-40V4100": KDL40V4100 and 40V4100; "PS LX350H": PSLX350H and
 * LX350H); a code followed by one or two letters also gives them joined ("SX200 IS": SX200 and SX200IS).
 */
export function analyzeTitle(title: string): ProductTitle {
  const analysis = analyzeOnce(title);
  // Dropping stop words and punctuation can bring a number next to a unit it was apart from ('2"ft' gives
  // "2 ft"): read the tokens once more then, so that analysing them again changes nothing.
  const again = analysis.tokens.join(' ');
  return RAW_MEASURE.test(again) ? analyzeOnce(again) : analysis;
}

function analyzeOnce(title: string): ProductTitle {
  const measures: Measures = {};
  const text = prepare(title)
    .replace(MEMORY, (_match: string, ...args: unknown[]) => readMemory(measures, args))
    .replace(BATTERY, (_match: string, capacity: string, unit: string) => record(measures, 'batteryMah', Number(capacity) * (unit === 'ah' ? 1000 : 1)) ?? _match)
    .replace(MEASURE, (match: string, ...args: unknown[]) => readMeasure(measures, match, args));
  const tokens: string[] = [];
  const words = Array.from(text.matchAll(WORD), ([word]) => word);
  for (const [i, word] of words.entries()) {
    if (MEASURE_TOKEN.test(word)) tokens.push(word);
    else if (i > 0 && isInOf(word, words[i + 1])) tokens.push(word);
    else pushWord(tokens, word);
  }
  return { tokens, modelCodes: modelCodes(tokens), measures };
}

function prepare(title: string): string {
  const folded = foldLatin(title.replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'"));
  return folded
    .replace(TWO_SINGLE_QUOTES, '"')
    .replace(TIMES, 'x')
    .replace(LEADING_POINT, '0.')
    .replace(THOUSANDS_COMMA, '')
    .replace(DECIMAL_COMMA, '.')
    .replace(W_SLASH, ' with ')
    .replace(SPACES, ' ');
}

// Memory (RAM) is not storage: "16GB RAM, 1TB SSD", "RAM 16 GB", "16GB DDR5", "8GB/256GB" (memory before
// storage, the smaller first) name two figures; read as one storage size, a laptop's 8 GB and 16 GB
// siblings agreed on their SSD and nothing told them apart. A memory card or stick is storage.
const MEMORY_WORD = '(?:unified\\s+memory|(?:lp)?ddr\\d?x?(?:\\s*(?:ram|memory))?|ram|memory(?!\\s*(?:card|stick|foam)))(?![a-z])';
const MEMORY = new RegExp(
  // 1: "16GB RAM", "16 GB DDR5"; 2: "RAM 16GB", "Memory: 16 GB"; 3-5: "8GB/256GB", "16 GB / 1 TB"
  `(?<![a-z0-9.])(?:(\\d{1,3})\\s*-?\\s*gb?\\s+(?:of\\s+)?${MEMORY_WORD}` +
    `|(?:ram|memory)\\s*:?\\s*(\\d{1,3})\\s*gb(?![a-z0-9])` +
    `|(\\d{1,2})\\s*gb\\s*/\\s*(\\d{1,4})\\s*(gb|tb)(?![a-z0-9]))`,
  'g',
);

function readMemory(measures: Measures, args: readonly unknown[]): string {
  const [before, after, slashRam, slashStorage, storageUnit] = args as (string | undefined)[];
  if (slashRam === undefined) return record(measures, 'ramGb', Number(before ?? after)) ?? ' ';
  const storage = Number(slashStorage) * (storageUnit === 'tb' ? 1000 : 1);
  // "8GB/256GB": memory and storage; "256GB/512GB" (two storage options) stays as written.
  if (Number(slashRam) > 64 || Number(slashRam) >= storage) return `${slashRam}gb / ${slashStorage}${storageUnit}`;
  return `${record(measures, 'ramGb', Number(slashRam)) ?? ' '}${record(measures, 'storageGb', storage) ?? ' '}`;
}

// A battery's capacity ("5.0Ah", "2 x 5.0 Ah", "5000 mAh") tells a tool kit or power bank from its sibling; the
// count of batteries before it is the kit's ("2 x"), not a pack of the product, and is left out. Read before
// the other measures, so that "2x5.0Ah" is neither a pack of two nor a model code 2X50AH.
const BATTERY = /(?<![a-z0-9.:])(?:\d{1,2}\s*x\s*)?(\d{1,2}(?:\.\d{1,2})?|\d{3,5})\s*-?\s*(ah|mah)(?![a-z0-9])/g;

/** Records the measure a MEASURE match stands for and returns the text to put in its place. */
function readMeasure(measures: Measures, match: string, args: readonly unknown[]): string {
  const [prefix, canonicalValue, canonicalUnit, packOf, packCount, packTimes, value, unit, inches] = args as (string | undefined)[];
  const offset = args[9] as number;
  const text = args[10] as string;
  if (prefix !== undefined) {
    const kind = KIND_OF_PREFIX.get(prefix)!;
    const measure = (canonicalUnit ?? '') === CANONICAL[kind][1] ? record(measures, kind, Number(canonicalValue)) : undefined;
    return measure ?? match.replace(':', ' ');
  }
  if (packCount !== undefined && GLUED_COUNT.test(match) && CODE_PREFIX.test(text.slice(Math.max(0, offset - 6), offset))) return match;
  if (packOf !== undefined || packCount !== undefined) return record(measures, 'pack', Number(packOf ?? packCount)) ?? match;
  // "CLI-8M", "NB-5L": a short code's letters, a hyphen, a number and one letter are a code, not 8 metres or 5 litres.
  if (SINGLE_LETTER_UNIT.test(match) && CODE_PREFIX.test(text.slice(Math.max(0, offset - 6), offset))) return match;
  if (inches !== undefined) return record(measures, ...inchMeasure(inches, 'in', text, offset, match.length)) ?? match;
  const spelling = unit!.replace(NOT_LETTERS, '');
  const [quantity, factor] = UNITS.get(spelling)!;
  if (spelling === 'g' && packTimes === undefined && /^\d+g$/.test(match)) {
    if (NETWORK_GENERATIONS.has(Number(value))) return match;
    if (MEMORY_SIZES.has(Number(value))) return record(measures, 'storageGb', Number(value)) ?? match;
  }
  const measure =
    quantity === 'lengthMm' && (INCH_UNITS.has(spelling) || spelling === "'")
      ? record(measures, ...inchMeasure(value!, spelling, text, offset, match.length))
      : record(measures, quantity, Number(value) * factor);
  if (measure === undefined) return match;
  if (packTimes === undefined) return measure;
  // "6 x 330ml" is a pack of bottles; "10 x 20 cm" is a size, where the 10 stays a plain number.
  if (quantity === 'lengthMm' || quantity === 'powerW') return ` ${packTimes} x${measure}`;
  return (record(measures, 'pack', Number(packTimes)) ?? ` ${packTimes} x `) + measure;
}

/**
 * A figure in inches, or feet: a screen size when a screen word is near or when written NN" (a 46" or a
 * 15.4" is a screen more often than not), a length otherwise.
 */
function inchMeasure(written: string, spelling: string, text: string, offset: number, length: number): [Quantity, number] {
  const amount = Number(written);
  const nearScreen =
    SCREEN_BEFORE.test(text.slice(Math.max(0, offset - CONTEXT_CHARS), offset)) || SCREEN_AFTER.test(text.slice(offset + length, offset + length + CONTEXT_CHARS));
  // A foot mark next to a screen word is an inch mark that lost its second stroke: no screen is 46 feet.
  if (nearScreen) return ['screenInch', amount];
  // Two digits of inches (43in, 50 inch, 55 Zoll) size a screen more often than anything else.
  if (spelling !== "'" && TWO_DIGITS.test(written) && amount >= 13 && amount <= 110) return ['screenInch', amount];
  return ['lengthMm', amount * (spelling === "'" ? FOOT : INCH)];
}

/** Records a measure (the first of its kind wins, but the largest storage) and returns its canonical token. */
function record(measures: Measures, kind: keyof Measures, amount: number): string | undefined {
  const value = Number(amount.toPrecision(6));
  const written = String(value);
  // Zero is no size; an exponent would not read back as a number.
  if (value <= 0 || written.includes('e')) return undefined;
  // A drive's cache is quoted in MB beside its capacity: the largest figure is the capacity.
  if (kind === 'storageGb') measures.storageGb = Math.max(measures.storageGb ?? 0, value);
  else measures[kind] ??= value;
  const [prefix, unit] = CANONICAL[kind];
  return ` ${prefix}:${written}${unit} `;
}

// The "in" of "3-in-1" and "All in 1" stays a token, so that reading the tokens again finds no pack of one there.
function isInOf(word: string, next: string | undefined): boolean {
  return word === 'in' && next === '1';
}

/** Adds the tokens of one word: whole when it is a model code written with hyphens or slashes, else its parts. */
function pushWord(tokens: string[], word: string): void {
  const parts = word.match(PART)!;
  if (parts.length > 1) {
    const joined = joinCode(parts);
    if (joined !== null) {
      tokens.push(joined);
      return;
    }
  }
  for (const [i, part] of parts.entries()) {
    if (STOP_WORDS.has(part) && !(i > 0 && isInOf(part, parts[i + 1]))) continue;
    // A German or French product word is compared as the English words other shops write ("Tintenpatrone": ink cartridge).
    const english = englishWords(part);
    if (english) tokens.push(...english);
    else tokens.push(part);
  }
}

/** The parts of a word joined into one code token, or null when they are separate words. */
function joinCode(parts: readonly string[]): string | null {
  // "KDL-40V4100" stays two tokens, like "KDL 40V4100": the codes then include 40V4100 on its own too.
  if (parts.length === 2 && parts[0].length <= 3 && LETTERS_ONLY.test(parts[0]) && HAS_DIGIT.test(parts[1][0]) && codeOf(parts[1]) !== null) return null;
  let mixed = false;
  let letterPrefix = false;
  let allDigits = true;
  let leadingZero = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (LETTERS_ONLY.test(part)) {
      // A whole word ("player" in "MP3-Player") means the hyphen joins words, not a code ("SMRTLKB" has no vowel).
      if (part.length > 4) {
        if (VOWEL.test(part)) return null;
        mixed = true;
      }
      allDigits = false;
      // "in" in "3-in-1" is a word, "a" in "MB769G/A" a suffix: neither makes a code by itself.
      if (part.length <= 3 && !STOP_WORDS.has(part) && i + 1 < parts.length && HAS_DIGIT.test(parts[i + 1][0])) letterPrefix = true;
    } else if (DIGITS_ONLY.test(part)) {
      if (part[0] === '0') leadingZero = true;
    } else {
      // A number with a unit ("100-240v") or a decimal ("7.1-channel") is a description.
      // "CLI-8M", "NB-5L": a number and one letter after a short code's letters are the code's, not metres or litres.
      const codeTail = i === 1 && parts.length === 2 && (SINGLE_LETTER_UNIT.test(part) || GLUED_COUNT.test(part)) && /^[a-z]{2,4}$/.test(parts[0]);
      if ((UNIT_TOKEN.test(part) && !codeTail) || part.includes('.')) return null;
      allDigits = false;
      mixed = true;
    }
  }
  const joined = parts.join('');
  // Digits only: a part number such as 010-10702-00 or 910-000298, but not a range such as 100-240.
  if (allDigits) return joined.length >= 5 && (parts.length >= 3 || leadingZero) ? joined : null;
  return mixed || letterPrefix ? joined : null;
}

/** The model code a single token is, upper case without dots, or null. */
function codeOf(token: string): string | null {
  if (MEASURE_TOKEN.test(token)) return null;
  const code = token.includes('.') ? token.replace(DOTS, '') : token;
  if (code.length < 3) return null;
  if (DIGITS_ONLY.test(code)) return code.length >= 5 && code === token ? code : null;
  if (!HAS_DIGIT.test(code) || !HAS_LETTER.test(code) || UNIT_TOKEN.test(token) || GENERIC_CODE.test(code)) return null;
  return code.toUpperCase();
}

function modelCodes(tokens: readonly string[]): string[] {
  const codes = new Set<string>();
  let previous: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const code = codeOf(token);
    if (code !== null) {
      codes.add(code);
      // "KDL 40V4100": a short letters-only word before a code is often its prefix.
      if (i > 0 && tokens[i - 1].length <= 3 && LETTERS_ONLY.test(tokens[i - 1])) codes.add(tokens[i - 1].toUpperCase() + code);
    } else if (previous !== null && token.length <= 2 && LETTERS_ONLY.test(token) && ENDS_WITH_DIGIT.test(previous)) {
      // "SX200 IS": one or two letters after a code ending in a digit are often its suffix.
      codes.add(previous + token.toUpperCase());
    }
    previous = code;
  }
  return [...codes].sort();
}
