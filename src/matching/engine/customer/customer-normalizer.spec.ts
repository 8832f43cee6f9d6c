import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../types';
import { normalizeCustomer } from './customer-normalizer';

const anyWhitespace = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0');
/** The data contract allows plain spaces only between the digits of a phone number. */
const phoneSpacing = fc.constantFrom('', ' ', '  ');

/** Re-spells a value the way source systems do: random case and random extra whitespace. */
function messy(value: string, { keepCase = false, space = anyWhitespace } = {}): fc.Arbitrary<string> {
  return fc.tuple(fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }), space, space, fc.array(space, { minLength: value.length, maxLength: value.length })).map(
    ([upper, before, after, inner]) =>
      before +
      [...value].map((ch, i) => (keepCase ? ch : upper[i] ? ch.toUpperCase() : ch.toLowerCase()) + (ch === ' ' ? inner[i] : '')).join('') +
      after,
  );
}

const customerRecord: fc.Arbitrary<Attributes> = fc
  .record(
    {
      givenName: fc.oneof(fc.constantFrom('Ada', 'José', 'Anne Marie').chain((v) => messy(v)), fc.string({ unit: 'binary', maxLength: 12 })),
      familyName: fc.constantFrom('Lovelace', 'Müller', "O'Brien").chain((v) => messy(v)),
      email: fc.constantFrom('ada@example.com', 'j.muller+news@example.de').chain((v) => messy(v)),
      phone: fc.constantFrom('02 9876 5432', '+61 2 9876 5432', '(201) 555-0123', '+44 20 7946 0958', '12345', '+1 555').chain((v) => messy(v, { keepCase: true, space: phoneSpacing })),
      country: fc.constantFrom('AU', 'US', 'GB', 'DE').chain((v) => messy(v)),
      postalCode: fc.constantFrom('SW1A 1AA', '2000', '10115').chain((v) => messy(v)),
      city: fc.constantFrom('New York', 'Sydney', 'Köln').chain((v) => messy(v)),
      addressLine1: fc.constantFrom('12 Main St', 'Unter den Linden 1').chain((v) => messy(v)),
      addressLine2: fc.string({ maxLength: 10 }),
      region: fc.constantFrom('NSW', 'New South Wales', '').chain((v) => messy(v)),
      birthDate: fc.constantFrom('1815-12-10', '1990-02-28'),
    },
    { requiredKeys: [] },
  )
  .map((record) => record as Attributes);

describe('normalizeCustomer', () => {
  it('cleanses a representative record', () => {
    const result = normalizeCustomer({
      givenName: '  Ada  ',
      familyName: 'LOVELACE ',
      email: ' Ada.Lovelace@Example.COM ',
      phone: '02 9876 5432',
      country: ' au',
      postalCode: ' sw1a   1aa ',
      city: '  New   York ',
      region: 'NSW',
      addressLine1: '\t12  Main St\n',
      birthDate: '1815-12-10',
    });
    expect(result).toEqual({
      cleansed: {
        givenName: 'Ada',
        familyName: 'LOVELACE', // names keep their case
        email: 'ada.lovelace@example.com',
        phone: '+61298765432',
        country: 'AU',
        postalCode: 'SW1A 1AA',
        city: 'New York',
        region: 'NSW',
        addressLine1: '12 Main St',
        birthDate: '1815-12-10',
      },
      errors: [],
    });
  });

  it('reads a national phone number in the default region when the record has no country', () => {
    expect(normalizeCustomer({ phone: '(201) 555-0123' }, { defaultRegion: 'US' }).cleansed).toEqual({ phone: '+12015550123' });
    expect(normalizeCustomer({ phone: '(201) 555-0123' }).cleansed).toEqual({ phone: '2015550123' });
  });

  it("prefers the record's country to the default region", () => {
    expect(normalizeCustomer({ phone: '02 9876 5432', country: 'AU' }, { defaultRegion: 'US' }).cleansed).toEqual({ phone: '+61298765432', country: 'AU' });
  });

  it('keeps the digits of a phone number that is not valid', () => {
    expect(normalizeCustomer({ familyName: 'Lovelace', phone: ' 123-45 ', country: 'AU' }).cleansed).toEqual({ familyName: 'Lovelace', country: 'AU', phone: '12345' });
  });

  it('drops empty values, non-strings and fields that are not customer attributes', () => {
    const result = normalizeCustomer({ givenName: '   ', familyName: 'Lovelace', email: ' ', phone: 'n/a', city: 42, loyaltyTier: 'gold', birthDate: 19901231 });
    expect(result).toEqual({ cleansed: { familyName: 'Lovelace' }, errors: [] });
  });

  it('rejects no record, unless its only identity is a placeholder national id', () => {
    expect(normalizeCustomer({})).toEqual({ cleansed: {}, errors: [] });
    expect(normalizeCustomer({ givenName: 'Ada', nationalId: '078-05-1120' }).cleansed).toEqual({ givenName: 'Ada', nationalId: '078051120' });
    expect(normalizeCustomer({ familyName: 'Lovelace', nationalId: '000-00-0000' })).toEqual({ cleansed: { familyName: 'Lovelace' }, errors: [] });
    expect(normalizeCustomer({ givenName: 'Ada', nationalId: '000-00-0000' })).toMatchObject({ cleansed: null, errors: [{ field: 'nationalId', code: 'MISSING_IDENTITY' }] });
  });

  it('refuses a birth date in the future (a day of grace for time zones ahead of UTC)', () => {
    const today = { today: '2026-11-27' };
    expect(normalizeCustomer({ familyName: 'Future', birthDate: '2099-01-01' }, today).errors).toEqual([
      { field: 'birthDate', code: 'OUT_OF_RANGE', message: '2099-01-01 is in the future: no one is born after today' },
    ]);
    expect(normalizeCustomer({ familyName: 'Newborn', birthDate: '2026-11-28' }, today).cleansed?.birthDate).toBe('2026-11-28');
    expect(normalizeCustomer({ familyName: 'Later', birthDate: '2026-11-29' }, today).cleansed).toBeNull();
  });

  it.each(['1900-01-01', '1901-01-01', '1899-12-30', '1899-12-31', '1800-01-01', '0001-01-01', '1111-11-11', '1753-01-01'])(
    'leaves out the placeholder birth date %s with a warning naming it: no one is born on a system\'s "unknown"',
    (placeholder) => {
      const result = normalizeCustomer({ familyName: 'Lovelace', birthDate: placeholder });
      expect(result.cleansed).toEqual({ familyName: 'Lovelace' });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([{ field: 'birthDate', code: 'PLACEHOLDER_DROPPED', message: expect.stringContaining(placeholder) }]);
    },
  );

  it.each(['1970-01-01', '1985-01-01', '2000-01-01', '1815-12-10', '1900-01-02'])('keeps %s: real people are born on New Year\'s day and on the Unix epoch', (born) => {
    expect(normalizeCustomer({ familyName: 'Lovelace', birthDate: born })).toEqual({ cleansed: { familyName: 'Lovelace', birthDate: born }, errors: [] });
  });

  it('is idempotent over records spelled with arbitrary whitespace and case', () => {
    fc.assert(
      fc.property(customerRecord, fc.constantFrom(undefined, 'AU', 'US'), (record, defaultRegion) => {
        const once = normalizeCustomer(record, { defaultRegion }).cleansed!;
        expect(normalizeCustomer(once, { defaultRegion })).toEqual({ cleansed: once, errors: [] });
      }),
    );
  });

  it('gives the same result for every spelling of one record', () => {
    const canonical = normalizeCustomer({ givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', phone: '02 9876 5432', country: 'AU' }).cleansed;
    const spellings = fc.record({
      givenName: messy('Ada', { keepCase: true }),
      familyName: messy('Lovelace', { keepCase: true }),
      email: messy('ada@example.com'),
      phone: messy('02 9876 5432', { space: phoneSpacing }),
      country: messy('AU'),
    });
    fc.assert(
      fc.property(spellings, (record) => {
        expect(normalizeCustomer(record).cleansed).toEqual(canonical);
      }),
    );
  });

  it('stays idempotent for a contract-valid phone whose number is invalid but whose digits with the extension are valid', () => {
    // '02 9876 543' is a digit short; its digits glued to the extension's '2' form a valid number.
    const once = normalizeCustomer({ familyName: 'Citizen', phone: '02 9876 543 ext 2', country: 'AU' }).cleansed!;
    expect(normalizeCustomer(once).cleansed).toEqual(once);
  });
});
