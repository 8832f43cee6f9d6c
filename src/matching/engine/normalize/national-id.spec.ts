import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholderNationalId, normalizeNationalId } from './national-id';

describe('normalizeNationalId', () => {
  it('keeps letters and digits, upper-cased', () => {
    expect(normalizeNationalId(' 123-45 6789 ')).toBe('123456789');
    expect(normalizeNationalId('ab 12.34.56 c')).toBe('AB123456C');
    expect(normalizeNationalId('１２３４５６７')).toBe('1234567');
  });

  it('is idempotent, also where stripping a separator lets two jamo fold into one syllable', () => {
    expect(normalizeNationalId(normalizeNationalId('\u1100-\u1161'))).toBe(normalizeNationalId('\u1100-\u1161'));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => normalizeNationalId(normalizeNationalId(value)) === normalizeNationalId(value)),
      { numRuns: 2000 },
    );
  });
});

describe('isPlaceholderNationalId', () => {
  it.each([
    '000000000',
    '999999999',
    '000000001',
    '999-99-9998',
    '111-22-3333',
    '1111-2222-33',
    '12121212',
    '123456789',
    '987654321',
    '12345',
    'A0000000',
    'NA12345',
    '1234',
    'UNKNOWN',
    'NA',
    'XXXXXXX',
    '',
  ])('%s stands for no id', (value) => {
    expect(isPlaceholderNationalId(normalizeNationalId(value))).toBe(true);
  });

  it.each(['8164610', '078051120', 'AB583015C', '12346', '٨١٦٤٦١٠', '9999667', '5553321'])('%s is an id', (value) => {
    expect(isPlaceholderNationalId(normalizeNationalId(value))).toBe(false);
  });
});
