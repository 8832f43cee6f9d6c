import type { Attributes } from '../types';
import { normalizeName } from '../normalize/name';
import { cameraPackageOf, claimsOf, conditionOf, cutOf, FOR_A_DEVICE, GERMAN_PACK, kindOf, normalizeSize, sizeInTitle, tierOf } from './product-variants';
import { baseCode } from '../compare/model-code';
import { analyzeTitle, type ProductTitle } from '../normalize/product-title';
import { generationOf, nameWords, titleNumbers } from './product-names';
import { colourShadesIn, coloursIn, colourwayOf } from '../data/colours';
import type { FeatureCatalog, Features } from './feature.types';
import { brandName } from '../normalize/brand';
import { titleWordPairs } from './title-pairs';

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
  titleWordPairs: 'tokens',
  title: 'text',
  storageGb: 'number',
  volumeMl: 'number',
  massG: 'number',
  pack: 'number',
  screenInch: 'number',
  lengthMm: 'number',
  powerW: 'number',
  ramGb: 'number',
  batteryMah: 'number',
  color: 'text',
  titleColours: 'tokens',
  colourShades: 'tokens',
  colourway: 'text',
  titleNumbers: 'tokens',
  generation: 'text',
  nameWords: 'tokens',
  size: 'text',
  euSize: 'text',
  tier: 'text',
  cut: 'text',
  claims: 'tokens',
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
  // Its name words keep it, as its value ("EU 42" → 42, "Size M" → m): another shop writes the size bare
  // ("AIR FORCE 1 '07 44"), where it stays a word. Without it, "… EU 42" against "… 44" read as one name with
  // a word added, the size disagreement unseen (the size comparison has one side only), and a trained
  // weight for an added word merged the two sizes; now they are a number replaced, as two sizes are.
  const namedSize = titleSize ? fullName.replace(titleSize.written, ` ${titleSize.size} `).replace(GERMAN_PACK, '$1-pack') : name;
  const analyzed = withoutFittedCodes(analyzeTitle(name), name);
  const endCode = trailingCode(name);
  const title = endCode && !analyzed.modelCodes.includes(endCode) ? { ...analyzed, modelCodes: [...analyzed.modelCodes, endCode].sort() } : analyzed;
  const extra = analyzeTitle([a.size, a.color].filter((v) => typeof v === 'string').join(' '));
  // Descriptions often carry the model code a short title leaves out; never its measures (they describe accessories).
  const description = typeof a.description === 'string' ? analyzeTitle(a.description.slice(0, 300)) : null;
  // The words that name the record's colour: its title's and colour field's; without a colour in either,
  // its description's when that names one colour ("1GB Flash Memory - White": a shop that keeps the colour
  // out of the title). One that names several ("in black, white or red") or a colour field of words the
  // dictionary lacks leaves it without one.
  const ownColourWords = [...title.tokens, ...extra.tokens];
  const colourWords =
    coloursIn(ownColourWords).length === 0 && typeof a.color !== 'string' && description && coloursIn(description.tokens).length === 1 ? description.tokens : ownColourWords;
  const sku = typeof a.sku === 'string' ? a.sku.toUpperCase().replace(/[^A-Z0-9]/g, '') || null : null;
  // A SKU that mixes letters and digits is usually the maker's part number (QN55Q80C), which another
  // source writes in its title: one more code, like a description's.
  const skuCode = sku && sku.length >= 4 && /[A-Z]/.test(sku) && /\d/.test(sku) ? [sku] : [];
  const allCodes = unique([...title.modelCodes, ...title.fittedCodes, ...(description?.modelCodes ?? []), ...skuCode]);
  const measures = { ...extra.measures, ...title.measures };
  // The brand as a maker, not a company: "Apple Inc." and "Apple" agree (see brandName).
  const brand = typeof a.brand === 'string' ? brandName(a.brand) || null : null;
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
    // The title's codes by role: its own, and those of the device it fits (an accessory's "for …"); for a
    // title naming none ("Garmin Vehicle Suction Cup Mount"), the codes its description opens with after the
    // brand ("Garmin 010-10723-03 - Vehicle Suction Cup Mount"): not a title code, since such an opening
    // still names a device the product fits now and then ("Brother MFC-J5740 black ink cartridge").
    codeRoles: nonEmpty([
      ...title.modelCodes.map((code) => `own:${code}`),
      ...title.fittedCodes.map((code) => `fits:${code}`),
      ...(title.modelCodes.length > 0 ? [] : openingCodes(a.description, brandGuess).map((code) => `opening:${code}`)),
    ]),
    brand,
    brandGuess,
    titleTokens: title.tokens.length > 0 ? title.tokens : null,
    titleKeyTokens: keyTokens(title.tokens, brandGuess),
    // Blocking without the brand: a given brand's words are left out, as a title without them would have.
    titleWordPairs: titleWordPairs(title.tokens, new Set(brand?.split(' ') ?? [])),
    title: fullName ? normalizeName(fullName) || null : null,
    storageGb: measures.storageGb ?? null,
    volumeMl: measures.volumeMl ?? null,
    massG: measures.massG ?? null,
    // A title without a pack count is one item: "0.5 l" is not "6 x 500 ml", "HP 979 Ink" not "HP 979 Ink 2 Pack"
    // (shops name a multipack's count, never a single's).
    pack: measures.pack ?? (fullName ? 1 : null),
    screenInch: measures.screenInch ?? screenFromLength(measures.lengthMm),
    lengthMm: measures.lengthMm ?? null,
    powerW: measures.powerW ?? null,
    ramGb: measures.ramGb ?? null,
    batteryMah: measures.batteryMah ?? null,
    color: typeof a.color === 'string' ? colourField(a.color) : null,
    // The colours a record names, in its title or its colour field: "… Mouse black" and color "white" disagree.
    titleColours: nonEmpty(coloursIn(colourWords)),
    // The same colours as shades, each phrase whole: "Titanium Gray" and "Titanium Yellow" share a family word only.
    colourShades: nonEmpty(colourShadesIn(colourWords)),
    // A colourway listed with slashes, in its order: the colour field's, else the title's.
    colourway: (typeof a.color === 'string' ? colourwayOf(extra.tokens, a.color) : null) ?? colourwayOf(title.tokens, name),
    titleNumbers: nonEmpty(titleNumbers(title.tokens)),
    generation: generationOf(title.tokens),
    nameWords: nonEmpty(nameWords(namedSize, typeof a.brand === 'string' ? a.brand : null)),
    ...sizes(sizeField(a.size) ?? titleSize?.size ?? null),
    tier: name ? tierOf(title.tokens, name) : null,
    cut: name ? cutOf(name) : null,
    claims: nonEmpty(claimsOf(name)),
    kind: name ? kindOf(name, title.measures) : null,
    condition: name ? conditionOf(name) : null,
    cameraPackage: name ? cameraPackageOf(name) : null,
    price: typeof a.price === 'number' ? a.price : null,
    category: typeof a.category === 'string' ? normalizeName(a.category) || null : null,
    sku,
  };
}

/**
 * The codes a description opens with where it opens by restating the product, its brand first ("Garmin
 * 010-10723-03 - Vehicle Suction Cup Mount", "Peerless SA750PU - Articulating Wall Arm for 32' to 50'
 * Screens"): those of the opening up to the first list separator or anything it fits. A description that
 * opens otherwise ("MFC-J5740 black ink cartridge, genuine Brother quality"), and everything after the
 * opening, names what the product fits or holds as often as the product.
 */
function openingCodes(description: unknown, brand: string | null): readonly string[] {
  if (typeof description !== 'string' || brand === null) return [];
  const opening = description.slice(0, 300).split(OPENING_END)[0];
  const fitted = FOR_A_DEVICE.exec(opening);
  const { tokens, modelCodes } = analyzeTitle(fitted ? opening.slice(0, fitted.index) : opening);
  return tokens[0] === brand.split(' ')[0] ? modelCodes : [];
}

// Where a description's opening phrase ends: a list separator ("Cuisinart Griddler - GR4/ Nonstick Grill/ …").
const OPENING_END = /\/\s|[,;(]|\.\s/;

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
  // Four digits alone ("… Zoom Lens - 2161", "… Grill Cover - 7550") are the maker's item number, as five or
  // more are to the title analysis; unless they read as a year ("… - 2009").
  if (/^\d{4}$/.test(segment)) return /^(?:19|20)\d\d$/.test(segment) ? null : segment;
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

// A size field that holds a measure ("512 GB", '55"', "1.5 L") is compared as that measure (it is read
// with the title's), not as a clothing size: "512 GB" and "512 Gigabyte" are one size.
function sizeField(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return Object.keys(analyzeTitle(value).measures).length > 0 ? null : normalizeSize(value);
}

// A TV listed as "216 cm" and another as '85"' name one diagonal: a length of half a metre or more, in a
// title without a screen size, is compared as one (in inches, to a tenth). Anything else that long (a sofa,
// a cable) is compared with its like only, and two lengths that differ are two products anyway.
function screenFromLength(lengthMm: number | undefined): number | null {
  return lengthMm !== undefined && lengthMm >= 500 && lengthMm <= 3300 ? Math.round((lengthMm / 25.4) * 10) / 10 : null;
}

function nonEmpty(values: readonly string[]): readonly string[] | null {
  return values.length > 0 ? values : null;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
