// The public entity-resolution datasets of the quality benchmark: each read from ../shared/datasets
// (read-only), converted to a table the hub can import, with its ground truth. Conversion is about file
// formats only (trimming Febrl's padded cells, cleaning Abt prices, keeping the truth column out of the
// import); everything a matcher would do is left to the hub.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../../src/common/entity-type';
import { PACKAGE_ROOT } from '../../src/common/package-root';
import type { HardNegative, Task } from './metrics';
import { generateSyntheticCustomers, SYNTHETIC_SEED, truePairsOf } from './synthetic/customers';
import { generateSyntheticProducts } from './synthetic/products';

/** One source system's file, converted: the columns the mapping file expects, with the truth beside. */
export interface SourceTable {
  /** The source system code it is imported as. */
  readonly code: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per row, the value the mapping turns into sourceId. */
  readonly sourceIds: readonly string[];
  /** Per row, its ground-truth entity. */
  readonly entities: readonly string[];
}

export interface Dataset {
  readonly name: string;
  readonly task: Task;
  readonly entityType: EntityType;
  readonly sources: readonly SourceTable[];
  /** True pairs the datasets README states: the ground truth parsed here must give the same number. */
  readonly expectedTruePairs: number;
  /** What the conversion changed, for the report. */
  readonly notes: readonly string[];
  /** Pairs of distinct entities planted to look alike (synthetic data): the report counts those merged. */
  readonly hardNegatives?: readonly HardNegative[];
}

export interface DatasetSpec {
  readonly name: string;
  load(root: string): Dataset;
}

/** Where the datasets are: CANON_DATASETS_DIR, else ../shared/datasets beside the repository. */
export function datasetsRoot(): string {
  return process.env.CANON_DATASETS_DIR || join(PACKAGE_ROOT, '..', 'shared', 'datasets');
}

/** The mapping file (the `canon import --map` format) of a dataset. */
export function mappingPath(dataset: string): string {
  return join(PACKAGE_ROOT, 'bench', 'quality', 'mappings', `${dataset}.json`);
}

export const DATASETS: readonly DatasetSpec[] = [
  { name: 'febrl1', load: (root) => febrlDedup(root, 'febrl1', 'dataset1.csv', 500) },
  { name: 'febrl2', load: (root) => febrlDedup(root, 'febrl2', 'dataset2.csv', 1_934) },
  { name: 'febrl3', load: (root) => febrlDedup(root, 'febrl3', 'dataset3.csv', 6_538) },
  {
    name: 'febrl4',
    load: (root) => ({
      name: 'febrl4',
      task: 'link',
      entityType: 'customer',
      sources: [febrlTable(root, 'febrl4a', 'dataset4a.csv'), febrlTable(root, 'febrl4b', 'dataset4b.csv')],
      expectedTruePairs: 5_000,
      notes: [],
    }),
  },
  { name: 'fake1000', load: fake1000 },
  { name: 'abt-buy', load: abtBuy },
  { name: 'synthetic-customers', load: syntheticCustomers },
  { name: 'synthetic-products', load: syntheticProducts },
];

/**
 * Generated in memory from a fixed seed (no file): about 1,000 people of seven countries in four source
 * systems, with the related people a hub must keep apart. The truth is known by construction, so the
 * expected true pairs are counted from it rather than read from a README.
 */
/** The seed of the synthetic sets: fixed, so figures compare across runs; CANON_SYNTHETIC_SEED draws another sample. */
function syntheticSeed(): number {
  const seed = Number(process.env.CANON_SYNTHETIC_SEED ?? SYNTHETIC_SEED);
  if (!Number.isSafeInteger(seed)) throw new Error(`CANON_SYNTHETIC_SEED must be an integer, not "${process.env.CANON_SYNTHETIC_SEED}"`);
  return seed;
}

function syntheticCustomers(): Dataset {
  const seed = syntheticSeed();
  const generated = generateSyntheticCustomers(seed);
  const sources = generated.sources.map((s) => table(s.code, s.header, s.rows, [...s.sourceIds], [...s.entities]));
  return {
    name: 'synthetic-customers',
    task: 'dedup',
    entityType: 'customer',
    sources,
    expectedTruePairs: truePairsOf(generated.sources),
    notes: [`seed ${seed}: ${generated.people.length} people, ${generated.negatives.length} planted hard-negative pairs`],
    hardNegatives: generated.negatives,
  };
}

/**
 * Generated in memory from the same seed: variants of product models differing in storage, colour, size
 * or pack, listed by four retailers. Dedup, not link: a marketplace lists some products twice.
 */
function syntheticProducts(): Dataset {
  const seed = syntheticSeed();
  const generated = generateSyntheticProducts(seed);
  return {
    name: 'synthetic-products',
    task: 'dedup',
    entityType: 'product',
    sources: generated.sources.map((s) => table(s.code, s.header, s.rows, [...s.sourceIds], [...s.entities])),
    expectedTruePairs: truePairsOf(generated.sources),
    notes: [`seed ${seed}: ${generated.variants.length} product variants, ${generated.negatives.length} planted hard-negative pairs (variants of one model differing in one attribute)`],
    hardNegatives: generated.negatives,
  };
}

function febrlDedup(root: string, name: string, file: string, expectedTruePairs: number): Dataset {
  return { name, task: 'dedup', entityType: 'customer', sources: [febrlTable(root, name, file)], expectedTruePairs, notes: [] };
}

/**
 * Febrl: every cell after a comma has a leading space (trimmed here), an empty cell is missing (the hub
 * drops empty cells). rec-<n>-org and rec-<n>-dup-<k> are the same person, so <n> is the entity.
 */
function febrlTable(root: string, code: string, file: string): SourceTable {
  const { header, rows } = readTable(join(root, 'febrl', file), { delimiter: ',', quote: false, trim: true });
  const id = column(header, 'rec_id', file);
  const entities = rows.map((row) => {
    const match = /^(rec-\d+)-(?:org|dup-\d+)$/.exec(row[id]);
    if (!match) throw new Error(`${file}: rec_id "${row[id]}" is not rec-<n>-org or rec-<n>-dup-<k>`);
    return match[1];
  });
  return table(code, header, rows, rows.map((row) => row[id]), entities);
}

/** Splink fake_1000: `cluster` is the truth, so it is taken out of the file the hub sees. */
function fake1000(root: string): Dataset {
  const file = join(root, 'splink-fake1000', 'fake_1000.csv');
  const { header, rows } = readTable(file, { delimiter: ',', quote: true, trim: false });
  const cluster = column(header, 'cluster', file);
  const id = column(header, 'unique_id', file);
  const keep = header.map((_, i) => i).filter((i) => i !== cluster);
  return {
    name: 'fake1000',
    task: 'dedup',
    entityType: 'customer',
    sources: [
      table(
        'fake1000',
        keep.map((i) => header[i]),
        rows.map((row) => keep.map((i) => row[i])),
        rows.map((row) => row[id]),
        rows.map((row) => `cluster-${row[cluster]}`),
      ),
    ],
    expectedTruePairs: 2_031,
    notes: [],
  };
}

/**
 * Abt-Buy: pipe-separated without quoting. gt.csv lists (abt id, buy id) pairs, each record in at most
 * one pair, so a pair is an entity and every other record is an entity of its own.
 */
function abtBuy(root: string): Dataset {
  const dir = join(root, 'abt-buy');
  const abt = readTable(join(dir, 'abt.csv'), { delimiter: '|', quote: false, trim: false });
  const buy = readTable(join(dir, 'buy.csv'), { delimiter: '|', quote: false, trim: false });
  const gt = readTable(join(dir, 'gt.csv'), { delimiter: '|', quote: false, trim: true });
  const abtEntity = new Map<string, string>();
  const buyEntity = new Map<string, string>();
  gt.rows.forEach(([abtId, buyId], i) => {
    if (abtEntity.has(abtId) || buyEntity.has(buyId)) throw new Error(`gt.csv: pair ${abtId}|${buyId} repeats a record; expected 1-to-1`);
    abtEntity.set(abtId, `pair-${i}`);
    buyEntity.set(buyId, `pair-${i}`);
  });
  const notes: string[] = [];
  const source = (code: string, data: { header: string[]; rows: string[][] }, truth: Map<string, string>): SourceTable => {
    const id = column(data.header, 'id', code);
    const price = column(data.header, 'price', code);
    let dropped = 0;
    const rows = data.rows.map((row) => {
      const cleaned = cleanPrice(row[price]);
      if (cleaned === '' && row[price].trim() !== '') dropped++;
      return row.map((cell, i) => (i === price ? cleaned : cell));
    });
    const ids = new Set(data.rows.map((row) => row[id]));
    const unknown = [...truth.keys()].filter((key) => !ids.has(key));
    if (unknown.length > 0) throw new Error(`gt.csv names ${code} ids that ${code}.csv lacks: ${unknown.slice(0, 5).join(', ')}`);
    if (dropped > 0) notes.push(`${code}: ${dropped} unparsable prices dropped`);
    return table(code, data.header, rows, rows.map((row) => row[id]), rows.map((row) => truth.get(row[id]) ?? `${code}-${row[id]}`));
  };
  return {
    name: 'abt-buy',
    task: 'link',
    entityType: 'product',
    sources: [source('abt', abt, abtEntity), source('buy', buy, buyEntity)],
    expectedTruePairs: 1_076,
    notes,
  };
}

/** '$1,299.00' → '1299.00'; anything that is not a plain non-negative number after that → '' (missing). */
export function cleanPrice(raw: string): string {
  const value = raw.replace(/[$,\s]/g, '');
  return /^\d+(?:\.\d+)?$/.test(value) ? value : '';
}

function table(code: string, header: readonly string[], rows: readonly (readonly string[])[], sourceIds: string[], entities: string[]): SourceTable {
  const seen = new Set<string>();
  for (const id of sourceIds) {
    // A repeated id would be imported as an update of the first record and vanish from the figures.
    if (id === '' || seen.has(id)) throw new Error(`${code}: source id "${id}" is empty or repeated`);
    seen.add(id);
  }
  return { code, header, rows, sourceIds, entities };
}

function readTable(path: string, options: { delimiter: string; quote: boolean; trim: boolean }): { header: string[]; rows: string[][] } {
  // csv-parse throws on a row whose column count differs from the header's, so a malformed line is loud.
  const records = parse(readFileSync(path, 'utf8'), {
    delimiter: options.delimiter,
    quote: options.quote ? '"' : false,
    trim: options.trim,
    skip_empty_lines: true,
  }) as string[][];
  const [header, ...rows] = records;
  return { header: header.map((name) => name.trim()), rows };
}

function column(header: readonly string[], name: string, file: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`${file}: no column "${name}" (columns: ${header.join(', ')})`);
  return index;
}
