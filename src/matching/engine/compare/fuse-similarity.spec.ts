import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTitle } from '../normalize/product-title';
import { fuseSimilarity, rankWithFuse } from './fuse-similarity';

const word = fc.string({ unit: fc.constantFrom(...'abcde '), maxLength: 12 });
const longText = fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 30, maxLength: 80 });

describe(fuseSimilarity.name, () => {
  it('gives 1 to identical strings, case-insensitively', () => {
    expect(fuseSimilarity('Lovelace', 'Lovelace')).toBe(1);
    expect(fuseSimilarity('Lovelace', 'LOVELACE')).toBe(1);
  });

  it('scores a typo high, an unrelated string low, and an empty one 0', () => {
    expect(fuseSimilarity('lovelace', 'lovlace')).toBeCloseTo(0.875, 3); // one error in 8 characters
    expect(fuseSimilarity('lovelace', 'hopper')).toBeLessThan(0.5);
    expect(fuseSimilarity('abc', 'xyz')).toBe(0);
    expect(fuseSimilarity('', 'abc')).toBe(0);
    expect(fuseSimilarity('', '')).toBe(0);
  });

  it('scores a string found inside the other just below 1, in either order', () => {
    expect(fuseSimilarity('sony', 'sony bravia')).toBeCloseTo(0.999, 6);
    expect(fuseSimilarity('sony bravia', 'sony')).toBeCloseTo(0.999, 6);
  });

  it('is symmetric, bounded by [0, 1], and 1 for identical non-empty strings', () => {
    fc.assert(
      fc.property(fc.oneof(word, longText), fc.oneof(word, longText), (a, b) => {
        const score = fuseSimilarity(a, b);
        expect(fuseSimilarity(b, a)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        if (a !== '') expect(fuseSimilarity(a, a)).toBe(1);
      }),
    );
  });
});

describe(rankWithFuse.name, () => {
  const people = [
    { id: 1, attributes: { givenName: 'Ada', familyName: 'Lovelace', city: 'London' } },
    { id: 2, attributes: { givenName: 'Adam', familyName: 'Lovell', city: 'Leeds' } },
    { id: 3, attributes: { givenName: 'Grace', familyName: 'Hopper', city: 'New York' } },
    { id: 4, attributes: { givenName: 'Alan', familyName: 'Turing', city: 'London' } },
  ];
  const keys = ['attributes.givenName', 'attributes.familyName', 'attributes.city'];

  it('ranks the best match first, matching each query word against every key', () => {
    const ranked = rankWithFuse('lovlace london', people, keys, 10);
    expect(ranked[0].item.id).toBe(1);
    expect(ranked.map((r) => r.item.id)).not.toContain(3);
  });

  it('finds a typo and leaves out candidates matching no word', () => {
    expect(rankWithFuse('hoper', people, keys, 10).map((r) => r.item.id)).toEqual([3]);
  });

  it('returns at most limit results, best first, with similarities in [0, 1]', () => {
    const ranked = rankWithFuse('london', people, keys, 1);
    expect(ranked).toHaveLength(1);
    fc.assert(
      fc.property(fc.constantFrom('ada', 'lovelace', 'london', 'grace hopper', 'turing leeds', 'zzz'), fc.integer({ min: 1, max: 5 }), (query, limit) => {
        const results = rankWithFuse(query, people, keys, limit);
        expect(results.length).toBeLessThanOrEqual(limit);
        for (let i = 0; i < results.length; i++) {
          expect(results[i].similarity).toBeGreaterThanOrEqual(0);
          expect(results[i].similarity).toBeLessThanOrEqual(1);
          if (i > 0) expect(results[i].similarity).toBeLessThanOrEqual(results[i - 1].similarity);
        }
      }),
    );
  });

  it('puts the candidate holding every query word first, however common the words are among the candidates', () => {
    const smiths = [
      { id: 1, attributes: { givenName: 'Bob', familyName: 'Smith', city: 'San Francisco' } },
      { id: 2, attributes: { givenName: 'Robert', familyName: 'Smith', city: 'Boston' } },
      { id: 3, attributes: { givenName: 'Anna', familyName: 'Smith', city: 'San Francisco' } },
      { id: 4, attributes: { givenName: 'Roberta', familyName: 'Smithers', city: 'Denver' } },
    ];
    const ids = (query: string) => rankWithFuse(query, smiths, keys, 10).map((r) => r.item.id);
    expect(ids('Robert Smith')[0]).toBe(2);
    expect(rankWithFuse('Robert Smith', smiths, keys, 10)[0].similarity).toBe(1);
    expect(ids('Bob Smith')[0]).toBe(1);
    // a nickname is nearly the name: Robert Smith comes before Anna Smith for "Bob Smith"
    expect(ids('Bob Smith').indexOf(2)).toBeLessThan(ids('Bob Smith').indexOf(3));
    expect(ids('Bob Smith San Francisco')).toEqual([1, 3, 2, 4]);
    expect(ids('smith')).toEqual([1, 2, 3, 4]);
  });

  it('reads product words as the matcher does when told to: 1tb is 1000 GB, and 2 TB is another size', () => {
    const drives = [
      { id: 1, attributes: { name: 'Orbis SSD 2TB NVMe' } },
      { id: 2, attributes: { name: 'Orbis SSD 1000 GB NVMe' } },
    ];
    const ranked = rankWithFuse('orbis 1tb', drives, ['attributes.name'], 5, (text) => analyzeTitle(text).tokens);
    expect(ranked.map((r) => [r.item.id, r.similarity])).toEqual([
      [2, 1],
      [1, 0.5],
    ]);
  });

  it('returns nothing for an empty query, no candidates or no keys', () => {
    expect(rankWithFuse('  ', people, keys, 10)).toEqual([]);
    expect(rankWithFuse('ada', [], keys, 10)).toEqual([]);
    expect(rankWithFuse('ada', people, [], 10)).toEqual([]);
    expect(rankWithFuse('ada', people, keys, 0)).toEqual([]);
  });
});
