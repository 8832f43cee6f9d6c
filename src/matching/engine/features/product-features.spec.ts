import { describe, expect, it } from 'vitest';
import { productFeatures, trailingLettersCode } from './product-features';

describe('trailingLettersCode', () => {
  it.each([
    ['Sony Soft Cyber-Shot Carrying Case - LCSCST', 'LCSCST'],
    ['Sanus Television Turntable - TV/LCDS', 'TVLCDS'],
    ['Sanus Euro Foundation Series III Speaker Stand – EFSATBKIII', 'EFSATBKIII'],
  ])('reads the letters-only model code that ends a retail title: %s', (title, code) => {
    expect(trailingLettersCode(title)).toBe(code);
  });

  it.each([
    ['Bose Acoustimass Speaker - Black', 'a word in title case'],
    ['Logitech Remote - USB', 'too short for a code'],
    ['Apple Mouse - WHITE', 'a colour'],
    ['SONY CARRYING CASE - LCSCST', 'a title all in capitals: nothing tells a code from a word'],
    ['Sony LCSCST Carrying Case', 'not at the end after a dash'],
  ])('is null for %s (%s)', (title) => {
    expect(trailingLettersCode(title)).toBeNull();
  });

  it('adds the code to the model codes, once', () => {
    expect(productFeatures({ name: 'Sony Soft Carrying Case - LCSCST' }).modelCodes).toEqual(['LCSCST']);
    expect(productFeatures({ name: 'Sony Turntable SU-TVLCDS2 - TVLCDS' }).modelCodes).toContain('TVLCDS');
  });
});
