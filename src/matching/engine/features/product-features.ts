import type { Attributes } from '../types';
import { normalizeName } from '../normalize/name';
import { cameraPackageOf, conditionOf, FOR_A_DEVICE, GERMAN_PACK, kindOf, normalizeSize, sizeInTitle, tierOf } from './product-variants';
import { baseCode } from '../compare/model-code';
import { analyzeTitle, type ProductTitle } from '../normalize/product-title';
import { coloursIn } from '../data/colours';
import type { FeatureCatalog, Features } from './feature.types';

export const PRODUCT_FEATURES: FeatureCatalog = {
  gtin: 'text',
  modelCodes: 'tokens',
  allCodes: 'tokens',
  codeRoles: 'tokens',
  baseCodes: 'tokens',
  brand: 'name',
  brandGuess: 'name',
  titleTokens: 'tokens',
  titleKeyTokens: 'tokens',
  title: 'text',
  storageGb: 'number',
  volumeMl: 'number',
  massG: 'number',
  pack: 'number',
  screenInch: 'number',
  lengthMm: 'number',
  powerW: 'number',
  color: 'text',
  titleColours: 'tokens',
  titleNumbers: 'tokens',
  generation: 'text',
  nameWords: 'tokens',
  size: 'text',
  euSize: 'text',
  tier: 'text',
  kind: 'text',
  condition: 'text',
  cameraPackage: 'text',
  price: 'number',
  category: 'name',
  sku: 'text',
};

/**
 * The comparable form of a cleansed product: model codes, title tokens and measures read from the name
 * (and from size and description when the name has none), folded brand, colour and size.
 */
export function productFeatures(a: Attributes): Features {
  const fullName = typeof a.name === 'string' ? a.name : '';
  // A size the title names ("EU 44", "Gr. 43") is the size, and not a code suffix or 43 grams.
  const titleSize = sizeInTitle(fullName);
  const name = (titleSize ? fullName.replace(titleSize.written, ' ') : fullName).replace(GERMAN_PACK, '$1-pack');
  const analyzed = withoutFittedCodes(analyzeTitle(name), name);
  const endCode = trailingCode(name);
  const title = endCode && !analyzed.modelCodes.includes(endCode) ? { ...analyzed, modelCodes: [...analyzed.modelCodes, endCode].sort() } : analyzed;
  const extra = analyzeTitle([a.size, a.color].filter((v) => typeof v === 'string').join(' '));
  // Descriptions often carry the model code a short title leaves out; never its measures (they describe accessories).
  const description = typeof a.description === 'string' ? analyzeTitle(a.description.slice(0, 300)) : null;
  const sku = typeof a.sku === 'string' ? a.sku.toUpperCase().replace(/[^A-Z0-9]/g, '') || null : null;
  // A SKU that mixes letters and digits is usually the maker's part number (QN55Q80C), which another
  // source writes in its title: one more code, like a description's.
  const skuCode = sku && sku.length >= 4 && /[A-Z]/.test(sku) && /\d/.test(sku) ? [sku] : [];
  const allCodes = unique([...title.modelCodes, ...title.fittedCodes, ...(description?.modelCodes ?? []), ...skuCode]);
  const measures = { ...extra.measures, ...title.measures };
  const brand = typeof a.brand === 'string' ? normalizeName(a.brand) || null : null;
  // Without a brand, the title's first word usually is one ("Sony Turntable …"), a measure never: a guess,
  // compared with less weight than a brand the source gave.
  const brandGuess = brand ?? title.tokens.find((t) => !t.includes(':')) ?? null;
  return {
    gtin: typeof a.gtin === 'string' ? a.gtin : null,
    // The title's codes name the product; a description's often name what it fits (printer models for an
    // ink, "Galaxy S24 clear case"), even before any "for": they only count as `allCodes`.
    modelCodes: title.modelCodes.length > 0 ? title.modelCodes : null,
    allCodes: allCodes.length > 0 ? allCodes : null,
    baseCodes: nonEmpty(unique(title.modelCodes.map(baseCode))),
    // The title's codes by role: its own, and those of the device it fits (an accessory's "for …").
    codeRoles: nonEmpty([...title.modelCodes.map((code) => `own:${code}`), ...title.fittedCodes.map((code) => `fits:${code}`)]),
    brand,
    brandGuess,
    titleTokens: title.tokens.length > 0 ? title.tokens : null,
    titleKeyTokens: keyTokens(title.tokens, brandGuess),
    title: fullName ? normalizeName(fullName) || null : null,
    storageGb: measures.storageGb ?? null,
    volumeMl: measures.volumeMl ?? null,
    massG: measures.massG ?? null,
    // A title without a pack count is one item: "0.5 l" is not "6 x 500 ml", "HP 979 Ink" not "HP 979 Ink 2 Pack"
    // (shops name a multipack's count, never a single's).
    pack: measures.pack ?? (fullName ? 1 : null),
    screenInch: measures.screenInch ?? null,
    lengthMm: measures.lengthMm ?? null,
    powerW: measures.powerW ?? null,
    color: typeof a.color === 'string' ? colourField(a.color) : null,
    // The colours a record names, in its title or its colour field: "… Mouse black" and color "white" disagree.
    titleColours: nonEmpty(coloursIn([...title.tokens, ...extra.tokens])),
    titleNumbers: nonEmpty(titleNumbers(title.tokens)),
    generation: generationOf(title.tokens),
    nameWords: nonEmpty(nameWords(name, typeof a.brand === 'string' ? a.brand : null)),
    ...sizes((typeof a.size === 'string' ? normalizeSize(a.size) : null) ?? titleSize?.size ?? null),
    tier: name ? tierOf(title.tokens, name) : null,
    kind: name ? kindOf(name, title.measures) : null,
    condition: name ? conditionOf(name) : null,
    cameraPackage: name ? cameraPackageOf(name) : null,
    price: typeof a.price === 'number' ? a.price : null,
    category: typeof a.category === 'string' ? normalizeName(a.category) || null : null,
    sku,
  };
}

// The longest words of a title (the brand aside) are its most distinctive ones: blocking pairs each with the brand.
function keyTokens(tokens: readonly string[], brand: string | null): readonly string[] | null {
  const candidates = [...new Set(tokens)].filter((t) => t.length >= 4 && t !== brand && !/^\d+$/.test(t));
  candidates.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return candidates.length > 0 ? candidates.slice(0, 3) : null;
}

/**
 * "HP 661 Black Ink Cartridge Works with HP OfficeJet Pro 2760e", "Case for Galaxy S24": the codes after
 * "for", "works with", "compatible with" name the device the product fits, not the product; as title
 * codes they linked an ink with its printer. They stay as `allCodes` (blocking, a weaker comparison).
 */
const FITTED_END = /\s[-–|]\s|[,;(]/;

function withoutFittedCodes(title: ProductTitle, name: string): ProductTitle & { fittedCodes: string[] } {
  const phrase = FOR_A_DEVICE.exec(name);
  if (!phrase || phrase.index === 0) return { ...title, fittedCodes: [] };
  // The phrase ends at the next separator: a retail title's own code often follows ("… For iPod - CDI200").
  const tail = name.slice(phrase.index);
  const end = tail.search(FITTED_END);
  const own = new Set(analyzeTitle(name.slice(0, phrase.index) + ' ' + (end > 0 ? tail.slice(end) : '')).modelCodes);
  const fitted = title.modelCodes.filter((code) => !own.has(code));
  return { ...title, modelCodes: title.modelCodes.filter((code) => own.has(code)), fittedCodes: fitted };
}

// A colour field in another language ("grau", "Schwarz", "noir") is the colour the dictionary knows
// ("grey"): compared as written, a German shop's colour disagreed with everyone else's.
function colourField(value: string): string | null {
  const known = coloursIn(analyzeTitle(value).tokens);
  return known.length > 0 ? known.join(' ') : normalizeName(value) || null;
}

const ROMAN = new Map([['ii', '2'], ['iii', '3'], ['iv', '4'], ['v', '5'], ['vi', '6'], ['vii', '7'], ['viii', '8'], ['ix', '9']]);
const YEAR = /^(?:19[89]\d|20[0-4]\d)$/;
// Words a number counts in a title's specifications (after it), and "7-in-1" (its tokens: 7 1).
const COUNTED = new Set(['hour', 'hours', 'hr', 'hrs', 'h', 'minute', 'minutes', 'min', 'mins', 'cup', 'cups', 'slice', 'slices', 'speed', 'speeds', 'piece', 'pieces', 'person', 'persons', 'people', 'burner', 'burners', 'year', 'years', 'month', 'months', 'day', 'days', 'port', 'ports', 'outlet', 'outlets', 'setting', 'settings', 'programs', 'programmes']);
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
    const counted = (COUNTED.has(tokens[i + 1] ?? '') && !CAPACITY.has(tokens[i + 1])) || IN_ONE.test(`${token} ${tokens[i + 1] ?? ''}`) || IN_ONE.test(`${tokens[i - 1] ?? ''} ${token}`);
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
 * The generation a title gives its model in Roman numerals or after "Mark": "RX100 III", "E-M1 Mark III",
 * "5D Mk 4" are 3, 3 and 4. One model's generations share its code (RX100) and every other word, so the
 * code alone links them; a title without a generation ("RX100", "… DSC-RX100M3") is not compared.
 */
export function generationOf(tokens: readonly string[]): string | null {
  for (let i = 1; i < tokens.length; i++) {
    const [before, token] = [tokens[i - 1], tokens[i]];
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
 * line, "iPhone 15 Pro"): the first segment that is not the brand
 * alone, up to its first measure, without colours ("Ninja - Foodi Blender Signature 72 oz - Red" and
 * "Ninja Foodi Blender Signature, 72 oz, Red, BPA Free": foodi blender signature). Two shops' listings of one
 * product agree on them although their descriptions after them differ; siblings of one line named by words
 * only ("Duo Elite" / "Duo Pro Elite") differ in one of them.
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

// A model code without its trailing variant letters (colour or market: YSTFSW100BK, R1214SS, FE370S).

// "Sony Soft Carrying Case - LCSCST", "Griffin iTrip - 4052-TRPSEB": retail titles end in the model code
// after a dash. Written in capitals in a title that has lower-case words, the last segment is a code even
// when the title analysis reads no code in it: letters only, or letters and digits split by hyphens and
// dots around a word-like part (4052-TRPSEB, 9UEA.017.00), which the analysis takes for separate words.
const TRAILING_SEGMENT = /\s[-–]\s*([A-Z0-9][A-Z0-9/.-]*[A-Z0-9])\s*$/;

/** The model code that ends a title ("… - TVLCDS", "… - TV/LCDS", "… - 4052-TRPSEB"), joined, or null. */
export function trailingCode(name: string): string | null {
  const segment = TRAILING_SEGMENT.exec(name)?.[1];
  if (!segment || !/[a-z]/.test(name.slice(0, -segment.length))) return null;
  const code = segment.replace(/[/.-]/g, '');
  if (!/[A-Z]/.test(code)) return null;
  if (/\d/.test(code)) {
    // Letters and digits: only a hyphen or dot between them makes a joined code ("MB277LL/A" and codes
    // without a separator are read by the title analysis; a slash often lists two codes), and three digits
    // or more: "4K-UHD", "USB-3.0", "2-PACK" and "2ND-GEN" are specifications, not codes.
    const digits = code.replace(/\D/g, '').length;
    return !segment.includes('/') && /[.-]/.test(segment) && digits >= 3 && code.length >= 5 && code.length <= 16 ? code : null;
  }
  if (code.length < 5 || code.length > 14) return null;
  return coloursIn([code.toLowerCase()]).length > 0 ? null : code;
}

// A European shoe size (EU 42,5, Gr. 44: 30 and up) and a US or UK one (Size 9, US 9) are other systems
// for one shoe: compared apart, so that a shop writing EU sizes and one writing US sizes are not told apart
// by it (the conversion depends on the maker and the fit).
function sizes(size: string | null): { size: string | null; euSize: string | null } {
  const european = size !== null && /^\d+(?:\.5)?$/.test(size) && Number(size) >= 30;
  return european ? { size: null, euSize: size } : { size, euSize: null };
}

function nonEmpty(values: readonly string[]): readonly string[] | null {
  return values.length > 0 ? values : null;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
