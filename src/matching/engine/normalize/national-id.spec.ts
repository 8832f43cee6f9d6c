import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholderNationalId, normalizeNationalId } from './national-id';

describe('normalizeNationalId', () => {
  it('keeps letters and digits, upper-cased', () => {
    expect(normalizeNationalId(' 123-45 6789 ')).toBe('123456789');
    expect(normalizeNationalId('ab 12.34.56 c')).toBe('AB123456C');
    expect(normalizeNationalId('１２３４５６７')).toBe('1234567');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (value) => normalizeNationalId(normalizeNationalId(value)) === normalizeNationalId(value)));
  });
});

describe('isPlaceholderNationalId', () => {
  it.each(['000000000', '999999999', '123456789', '987654321', '12345', '1234', 'UNKNOWN', 'NA', 'XXXXXXX', ''])('%s stands for no id', (value) => {
    expect(isPlaceholderNationalId(normalizeNationalId(value))).toBe(true);
  });

  it.each(['8164610', '078051120', 'AB123456C', '12346'])('%s is an id', (value) => {
    expect(isPlaceholderNationalId(value)).toBe(false);
  });
});
