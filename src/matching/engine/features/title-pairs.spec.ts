import { describe, expect, it } from 'vitest';
import { analyzeTitle } from '../normalize/product-title';
import { titleWordPairs } from './title-pairs';

const pairs = (title: string, brand: string[] = []) => titleWordPairs(analyzeTitle(title).tokens, new Set(brand)) ?? [];
const shared = (a: readonly string[], b: readonly string[]) => a.filter((pair) => b.includes(pair));

describe('titleWordPairs', () => {
  it('pairs four distinctive words at most: six sorted pairs', () => {
    const keys = pairs('Patagonia Better Sweater Fleece Jacket Black', ['patagonia']);
    expect(keys).toHaveLength(6);
    for (const key of keys) {
      const [a, b] = key.split('|');
      expect(a < b).toBe(true);
    }
    expect(keys.some((key) => key.includes('patagonia'))).toBe(false);
  });

  it('gives one title written two ways, with or without its brand, shared pairs', () => {
    const erp = pairs('IPHONE 15 PRO MAX 512GB WHITE TITANIUM', ['apple']);
    const shop = pairs('iPhone 15 Pro Max 512G White Titanium');
    expect(shared(erp, shop).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a short model-like word ahead of long words: a camera body under a long title', () => {
    expect(shared(pairs('EOS R6 BODY', ['canon']), pairs('Mirrorless Camera Body EOS R6'))).toContain('body|r6');
  });

  it('does not depend on word order or case', () => {
    expect(pairs('Red Bull Energy Drink Sugarfree 355 ml')).toEqual(pairs('SUGARFREE 355ML ENERGY DRINK RED BULL'));
  });

  it('gives no pair for a title with one distinctive word or none', () => {
    expect(titleWordPairs(analyzeTitle('Pencil').tokens, new Set())).toBeNull();
    expect(titleWordPairs(analyzeTitle('A 4').tokens, new Set())).toBeNull();
  });
});
