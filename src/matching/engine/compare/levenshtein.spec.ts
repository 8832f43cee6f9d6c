import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOneTypo, levenshteinDistance, levenshteinSimilarity } from './levenshtein';

const anyText = fc.oneof(fc.string({ unit: fc.constantFrom(...'abcd'), maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 }));

describe(levenshteinDistance.name, () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('counts %s → %s as %i edits', (a, b, edits) => {
    expect(levenshteinDistance(a, b)).toBe(edits);
  });

  it('is a metric bounded by the longer length', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (a, b, c) => {
        const d = levenshteinDistance(a, b);
        expect(levenshteinDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(levenshteinDistance(a, c) + levenshteinDistance(c, b));
      }),
    );
  });
});

describe(levenshteinSimilarity.name, () => {
  it.each([
    ['kitten', 'sitting', 1 - 3 / 7],
    ['smith', 'smyth', 0.8],
    ['abc', 'xyz', 0],
    ['abc', '', 0],
    ['', '', 0], // empty is missing, not agreement
  ])('scores %j and %j %f', (a, b, expected) => {
    expect(levenshteinSimilarity(a, b)).toBeCloseTo(expected, 12);
  });

  it('is symmetric, bounded by [0, 1], and 1 exactly for identical non-empty strings', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const score = levenshteinSimilarity(a, b);
        expect(levenshteinSimilarity(b, a)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score === 1).toBe(a === b && a !== '');
      }),
    );
  });
});

describe(isOneTypo.name, () => {
  it.each([
    ['jon', 'john', true],
    ['kristen', 'kirsten', true],
    ['marc', 'mark', true],
    ['sarah', 'sara', true],
    ['michael', 'michelle', false],
    ['peter', 'petra', false],
    ['anna', 'anna', false],
    ['ab', 'ba', true],
    ['abc', 'cab', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(isOneTypo(a, b)).toBe(expected);
    expect(isOneTypo(b, a)).toBe(expected);
  });

  it('agrees with the edit distance for insertions, deletions and substitutions', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        if (a === b) return;
        const d = levenshteinDistance(a, b);
        if (d === 1) expect(isOneTypo(a, b)).toBe(true);
        if (d > 2) expect(isOneTypo(a, b)).toBe(false);
      }),
    );
  });
});
