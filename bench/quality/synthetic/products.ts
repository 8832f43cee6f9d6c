// The synthetic-products dataset of bench:quality: a catalogue of product models sold in variants that
// differ in one thing only (storage, colour, size, pack), each variant listed by up to four retailers who
// word titles their own way, translate colours, drop or mangle the GTIN and price differently. Every pair
// of variants of one model differing in a single attribute is a planted hard negative: a different
// product to the customer and to the warehouse. Built from how retail feeds look, not from any matcher.
import { pick, seededRandom } from '../../support/random';
import { randomBetween } from './countries';
import { shuffle } from './people';
import type { SyntheticTable } from './customers';
import type { HardNegative } from '../metrics';

type Random = () => number;
export type VariantAxis = 'storage' | 'colour' | 'size' | 'pack';

interface Model {
  readonly brand: string;
  readonly line: string;
  readonly category: string;
  /** Manufacturer GTIN prefix (company prefix of the GS1 country it registered in). */
  readonly gtinPrefix: string;
  readonly basePrice: number;
  readonly axes: Partial<Record<VariantAxis, readonly string[]>>;
  /** Keywords a marketplace seller stuffs into a title. */
  readonly keywords: readonly string[];
}

const MODELS: readonly Model[] = [
  { brand: 'Apple', line: 'iPhone 15', category: 'Smartphones', gtinPrefix: '0194253', basePrice: 899, axes: { storage: ['128GB', '256GB', '512GB'], colour: ['Black', 'Blue', 'Green', 'Yellow', 'Pink'] }, keywords: ['Smartphone', '5G', '6.1 inch', 'Dual SIM'] },
  { brand: 'Apple', line: 'iPhone 15 Pro', category: 'Smartphones', gtinPrefix: '0194253', basePrice: 1199, axes: { storage: ['128GB', '256GB', '512GB', '1TB'], colour: ['Natural Titanium', 'Blue Titanium', 'White Titanium', 'Black Titanium'] }, keywords: ['Smartphone', '5G', 'A17 Pro'] },
  { brand: 'Samsung', line: 'Galaxy S24', category: 'Smartphones', gtinPrefix: '8806095', basePrice: 799, axes: { storage: ['128GB', '256GB', '512GB'], colour: ['Onyx Black', 'Marble Grey', 'Cobalt Violet', 'Amber Yellow'] }, keywords: ['Android', '5G', 'Dual SIM', 'AI'] },
  { brand: 'Google', line: 'Pixel 8', category: 'Smartphones', gtinPrefix: '0840244', basePrice: 699, axes: { storage: ['128GB', '256GB'], colour: ['Obsidian', 'Hazel', 'Rose'] }, keywords: ['Android', '5G', 'Unlocked'] },
  { brand: 'Xiaomi', line: 'Redmi Note 13', category: 'Smartphones', gtinPrefix: '6941812', basePrice: 229, axes: { storage: ['128GB', '256GB'], colour: ['Midnight Black', 'Ocean Teal', 'Ice Blue'] }, keywords: ['Smartphone', '108MP', 'AMOLED'] },
  { brand: 'Sony', line: 'WH-1000XM5', category: 'Headphones', gtinPrefix: '4548736', basePrice: 379, axes: { colour: ['Black', 'Silver', 'Midnight Blue'] }, keywords: ['Noise Cancelling', 'Wireless', 'Bluetooth'] },
  { brand: 'Bose', line: 'QuietComfort Ultra Headphones', category: 'Headphones', gtinPrefix: '0017817', basePrice: 449, axes: { colour: ['Black', 'White Smoke'] }, keywords: ['Noise Cancelling', 'Over-Ear'] },
  { brand: 'Samsung', line: 'QLED Q80C', category: 'Televisions', gtinPrefix: '8806094', basePrice: 999, axes: { size: ['50"', '55"', '65"', '75"'] }, keywords: ['4K', 'Smart TV', 'HDR'] },
  { brand: 'LG', line: 'OLED evo C3', category: 'Televisions', gtinPrefix: '8806084', basePrice: 1499, axes: { size: ['42"', '48"', '55"', '65"', '77"'] }, keywords: ['4K', 'OLED', 'Smart TV', 'webOS'] },
  { brand: 'SanDisk', line: 'Extreme microSDXC UHS-I', category: 'Memory cards', gtinPrefix: '0619659', basePrice: 19, axes: { storage: ['64GB', '128GB', '256GB', '512GB', '1TB'] }, keywords: ['A2', 'V30', 'U3', '190MB/s'] },
  { brand: 'Samsung', line: 'EVO Plus microSDXC', category: 'Memory cards', gtinPrefix: '8806092', basePrice: 15, axes: { storage: ['128GB', '256GB', '512GB'] }, keywords: ['U3', 'with adapter'] },
  { brand: 'Duracell', line: 'Plus AA Alkaline Batteries', category: 'Batteries', gtinPrefix: '5000394', basePrice: 5, axes: { pack: ['4', '8', '12', '20'] }, keywords: ['LR6', 'MN1500', '1.5V'] },
  { brand: 'Energizer', line: 'Max AAA Batteries', category: 'Batteries', gtinPrefix: '7638900', basePrice: 4, axes: { pack: ['4', '8', '12'] }, keywords: ['LR03', '1.5V'] },
  { brand: "L'OR", line: 'Espresso Forza Capsules', category: 'Coffee', gtinPrefix: '8711000', basePrice: 3, axes: { pack: ['10', '20', '40', '100'] }, keywords: ['Nespresso compatible', 'Intensity 9'] },
  { brand: 'Lavazza', line: 'Qualità Oro Coffee Beans', category: 'Coffee', gtinPrefix: '8000070', basePrice: 8, axes: { size: ['250 g', '500 g', '1 kg'] }, keywords: ['Arabica', 'Whole Beans'] },
  { brand: 'Ariel', line: 'All-in-1 PODS Washing Capsules', category: 'Laundry', gtinPrefix: '8006540', basePrice: 9, axes: { pack: ['24', '36', '52'] }, keywords: ['Original', 'Laundry'] },
  { brand: 'adidas', line: 'Samba OG', category: 'Shoes', gtinPrefix: '4066759', basePrice: 110, axes: { size: ['40', '41', '42', '43', '44'], colour: ['Cloud White / Core Black', 'Core Black / Cloud White'] }, keywords: ['Sneaker', 'Unisex', 'Leather'] },
  { brand: 'Nike', line: "Air Force 1 '07", category: 'Shoes', gtinPrefix: '0196153', basePrice: 119, axes: { size: ['41', '42', '43', '44', '45'], colour: ['White', 'Black'] }, keywords: ['Sneaker', 'Men'] },
  { brand: "Levi's", line: 'Housemark Tee', category: 'Clothing', gtinPrefix: '5400599', basePrice: 25, axes: { size: ['S', 'M', 'L', 'XL'], colour: ['White', 'Black', 'Navy'] }, keywords: ['T-Shirt', 'Cotton', 'Crew Neck'] },
  { brand: 'Bosch Professional', line: 'GSR 18V-55 Cordless Drill', category: 'Tools', gtinPrefix: '4059952', basePrice: 129, axes: { pack: ['solo', '2 x 2.0Ah', '2 x 4.0Ah'] }, keywords: ['18V', 'brushless', 'L-BOXX'] },
  { brand: 'HP', line: '305 Ink Cartridge', category: 'Printer ink', gtinPrefix: '0193905', basePrice: 12, axes: { colour: ['Black', 'Tri-color'], size: ['Standard', 'XL'] }, keywords: ['Original', 'DeskJet'] },
  { brand: 'Philips', line: 'Sonicare ProtectiveClean 4300', category: 'Personal care', gtinPrefix: '8710103', basePrice: 59, axes: { colour: ['White', 'Black', 'Pastel Pink'] }, keywords: ['Electric Toothbrush', 'Rechargeable'] },
];

/** Colour words as a German shop writes them. */
const GERMAN: Readonly<Record<string, string>> = { Black: 'Schwarz', Blue: 'Blau', Green: 'Grün', Yellow: 'Gelb', Pink: 'Rosé', Silver: 'Silber', White: 'Weiß', 'Midnight Blue': 'Mitternachtsblau', Navy: 'Marineblau', 'Tri-color': 'Dreifarbig', 'Pastel Pink': 'Pastellrosa', Rose: 'Rosé', 'Marble Grey': 'Marmorgrau' };
const SHORT: Readonly<Record<string, string>> = { Black: 'BLK', Blue: 'BLU', Green: 'GRN', Yellow: 'YEL', Pink: 'PNK', Silver: 'SLV', White: 'WHT', Navy: 'NVY' };

interface Variant {
  readonly id: string;
  readonly model: Model;
  readonly values: Partial<Record<VariantAxis, string>>;
  readonly gtin: string | null;
  readonly code: string;
  readonly price: number;
}

export interface ProductNegative extends HardNegative {
  readonly kind: VariantAxis;
}

export interface SyntheticProducts {
  readonly variants: readonly Variant[];
  readonly sources: readonly SyntheticTable[];
  readonly negatives: readonly ProductNegative[];
}

export const PRODUCT_HEADER = ['id', 'ean', 'sku', 'brand', 'title', 'category', 'price', 'currency', 'colour', 'size'] as const;

export function generateSyntheticProducts(seed: number): SyntheticProducts {
  const random = seededRandom(seed);
  const variants: Variant[] = [];
  const negatives: ProductNegative[] = [];
  const issued = new Set<string>();
  for (const model of MODELS) {
    const mine = variantsOf(random, model, variants.length, issued);
    for (let a = 0; a < mine.length; a++) {
      for (let b = a + 1; b < mine.length; b++) {
        const differing = (Object.keys(model.axes) as VariantAxis[]).filter((axis) => mine[a].values[axis] !== mine[b].values[axis]);
        // Only variants that differ in one attribute: the pairs a matcher reading titles can confuse.
        if (differing.length === 1) negatives.push({ kind: differing[0], entities: [mine[a].id, mine[b].id] });
      }
    }
    variants.push(...mine);
  }
  const listings = new Map(RETAILERS.map((r) => [r.code, [] as Variant[]]));
  for (const variant of variants) {
    for (const retailer of shuffle(random, RETAILERS).slice(0, retailerCount(random()))) listings.get(retailer.code)!.push(variant);
    // Two marketplace sellers offering the same product: a listing each.
    if (random() < 0.08) listings.get('marketplace')!.push(variant);
  }
  const sources = RETAILERS.map((retailer) => {
    const rows = shuffle(random, listings.get(retailer.code)!).map((variant, n) => ({ variant, row: retailer.render(random, variant, `${retailer.code.slice(0, 2).toUpperCase()}${100_000 + n * 17}`) }));
    return { code: retailer.code, header: [...PRODUCT_HEADER], rows: rows.map((r) => r.row), sourceIds: rows.map((r) => r.row[0]), entities: rows.map((r) => r.variant.id) };
  });
  return { variants, sources, negatives };
}

/** How many of the four retailers list a variant, by weight: most list it at two or three. */
const RETAILERS_PER_VARIANT = [0.15, 0.35, 0.3, 0.2];

function retailerCount(draw: number): number {
  let at = draw;
  for (let i = 0; i < RETAILERS_PER_VARIANT.length; i++) if ((at -= RETAILERS_PER_VARIANT[i]) < 0) return i + 1;
  return RETAILERS_PER_VARIANT.length;
}

/** A GTIN names one trade item: never two variants (`issued` holds those of this catalogue). */
function newGtin(random: Random, prefix: string, issued: Set<string>): string {
  let gtin: string;
  do gtin = ean13(prefix + String(randomBetween(random, 10_000, 99_999)));
  while (issued.has(gtin));
  issued.add(gtin);
  return gtin;
}

function variantsOf(random: Random, model: Model, offset: number, issued: Set<string>): Variant[] {
  const axes = Object.entries(model.axes) as [VariantAxis, readonly string[]][];
  let combos: Partial<Record<VariantAxis, string>>[] = [{}];
  for (const [axis, values] of axes) combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [axis]: value })));
  // A shop range carries some combinations, not all of them.
  const kept = combos.length > 6 ? shuffle(random, combos).slice(0, randomBetween(random, 6, Math.min(12, combos.length))) : combos;
  return kept.map((values, i) => {
    // More storage or a bigger screen costs more, a pack of n about n units' worth; a colour costs nothing.
    const factor = axes.reduce((product, [axis, list]) => {
      const value = values[axis]!;
      if (axis === 'colour') return product;
      if (axis === 'pack' && /^\d+$/.test(value)) return product * (Number(value) / Number(list[0])) ** 0.9;
      return product * (1 + 0.2 * list.indexOf(value));
    }, 1);
    return {
      id: `variant-${String(offset + i + 1).padStart(4, '0')}`,
      model,
      values,
      gtin: random() < 0.92 ? newGtin(random, model.gtinPrefix, issued) : null,
      code: `${model.brand.slice(0, 2).toUpperCase()}${randomBetween(random, 1000, 9999)}${String.fromCharCode(65 + Math.floor(random() * 26))}${String.fromCharCode(65 + Math.floor(random() * 26))}/${pick(random, ['A', 'B', 'EU'])}`,
      price: Math.round(model.basePrice * factor * 100) / 100,
    };
  });
}

/** The GS1 check digit appended to 12 digits. */
export function ean13(twelve: string): string {
  const digits = twelve.padStart(12, '0').slice(0, 12);
  const sum = [...digits].reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + String((10 - (sum % 10)) % 10);
}

interface Retailer {
  readonly code: string;
  render(random: Random, variant: Variant, sourceId: string): string[];
}

const storage = (value: string, spaced: boolean) => (spaced ? value.replace(/(\d)(GB|TB)/, '$1 $2') : value);
const packWords = (pack: string, style: 'de' | 'en' | 'x') => (/^\d+$/.test(pack) ? (style === 'de' ? `${pack}er-Pack` : style === 'en' ? `Pack of ${pack}` : `x${pack}`) : pack);
const sizeWords = (size: string, style: 'de' | 'en') => (size.endsWith('"') ? (style === 'de' ? `${size.slice(0, -1)} Zoll` : `${size.slice(0, -1)}-inch`) : /^\d\d$/.test(size) ? `EU ${size}` : size);
const price = (random: Random, base: number, factor: number) => (Math.round(base * factor * (0.92 + random() * 0.16) * 100) / 100).toFixed(2);

const RETAILERS: readonly Retailer[] = [
  {
    // A German electronics chain: brand first, German colours, structured colour and size.
    code: 'elektro',
    render(random, v, id) {
      const colour = v.values.colour ? (GERMAN[v.values.colour] ?? v.values.colour) : '';
      const size = v.values.size ? sizeWords(v.values.size, 'de') : '';
      const title = [v.model.brand, v.model.line, v.values.storage ? storage(v.values.storage, true) : '', size, v.values.pack ? packWords(v.values.pack, 'de') : '', colour].filter(Boolean).join(' ');
      return [id, random() < 0.97 ? (v.gtin ?? '') : '', `${randomBetween(random, 1_000_000, 9_999_999)}`, v.model.brand, title, v.model.category, price(random, v.price, 1), 'EUR', colour, v.values.storage ?? v.values.size ?? ''];
    },
  },
  {
    // A marketplace: the seller's own title, keywords, a GTIN when the seller bothered.
    code: 'marketplace',
    render(random, v, id) {
      const parts = [random() < 0.7 ? v.model.brand : '', v.model.line, v.values.storage ? `(${storage(v.values.storage, random() < 0.5)})` : '', v.values.size ? sizeWords(v.values.size, 'en') : '', v.values.pack ? packWords(v.values.pack, random() < 0.5 ? 'en' : 'x') : '', v.values.colour ? `- ${v.values.colour}` : ''];
      const title = `${parts.filter(Boolean).join(' ')}, ${shuffle(random, v.model.keywords).slice(0, 2).join(', ')}`;
      return [id, random() < 0.6 ? (v.gtin ?? '') : '', random() < 0.5 ? v.code : '', random() < 0.8 ? v.model.brand : '', title, '', price(random, v.price, 0.95), 'EUR', random() < 0.5 ? (v.values.colour ?? '') : '', ''];
    },
  },
  {
    // A distributor's price list: manufacturer code as SKU, terse capitals, net prices, GTIN as a number.
    code: 'wholesale',
    render(random, v, id) {
      const colour = v.values.colour ? (SHORT[v.values.colour] ?? v.values.colour) : '';
      const title = [v.model.brand, v.model.line, v.values.storage ?? '', v.values.size ?? '', v.values.pack ? `${v.values.pack}PK` : '', colour].filter(Boolean).join(' ').toUpperCase();
      const gtin = v.gtin && random() < 0.9 ? v.gtin.replace(/^0+/, '') : '';
      return [id, gtin, v.code, v.model.brand.toUpperCase(), title, v.model.category.toUpperCase(), price(random, v.price, 1 / 1.19 * 0.8), 'EUR', '', ''];
    },
  },
  {
    // A US comparison feed: "Brand - Model - Colour", UPC written without the EAN's leading zero.
    code: 'pricefeed',
    render(random, v, id) {
      const title = [v.model.brand, '-', v.model.line, v.values.storage ? storage(v.values.storage, false) : '', v.values.size ? sizeWords(v.values.size, 'en') : '', v.values.pack ? (/^\d+$/.test(v.values.pack) ? `${v.values.pack}-Pack` : v.values.pack) : '', v.values.colour ? `- ${v.values.colour}` : ''].filter(Boolean).join(' ');
      const gtin = v.gtin && random() < 0.8 ? (v.gtin.startsWith('0') ? v.gtin.slice(1) : v.gtin) : '';
      return [id, gtin, '', v.model.brand, title, v.model.category, price(random, v.price, 1.08), 'USD', v.values.colour ?? '', v.values.storage ?? v.values.size ?? ''];
    },
  },
];
