import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, normalizeGtin } from './gtin';

/** Independent GS1 check: over all 14 digits, weights 3,1,3,… from the left make the sum a multiple of 10. */
function satisfiesGs1(gtin14: string): boolean {
  const sum = [...gtin14].reduce((acc, digit, i) => acc + Number(digit) * (i === 13 ? 1 : i % 2 === 0 ? 3 : 1), 0);
  return sum % 10 === 0;
}

const payload13 = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 });

describe('gtinCheckDigit', () => {
  it.each([
    ['400638133393', 1], // EAN-13 4006381333931
    ['03600029145', 2], // UPC-A 036000291452
    ['9638507', 4], // GTIN-8 96385074
    ['1950123456789', 8], // GTIN-14 19501234567898
    ['000000000000', 0],
  ])('computes the mod-10 check digit of %s as %i', (payload, digit) => {
    expect(gtinCheckDigit(payload)).toBe(digit);
  });

  it('does not depend on left zero padding (weights count from the right)', () => {
    fc.assert(
      fc.property(payload13, fc.integer({ min: 0, max: 12 }), (payload, zeros) => {
        const shorter = payload.slice(zeros);
        expect(gtinCheckDigit(shorter)).toBe(gtinCheckDigit(shorter.padStart(13, '0')));
      }),
    );
  });
});

describe('normalizeGtin', () => {
  it.each([
    ['GTIN-8', '96385074', '00000096385074'],
    ['UPC-A', '036000291452', '00036000291452'],
    ['EAN-13', '4006381333931', '04006381333931'],
    ['GTIN-14', '19501234567898', '19501234567898'],
  ])('normalises a %s to 14 digits', (_kind, input, gtin14) => {
    expect(normalizeGtin(input)).toEqual({ gtin14 });
  });

  it('ignores spaces, tabs and hyphens', () => {
    expect(normalizeGtin(' 4 006381-333931 ')).toEqual({ gtin14: '04006381333931' });
    expect(normalizeGtin('0-36000-29145-2')).toEqual({ gtin14: '00036000291452' });
    expect(normalizeGtin('9638\t5074')).toEqual({ gtin14: '00000096385074' });
  });

  it('rejects a wrong check digit, naming the expected and the given digit', () => {
    expect(normalizeGtin('4006381333932')).toEqual({ error: 'the check digit is wrong: expected 1, got 2' });
    expect(normalizeGtin('036000291453')).toEqual({ error: 'the check digit is wrong: expected 2, got 3' });
    expect(normalizeGtin('96385070')).toEqual({ error: 'the check digit is wrong: expected 4, got 0' });
  });

  it.each(['1234567', '123456789012345', '0'])('rejects %s: a GTIN has 8 to 14 digits', (input) => {
    expect(normalizeGtin(input)).toEqual({
      error: `a GTIN has 8 to 14 digits (GTIN-8, UPC-A, EAN-13, GTIN-14, or one of them without its leading zeros), this one has ${input.length}`,
    });
  });

  it('reads 9 to 11 digits as a code whose leading zeros a spreadsheet dropped, checked after padding', () => {
    // UPC-A 036000291452 stored as a number, and GTIN-14 00000123456784 (a GTIN-8 padded) likewise
    expect(normalizeGtin('36000291452')).toEqual({ gtin14: '00036000291452' });
    expect(normalizeGtin('0123456784')).toEqual({ gtin14: '00000123456784' });
    expect(normalizeGtin('123456784')).toEqual({ gtin14: '00000123456784' });
  });

  it('still rejects a shortened code whose check digit is wrong', () => {
    expect(normalizeGtin('36000291453')).toEqual({ error: 'the check digit is wrong: expected 2, got 3' });
    // a digit lost inside the code, not a leading zero: the check digit no longer fits
    expect(normalizeGtin('03600291452')).toHaveProperty('error');
  });

  it('reads a whole JSON number as its digits, leading zeros restored', () => {
    expect(normalizeGtin(36000291452)).toEqual({ gtin14: '00036000291452' });
    expect(normalizeGtin(4006381333931)).toEqual({ gtin14: '04006381333931' });
    expect(normalizeGtin(4006381333932)).toEqual({ error: 'the check digit is wrong: expected 1, got 2' });
  });

  it.each([4006381333931.5, -4006381333931, Number.NaN, 1e20])('rejects the number %d: a GTIN has digits only', (input) => {
    expect(normalizeGtin(input)).toEqual({ error: 'a GTIN has digits only' });
  });

  it.each(['400638133393X', '4006381333931.', 'ABCDEFGH', '４００６３８１３３３９３１', '', '  - '])('rejects %j: digits only', (input) => {
    expect(normalizeGtin(input)).toEqual({ error: 'a GTIN has digits only' });
  });

  it('accepts payload + check digit for any 13-digit payload, and rejects every other final digit', () => {
    fc.assert(
      fc.property(payload13, (payload) => {
        const check = gtinCheckDigit(payload);
        expect(normalizeGtin(payload + check)).toEqual({ gtin14: payload + check });
        expect(satisfiesGs1(payload + check)).toBe(true);
        for (let wrong = 0; wrong <= 9; wrong++) {
          if (wrong === check) continue;
          expect(normalizeGtin(payload + wrong)).toEqual({ error: `the check digit is wrong: expected ${check}, got ${wrong}` });
        }
      }),
    );
  });

  it('detects any single-digit change in the payload', () => {
    fc.assert(
      fc.property(payload13, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (payload, position, delta) => {
        const valid = payload + gtinCheckDigit(payload);
        const changed = valid.slice(0, position) + ((Number(valid[position]) + delta) % 10) + valid.slice(position + 1);
        expect(normalizeGtin(changed)).toHaveProperty('error');
      }),
    );
  });

  it('is idempotent: normalising its GTIN-14 output returns it unchanged', () => {
    const anyGtin = fc.tuple(payload13, fc.integer({ min: 8, max: 14 })).map(([payload, length]) => {
      const short = payload.slice(14 - length);
      return short + gtinCheckDigit(short);
    });
    fc.assert(
      fc.property(anyGtin, (gtin) => {
        const first = normalizeGtin(gtin);
        if (!('gtin14' in first)) throw new Error(`valid GTIN ${gtin} rejected: ${first.error}`);
        expect(first.gtin14).toHaveLength(14);
        expect(first.gtin14.endsWith(gtin)).toBe(true);
        expect(normalizeGtin(first.gtin14)).toEqual(first);
      }),
    );
  });
});
