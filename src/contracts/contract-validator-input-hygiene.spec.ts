import { describe, expect, it } from 'vitest';
import { assertStorable, UnstorableValueException } from '../common/database/tx';
import { ContractRegistry } from './contract-registry';

// What the fuzz tests (test/robustness/fuzz-*.e2e.spec.ts) found, pinned down one case at a time.
const customer = new ContractRegistry().validator('customer');
const errors = (input: unknown) => {
  const result = customer.validate(input);
  return result.ok ? [] : result.errors.map((e) => [e.field, e.code]);
};

describe('ContractValidator: values no master data can hold', () => {
  it.each([
    ['a NUL', 'Le\u0000e'],
    ['a bell', 'Le\u0007e'],
    ['an escape', '\u001b[31mLee'],
    ['DEL', 'Lee\u007f'],
    ['an unpaired high surrogate', 'Lee\ud800'],
    ['an unpaired low surrogate', '\udc00Lee'],
    ['a reversed pair', 'L\udc00\ud800ee'],
  ])('rejects %s, naming the field', (_, value) => {
    expect(errors({ sourceId: 'c1', familyName: value })).toContainEqual(['familyName', 'INVALID_CHARACTER']);
    expect(errors({ sourceId: value, familyName: 'Lee' })).toContainEqual(['sourceId', 'INVALID_CHARACTER']);
  });

  it('keeps tabs, line breaks and paired surrogates (emoji, rare scripts)', () => {
    expect(errors({ sourceId: 'c1', familyName: 'Lee', addressLine1: 'Unit 4\n12 Main St\tRear', givenName: '😀 𠀋' })).toEqual([]);
  });

  it('reports a "__proto__" key as an unknown field instead of taking it as the prototype', () => {
    const input = Object.fromEntries([
      ['sourceId', 'p1'],
      ['__proto__', { familyName: 'Polluted' }],
    ]);
    expect(errors(input)).toEqual(expect.arrayContaining([['__proto__', 'UNKNOWN_FIELD'], [null, 'MISSING_IDENTITY']]));
  });

  it('refuses an email, phone or national id as Canon masks them, so a read-modify-write cannot store the mask', () => {
    expect(errors({ sourceId: 'c1', familyName: 'Lee', nationalId: '*****1120' })).toEqual([['nationalId', 'MASKED_VALUE']]);
    expect(errors({ sourceId: 'c1', familyName: 'Lee', email: 'j***@example.com' })).toEqual([['email', 'MASKED_VALUE']]);
    expect(errors({ sourceId: 'c1', familyName: 'Lee', phone: '+1******4567' })).toContainEqual(['phone', 'MASKED_VALUE']);
    expect(errors({ sourceId: 'c1', familyName: 'Lee', email: 'j.lee@example.com', phone: '+15551234567' })).toEqual([]);
  });

  it('does not count a blank family name or a phone without a digit as an identity', () => {
    expect(errors({ sourceId: 'c1', familyName: '   ' })).toEqual([[null, 'MISSING_IDENTITY']]);
    expect(errors({ sourceId: 'c1', phone: '---' })).toEqual([[null, 'MISSING_IDENTITY']]);
    expect(errors({ sourceId: 'c1', familyName: '  ', phone: '02 9876 5432' })).toEqual([]);
  });
});

describe('assertStorable', () => {
  it('refuses a U+0000 in any string parameter, as a user error', () => {
    expect(() => assertStorable(['ok', 1, null, true])).not.toThrow();
    expect(() => assertStorable(['ok', 'a\u0000b'])).toThrow(UnstorableValueException);
    expect(new UnstorableValueException().category).toBe('BAD_USER_INPUT');
  });
});
