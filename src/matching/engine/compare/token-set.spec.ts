import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameButFirstWord, wordAddedFrom, tokenContainment, tokenSetSimilarity, wordsAdded, wordsReplaced } from './token-set';

const tokens = fc.array(fc.constantFrom('sony', 'tv', 'lcd', '40', 'black', 'kdl40v4100', 'vol:500ml'), { maxLength: 8 });

describe(tokenSetSimilarity.name, () => {
  it.each([
    [['a', 'b', 'c'], ['b', 'c', 'd'], 0.5],
    [['a', 'a', 'b'], ['a', 'b'], 1], // distinct tokens
    [['a'], ['b'], 0],
    [[], ['a'], 0],
    [[], [], 0],
  ])('scores %j and %j %f', (a, b, expected) => {
    expect(tokenSetSimilarity(a, b)).toBe(expected);
  });

  it('is symmetric, bounded by [0, 1], 1 for the same tokens in any order, and at most the containment', () => {
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const score = tokenSetSimilarity(a, b);
        expect(tokenSetSimilarity(b, a)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(tokenContainment(a, b));
        if (a.length > 0) expect(tokenSetSimilarity(a, [...a].reverse())).toBe(1);
      }),
    );
  });
});

describe(tokenContainment.name, () => {
  it.each([
    [['sony', 'tv'], ['sony', 'bravia', 'lcd', 'tv'], 1],
    [['a', 'b', 'c'], ['b', 'c', 'd'], 2 / 3],
    [['a', 'a'], ['a', 'b', 'c'], 1],
    [['a'], [], 0],
  ])('scores %j within %j %f', (a, b, expected) => {
    expect(tokenContainment(a, b)).toBeCloseTo(expected, 12);
  });

  it('is symmetric, bounded by [0, 1], and 1 whenever one side is a subset of the other', () => {
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const score = tokenContainment(a, b);
        expect(tokenContainment(b, a)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        if (a.length > 0) expect(tokenContainment(a, [...a, ...b])).toBe(1);
      }),
    );
  });
});

describe('words apart: the names of siblings', () => {
  it.each([
    [['duo', 'style', 'pressure', 'cooker'], ['duo', 'prestige', 'pressure', 'cooker'], true],
    [['duo', 'style'], ['duo', 'prestige'], false], // one word shared: too little of a line
    [['barista', 'chef', 'express'], ['barista', 'essential', 'express'], true],
    [['duo', 'style'], ['duo', 'style'], false], // the same name
    [['kettle'], ['toaster'], false], // nothing shared: no line
    [['duo', 'style', 'plus'], ['duo', 'prestige', 'max'], false], // two words each: another wording
    [['samsung', 'dlp', 'tv', 'stand'], ['samsung', 'tr72b', 'tv', 'stand'], false], // a code is compared as a code
  ])('%j and %j: one word replaced is %s', (a, b, expected) => {
    expect(wordsReplaced(a, b, 1)).toBe(expected);
  });

  it.each([
    [['duo', 'elite'], ['duo', 'pro', 'elite'], true],
    [['air', 'elite', 'fryer', 'pro'], ['air', 'elite', 'fryer'], true],
    [['sony', 'cyber', 'shot'], ['cyber', 'shot'], false], // a first word one side lacks: the brand it did not give
    [['duo', 'elite'], ['duo', 'elite'], false],
    [['duo', 'elite'], ['duo', 'pro', 'max', 'elite'], false], // two more words: another wording
    [['ink', 'cartridge'], ['ink', 'cartridge', 'k7s35gb'], false], // a code after the name
  ])('%j and %j: one word added is %s', (a, b, expected) => {
    expect(wordsAdded(a, b, 1)).toBe(expected);
  });
});

describe(wordAddedFrom.name, () => {
  const tiers = new Set(['pro', 'ultra', 'max']);
  it('is one more word, a tier word, wherever it stands', () => {
    expect(wordAddedFrom(['duo', 'pro', 'elite'], ['duo', 'elite'], tiers)).toBe(true);
    expect(wordAddedFrom(['redmi', 'note', '56'], ['redmi', 'note', '56', 'pro'], tiers)).toBe(true);
  });

  it('is not another word added, a word replaced, or more words', () => {
    expect(wordAddedFrom(['duo', 'wireless', 'elite'], ['duo', 'elite'], tiers)).toBe(false);
    expect(wordAddedFrom(['duo', 'pro'], ['duo', 'max'], tiers)).toBe(false);
    expect(wordAddedFrom(['duo', 'pro', 'max', 'elite'], ['duo', 'elite'], tiers)).toBe(false);
  });
});

describe(sameButFirstWord.name, () => {
  it('is one name with a brand first in one list only', () => {
    expect(sameButFirstWord(['cuisinart', 'food', 'style', 'processor'], ['food', 'style', 'processor'])).toBe(true);
  });

  it('is not another word, a code more, or a word elsewhere', () => {
    expect(sameButFirstWord(['brother', 'lc771', 'ink'], ['lc77', 'ink'])).toBe(false);
    expect(sameButFirstWord(['food', 'style', 'processor', 'pro'], ['food', 'style', 'processor'])).toBe(false);
    expect(sameButFirstWord(['food', 'style'], ['food', 'style'])).toBe(false);
  });
});
