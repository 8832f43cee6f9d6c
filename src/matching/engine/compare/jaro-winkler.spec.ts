import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler';

/** Textbook Jaro, allocating freely, with transpositions halved and floored as in Winkler's strcmp95. */
function referenceJaro(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA: boolean[] = Array(a.length).fill(false);
  const matchedB: boolean[] = Array(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (!matchedB[j] && a[i] === b[j]) {
        matchedA[i] = matchedB[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  const inA = [...a].filter((_, i) => matchedA[i]);
  const inB = [...b].filter((_, j) => matchedB[j]);
  const transpositions = Math.floor(inA.filter((ch, k) => ch !== inB[k]).length / 2);
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}

const word = fc.string({ unit: fc.constantFrom(...'abcdeé'), maxLength: 12 });
const anyText = fc.oneof(word, fc.string({ unit: 'binary', maxLength: 25 }));

describe(jaro.name, () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.944],
    ['DWAYNE', 'DUANE', 0.822],
    ['DIXON', 'DICKSONX', 0.767],
    ['CRATE', 'TRACE', 0.733],
    ['JELLYFISH', 'SMELLYFISH', 0.896],
  ])('scores %s and %s %f', (a, b, expected) => {
    expect(jaro(a, b)).toBeCloseTo(expected, 3);
  });

  it('gives 0 when nothing matches or either string is empty', () => {
    expect(jaro('abc', 'xyz')).toBe(0);
    expect(jaro('', 'abc')).toBe(0);
    expect(jaro('', '')).toBe(0);
  });

  it('matches the textbook definition', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const [first, second] = a.length < b.length || (a.length === b.length && a <= b) ? [a, b] : [b, a];
        expect(jaro(a, b)).toBeCloseTo(referenceJaro(first, second), 12);
      }),
    );
  });

  it('handles strings longer than its reused buffers', () => {
    const long = 'ab'.repeat(200);
    expect(jaro(long, long.slice(1))).toBeCloseTo(referenceJaro(long.slice(1), long), 12);
  });
});

describe(jaroWinkler.name, () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
    ['CRATE', 'TRACE', 0.733],
    ['JELLYFISH', 'SMELLYFISH', 0.896],
    ['johnson', 'jonson', 0.962],
  ])('scores %s and %s %f', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('boosts by at most four characters of common prefix', () => {
    const j = jaro('abcdefgh', 'abcdefxy');
    expect(jaroWinkler('abcdefgh', 'abcdefxy')).toBeCloseTo(j + 4 * 0.1 * (1 - j), 12);
  });

  it('is symmetric, bounded by [0, 1], 1 for identical strings, and never below Jaro', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const score = jaroWinkler(a, b);
        expect(jaroWinkler(b, a)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score).toBeGreaterThanOrEqual(jaro(a, b));
        expect(jaro(b, a)).toBe(jaro(a, b));
        if (a !== '') expect(jaroWinkler(a, a)).toBe(1);
      }),
    );
  });

  it('is 1 only for identical strings', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        if (a !== b) expect(jaroWinkler(a, b)).toBeLessThan(1);
      }),
    );
  });
});
