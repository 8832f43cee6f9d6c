import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** National numbers in common formats, with the region they are national to. */
const nationalNumber = fc.oneof(
  fc.tuple(fc.constantFrom('02', '03', '07', '04'), digits(8)).map(([prefix, rest]) => ({ region: 'AU', number: `${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}` })),
  fc.tuple(fc.integer({ min: 2, max: 9 }), digits(2), fc.integer({ min: 2, max: 9 }), digits(6)).map(([a, b, c, d]) => ({
    region: 'US',
    number: `(${a}${b}) ${c}${d.slice(0, 2)}-${d.slice(2)}`,
  })),
  digits(8).map((rest) => ({ region: 'GB', number: `020 7${rest.slice(1, 4)} ${rest.slice(4)}` })),
  digits(8).map((rest) => ({ region: 'DE', number: `030 ${rest}` })),
  digits(7).map((rest) => ({ region: 'NZ', number: `09-${rest}` })),
);

describe('normalizePhone', () => {
  it('uses libphonenumber validity for the examples below', () => {
    expect(isValidPhoneNumber('02 9876 5432', 'AU')).toBe(true);
    expect(isValidPhoneNumber('(201) 555-0123', 'US')).toBe(true);
    expect(isValidPhoneNumber('020 7946 0958', 'GB')).toBe(true);
  });

  it.each([
    ['02 9876 5432', 'AU', '+61298765432'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['02 9876 5432', 'au', '+61298765432'], // the region is case-insensitive
    ['  (02) 9876-5432  ', 'AU', '+61298765432'],
  ])('writes the national number %j of region %s as E.164', (input, region, e164) => {
    expect(normalizePhone(input, region)).toEqual({ e164, display: e164 });
  });

  it.each([
    ['+61 2 9876 5432', '+61298765432'],
    ['+1 201-555-0123', '+12015550123'],
    ['+44 (0)20 7946 0958', '+442079460958'],
  ])('parses international input %j without a region', (input, e164) => {
    expect(normalizePhone(input)).toEqual({ e164, display: e164 });
  });

  it('lets the country code of international input win over the region', () => {
    expect(normalizePhone('+44 20 7946 0958', 'AU').e164).toBe('+442079460958');
  });

  it('reads 00 as the international prefix, in whatever country the record is', () => {
    expect(normalizePhone('0061 413 583 822', 'AU').e164).toBe('+61413583822');
    expect(normalizePhone('0061-413-583822', 'AU').e164).toBe('+61413583822');
    expect(normalizePhone('0044 20 7946 0958', 'US').e164).toBe('+442079460958');
    expect(normalizePhone('0044 20 7946 0958').e164).toBe('+442079460958');
    // A country's own international prefix still reads as before; too few digits read as nothing.
    expect(normalizePhone('0011 61 413 583 822', 'AU').e164).toBe('+61413583822');
    expect(normalizePhone('00 12', 'DE').e164).toBeNull();
  });

  it('keeps an extension after the E.164 form, RFC 3966 style, and reads that form back', () => {
    expect(normalizePhone('02 9876 5432 ext 12', 'AU')).toEqual({ e164: '+61298765432', display: '+61298765432;ext=12' });
    expect(normalizePhone('+49 30 2345670 x280')).toEqual({ e164: '+49302345670', display: '+49302345670;ext=280' });
    expect(normalizePhone('+33 1 42 68 53 00 #196').display).toBe('+33142685300;ext=196');
    expect(normalizePhone('+33142685300;ext=196', 'US').display).toBe('+33142685300;ext=196');
    // An invalid number keeps its digits, and its extension after them.
    expect(normalizePhone('12 34 x5', 'AU')).toEqual({ e164: null, display: '1234;ext=5' });
  });

  it('drops an extension after a mobile number: a mobile has no switchboard', () => {
    expect(normalizePhone('07911 123456 ext 12', 'GB')).toEqual({ e164: '+447911123456', display: '+447911123456' });
    // A US number may be either, so its extension stays.
    expect(normalizePhone('(201) 555-0123 x3', 'US').display).toBe('+12015550123;ext=3');
  });

  // The customer contract's phone pattern allows any whitespace (\s*) before the extension marker.
  it.each([
    ['a tab', '\t'],
    ['a line break', '\n'],
    ['an em space', '\u2003'],
  ])('reads the extension after %s (contract-valid) like after a space', (_name, separator) => {
    expect(normalizePhone(`02 9876 5432${separator}ext 12`, 'AU')).toEqual({ e164: '+61298765432', display: '+61298765432;ext=12' });
  });

  it.each([
    ['02 9876 5432', undefined, '0298765432'], // national, but no region to read it in
    ['call 12 34', 'AU', '1234'],
    ['+12', undefined, '+12'],
    ['  +49 (0) 12  ', undefined, '+49012'],
    ['123', 'AQ', '123'], // a region libphonenumber has no metadata for
    ['123', 'XX', '123'], // not a region at all
  ])('keeps the digits of %j (region %s) when it is not a valid number', (input, region, display) => {
    expect(normalizePhone(input, region)).toEqual({ e164: null, display });
  });

  it.each(['', '   ', 'n/a', '+', '()-'])('returns nulls for %j, which has no digits', (input) => {
    expect(normalizePhone(input, 'AU')).toEqual({ e164: null, display: null });
  });

  it('is idempotent on its E.164 output, with or without a region', () => {
    fc.assert(
      fc.property(nationalNumber, fc.constantFrom(undefined, 'AU', 'US', 'GB', 'DE', 'NZ'), ({ region, number }, otherRegion) => {
        const { e164 } = normalizePhone(number, region);
        if (e164 === null) return;
        expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(normalizePhone(e164, region)).toEqual({ e164, display: e164 });
        expect(normalizePhone(e164, otherRegion)).toEqual({ e164, display: e164 });
      }),
    );
  });

  it('never invents digits: the display is null, or the number digits (after an optional +) or a valid E.164, then the extension', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789+()-. xabc'), maxLength: 25 }), fc.constantFrom(undefined, 'AU', 'US'), (input, region) => {
        const { e164, display } = normalizePhone(input, region);
        const extension = /\s*(?:x|ext\.?|#)\s*(\d+)$/i.exec(input.trim());
        const inputDigits = input.trim().slice(0, extension?.index).replace(/\D/g, '');
        const ext = extension ? `;ext=${extension[1]}` : '';
        if (inputDigits === '') expect(display).toBeNull();
        else if (e164 !== null) expect([e164 + ext, e164]).toContain(display); // a mobile's extension is dropped
        else expect(display).toBe((input.trim().startsWith('+') ? '+' : '') + inputDigits + ext);
      }),
    );
  });
});
