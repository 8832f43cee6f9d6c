import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRulesFile } from '../../match-rules.loader';
import { createEngines } from '../entities';
import type { Attributes } from '../types';

const rules = loadRulesFile(join(DEFAULT_RULES_DIR, 'product.rules.json'), 'product');
const engine = createEngines({ customer: loadRulesFile(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'customer'), product: rules }).product;

function keysOf(record: Attributes): string[] {
  const { cleansed, errors } = engine.normalize(record);
  expect(errors).toEqual([]);
  return engine.blockingKeys(engine.features(cleansed!));
}

function sharedKeys(a: Attributes, b: Attributes): string[] {
  const keys = new Set(keysOf(a));
  return keysOf(b).filter((key) => keys.has(key));
}

describe('product blocking without a usable brand', () => {
  it('blocks a company name with its brand: the brand-token keys agree', () => {
    const shared = sharedKeys({ brand: 'Apple', name: 'iPhone 14 Plus 512GB Purple' }, { brand: 'Apple Inc.', name: 'iPhone 14 Plus (Apple Inc.) 512 Gigabyte, Puple' });
    expect(shared.filter((key) => key.startsWith('brand-token:apple|'))).not.toEqual([]);
  });

  it('blocks a record without a brand with one that has it, on two title words', () => {
    expect(sharedKeys({ name: 'Red Bull Energy Drink Sugarfree 355 ml' }, { brand: 'Red Bull', name: 'Red Bull Energy Drink Sugarfree 355 ml' })).not.toEqual([]);
    expect(sharedKeys({ brand: 'Apple', name: 'IPHONE 15 PRO MAX 512GB WHITE TITANIUM' }, { name: 'Fast Shipping Apple iPhone 15 Pro Max 512G White Titanium' })).not.toEqual([]);
    expect(sharedKeys({ brand: 'P&G', name: 'Top Seller Pampers Baby-Dry Nappies 52 pcs Size 4' }, { brand: 'Procter & Gamble', name: 'Baby-Dry Nappies Size 4 52 pcs' })).not.toEqual([]);
  });

  it('gives products that share no two distinctive words no key', () => {
    expect(sharedKeys({ name: 'Red Bull Energy Drink Sugarfree 355 ml' }, { name: 'Monster Energy Ultra White 500 ml' })).toEqual([]);
  });

  it('holds the title-pair key to a lower limit than the selective keys', () => {
    const titlePair = keysOf({ name: 'Red Bull Energy Drink Sugarfree 355 ml' }).find((key) => key.startsWith('title-pair:'))!;
    expect(engine.maxFrequencyOf(titlePair)).toBeLessThan(engine.maxFrequencyOf('gtin:04006381333931'));
  });
});
