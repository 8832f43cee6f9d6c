import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, mappingPath } from '../bench/quality/datasets';
import { generateSyntheticCustomers, SYNTHETIC_SEED, truePairsOf } from '../bench/quality/synthetic/customers';
import { generateSyntheticProducts } from '../bench/quality/synthetic/products';
import { PACKAGE_ROOT } from '../src/common/package-root';
import { ContractRegistry } from '../src/contracts/contract-registry';
import { applyMapping, loadMapping } from '../src/contracts/record-mapping';

const generated = generateSyntheticCustomers(SYNTHETIC_SEED);

describe('synthetic-customers generator', () => {
  it('gives the same data for the same seed and other data for another seed', () => {
    expect(generateSyntheticCustomers(SYNTHETIC_SEED)).toEqual(generated);
    const other = generateSyntheticCustomers(SYNTHETIC_SEED + 1);
    expect(other.sources[0].rows).not.toEqual(generated.sources[0].rows);
  });

  it('has about 1,000 people in about 3,000 records across four systems, with unique ids per system', () => {
    expect(generated.people).toHaveLength(1_000);
    const records = generated.sources.reduce((sum, s) => sum + s.rows.length, 0);
    expect(records).toBeGreaterThan(2_500);
    expect(records).toBeLessThan(3_500);
    for (const source of generated.sources) {
      expect(new Set(source.sourceIds).size).toBe(source.sourceIds.length);
      expect(source.rows.map((row) => row[0])).toEqual(source.sourceIds);
    }
  });

  it('plants every kind of hard negative between two distinct people who both have records', () => {
    const withRecords = new Set(generated.sources.flatMap((s) => s.entities));
    const kinds = new Set(generated.negatives.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['junior/senior', 'namesakes', 'siblings', 'spouses', 'twins']);
    for (const { entities } of generated.negatives) {
      expect(entities[0]).not.toBe(entities[1]);
      expect(withRecords.has(entities[0]) && withRecords.has(entities[1])).toBe(true);
    }
    const byId = new Map(generated.people.map((p) => [p.id, p]));
    for (const { kind, entities } of generated.negatives) {
      const [a, b] = entities.map((id) => byId.get(id)!);
      if (kind === 'twins') expect([a.family, a.birth, a.addresses]).toEqual([b.family, b.birth, b.addresses]);
      if (kind === 'namesakes' || kind === 'junior/senior') expect([a.given, a.family]).toEqual([b.given, b.family]);
      if (kind === 'junior/senior') expect(Math.abs(a.birth.year - b.birth.year)).toBeGreaterThanOrEqual(20);
      if (kind === 'spouses') expect(a.addresses).toEqual(b.addresses);
    }
  });

  it('passes the customer contract through its mapping file, every record of it', () => {
    const mapping = loadMapping(mappingPath('synthetic-customers'));
    const validator = new ContractRegistry().validator('customer', { coerce: true });
    const failures: string[] = [];
    for (const source of generated.sources) {
      for (const row of source.rows) {
        // As the importer reads a CSV row: empty cells are missing values.
        const cells = Object.fromEntries(source.header.map((column, i) => [column, row[i]]).filter(([, value]) => value !== ''));
        const result = validator.validate(applyMapping(cells, mapping));
        if (!result.ok) failures.push(`${source.code} ${row.join('|')}: ${JSON.stringify(result.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('is registered in bench:quality with its true pairs counted from the truth', () => {
    const dataset = DATASETS.find((d) => d.name === 'synthetic-customers')!.load(join(PACKAGE_ROOT, 'nowhere'));
    expect(dataset.task).toBe('dedup');
    expect(dataset.expectedTruePairs).toBe(truePairsOf(generated.sources));
    // A person with n records gives n(n−1)/2 pairs: 1 + 2 + 1 records → 0 + 1 + 0.
    expect(truePairsOf([{ code: 'a', header: [], rows: [], sourceIds: [], entities: ['p', 'q', 'q', 'r'] }])).toBe(1);
    expect(dataset.hardNegatives).toHaveLength(generated.negatives.length);
  });
});

describe('synthetic-products generator', () => {
  const products = generateSyntheticProducts(SYNTHETIC_SEED);

  it('gives the same catalogue and listings for the same seed', () => {
    expect(generateSyntheticProducts(SYNTHETIC_SEED)).toEqual(products);
  });

  it('gives each variant its own GTIN and plants only variants of one model differing in one attribute', () => {
    const gtins = products.variants.map((v) => v.gtin).filter((g) => g !== null);
    expect(new Set(gtins).size).toBe(gtins.length);
    const byId = new Map(products.variants.map((v) => [v.id, v]));
    for (const { kind, entities } of products.negatives) {
      const [a, b] = entities.map((id) => byId.get(id)!);
      expect(a.model).toBe(b.model);
      expect(a.values[kind]).not.toBe(b.values[kind]);
      expect({ ...a.values, [kind]: null }).toEqual({ ...b.values, [kind]: null });
    }
    expect(new Set(products.negatives.map((n) => n.kind))).toEqual(new Set(['storage', 'colour', 'size', 'pack']));
  });

  it('passes the product contract through its mapping file, every record of it', () => {
    const mapping = loadMapping(mappingPath('synthetic-products'));
    const validator = new ContractRegistry().validator('product', { coerce: true });
    const failures: string[] = [];
    for (const source of products.sources) {
      for (const row of source.rows) {
        const cells = Object.fromEntries(source.header.map((column, i) => [column, row[i]]).filter(([, value]) => value !== ''));
        const result = validator.validate(applyMapping(cells, mapping));
        if (!result.ok) failures.push(`${source.code} ${row.join('|')}: ${JSON.stringify(result.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
