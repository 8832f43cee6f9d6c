import { describe, expect, it } from 'vitest';
import type { FieldError } from '../matching/engine/types';
import { ContractRegistry } from './contract-registry';
import type { ValidationResult } from './contract-validator';

const registry = new ContractRegistry();
const customer = registry.validator('customer');
const product = registry.validator('product');
const productCsv = registry.validator('product', { coerce: true });
const customerCsv = registry.validator('customer', { coerce: true });

function errorsOf(result: ValidationResult): readonly FieldError[] {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.record)}`);
  return result.errors;
}

function recordOf(result: ValidationResult) {
  if (!result.ok) throw new Error(`expected a valid record, got ${JSON.stringify(result.errors)}`);
  return result.record;
}

describe('ContractRegistry', () => {
  it('has a strict and a coercing validator per entity type', () => {
    expect(customer.entityType).toBe('customer');
    expect(customer.contractName).toBe('customer.v1');
    expect(product.contractName).toBe('product.v1');
    expect(registry.validator('customer', { coerce: true })).not.toBe(customer);
    expect(registry.validator('customer')).toBe(customer);
  });
});

describe('ContractValidator', () => {
  describe('valid records', () => {
    it('splits the envelope from the attributes', () => {
      expect(customer.validate({ sourceId: 'c-1', updatedAt: '2024-05-01T12:00:00Z', givenName: 'Ada', familyName: 'Lovelace', country: 'GB', birthDate: '1815-12-10' })).toEqual({
        ok: true,
        record: {
          sourceId: 'c-1',
          updatedAt: '2024-05-01T12:00:00.000Z',
          deleted: false,
          attributes: { givenName: 'Ada', familyName: 'Lovelace', country: 'GB', birthDate: '1815-12-10' },
        },
      });
    });

    it('allows nulls and drops them from the attributes', () => {
      const record = recordOf(customer.validate({ sourceId: 'c-1', updatedAt: null, deleted: null, familyName: 'Lovelace', email: null, phone: null, country: null }));
      expect(record).toEqual({ sourceId: 'c-1', updatedAt: null, deleted: false, attributes: { familyName: 'Lovelace' } });
    });

    it.each([
      ['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
      ['2024-05-01T07:30:00.5-04:30', '2024-05-01T12:00:00.500Z'],
      ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ])('normalises updatedAt %s to UTC ISO %s', (updatedAt, utc) => {
      expect(recordOf(customer.validate({ sourceId: 'c-1', familyName: 'x', updatedAt })).updatedAt).toBe(utc);
    });

    it('never throws on a timestamp the date-time format accepts (a leap second)', () => {
      const result = customer.validate({ sourceId: 'c-1', familyName: 'x', updatedAt: '2016-12-31T23:59:60Z' });
      if (result.ok) expect(result.record.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      else expect(result.errors).toEqual([expect.objectContaining({ field: 'updatedAt', code: 'INVALID_FORMAT' })]);
    });

    it('trims strings before validating them', () => {
      const record = recordOf(customer.validate({ sourceId: ' c-1 ', email: '  Ada@Example.com ', country: ' AU ', familyName: '\tLovelace\n' }));
      expect(record.sourceId).toBe('c-1');
      expect(record.attributes).toEqual({ email: 'Ada@Example.com', country: 'AU', familyName: 'Lovelace' });
    });

    it('accepts a tombstone with no other field', () => {
      expect(customer.validate({ sourceId: 'c-1', deleted: true })).toEqual({ ok: true, record: { sourceId: 'c-1', updatedAt: null, deleted: true, attributes: {} } });
      expect(recordOf(product.validate({ sourceId: 'p-1', deleted: true })).deleted).toBe(true);
    });

    it('accepts a national id as the only identifying field, and refuses one without a letter or digit', () => {
      expect(recordOf(customer.validate({ sourceId: 'c-1', givenName: 'Ada', nationalId: '078-05-1120' })).attributes).toEqual({ givenName: 'Ada', nationalId: '078-05-1120' });
      expect(errorsOf(customer.validate({ sourceId: 'c-1', givenName: 'Ada', nationalId: '--' })).map((e) => e.field)).toContain('nationalId');
    });

    it('does not change the input object', () => {
      const input = { sourceId: ' p-1 ', name: ' Pencil ', price: '12.50' };
      productCsv.validate(input);
      expect(input).toEqual({ sourceId: ' p-1 ', name: ' Pencil ', price: '12.50' });
    });
  });

  describe('rejections', () => {
    it.each([null, 'c-1', 42, ['c-1']])('rejects %j: not an object', (input) => {
      expect(customer.validate(input)).toEqual({ ok: false, sourceId: null, errors: [{ field: null, code: 'NOT_AN_OBJECT', message: 'a record must be a JSON object' }] });
    });

    it('rejects an unknown field, naming it', () => {
      expect(customer.validate({ sourceId: 'c-1', familyName: 'Lovelace', loyaltyTier: 'gold' })).toEqual({
        ok: false,
        sourceId: 'c-1',
        errors: [{ field: 'loyaltyTier', code: 'UNKNOWN_FIELD', message: 'unknown field "loyaltyTier": the customer.v1 contract has no such field' }],
      });
    });

    it('requires a non-blank sourceId', () => {
      expect(customer.validate({ familyName: 'Lovelace' })).toEqual({ ok: false, sourceId: null, errors: [{ field: 'sourceId', code: 'REQUIRED', message: '"sourceId" is required' }] });
      expect(errorsOf(customer.validate({ sourceId: '   ', familyName: 'Lovelace' }))).toEqual([{ field: 'sourceId', code: 'REQUIRED', message: 'must not be empty' }]);
    });

    it.each([
      [{ familyName: 42 }, 'familyName', 'must be a string'],
      [{ familyName: 'x', deleted: 'yes' }, 'deleted', 'must be a boolean'],
      [{ familyName: 'x', city: { name: 'Sydney' } }, 'city', 'must be a string'],
    ])('rejects %j with WRONG_TYPE', (fields, field, message) => {
      expect(errorsOf(customer.validate({ sourceId: 'c-1', ...fields }))).toContainEqual({ field, code: 'WRONG_TYPE', message });
    });

    it('rejects a sourceId that is not a string, without reporting it back', () => {
      const result = customer.validate({ sourceId: 7, familyName: 'x' });
      expect(result).toEqual({ ok: false, sourceId: null, errors: [{ field: 'sourceId', code: 'WRONG_TYPE', message: 'must be a string' }] });
    });

    it.each(['2023-02-30', '2023-13-01', '01/02/2023', '2023-2-1'])('rejects the birthDate %s with INVALID_FORMAT', (birthDate) => {
      expect(errorsOf(customer.validate({ sourceId: 'c-1', familyName: 'x', birthDate }))).toEqual([
        { field: 'birthDate', code: 'INVALID_FORMAT', message: 'must be a real calendar date written YYYY-MM-DD' },
      ]);
    });

    it('accepts 29 February in a leap year only', () => {
      expect(customer.validate({ sourceId: 'c-1', familyName: 'x', birthDate: '2024-02-29' }).ok).toBe(true);
      expect(customer.validate({ sourceId: 'c-1', familyName: 'x', birthDate: '2023-02-29' }).ok).toBe(false);
    });

    it.each(['2024-05-01T12:00:00', '2024-05-01', 'yesterday'])('rejects the updatedAt %s without a time zone', (updatedAt) => {
      expect(errorsOf(customer.validate({ sourceId: 'c-1', familyName: 'x', updatedAt }))).toEqual([expect.objectContaining({ field: 'updatedAt', code: 'INVALID_FORMAT' })]);
    });

    it('rejects a malformed email and phone with INVALID_FORMAT', () => {
      expect(errorsOf(customer.validate({ sourceId: 'c-1', email: 'ada at example.com', phone: 'call me' }))).toEqual([
        { field: 'email', code: 'INVALID_FORMAT', message: 'is not a valid email address' },
        { field: 'phone', code: 'INVALID_FORMAT', message: 'is not a valid phone number' },
      ]);
    });

    it('rejects a lower-case country with a hint at the upper-case code', () => {
      const [error] = errorsOf(customer.validate({ sourceId: 'c-1', familyName: 'x', country: 'au' }));
      expect(error).toMatchObject({ field: 'country', code: 'INVALID_VALUE' });
      expect(error.message).toContain('"AU"');
      expect(error.message).toBe('must be an ISO 3166-1 alpha-2 country code in upper case: "AU"');
    });

    it('rejects an unknown country without a hint', () => {
      expect(errorsOf(customer.validate({ sourceId: 'c-1', familyName: 'x', country: 'Australia' }))).toEqual([
        { field: 'country', code: 'INVALID_VALUE', message: 'must be an ISO 3166-1 alpha-2 country code' },
      ]);
    });

    it.each([
      ['no identifying field', { givenName: 'Ada' }],
      ['null identifying fields', { familyName: null, email: null, phone: null }],
      ['deleted: false', { deleted: false }],
    ])('rejects a customer with %s as MISSING_IDENTITY', (_case, fields) => {
      expect(errorsOf(customer.validate({ sourceId: 'c-1', ...fields }))).toEqual([
        { field: null, code: 'MISSING_IDENTITY', message: 'at least one of familyName, email, phone, nationalId is required' },
      ]);
    });

    it('names gtin and name as the product identity', () => {
      expect(errorsOf(product.validate({ sourceId: 'p-1', sku: 'FC-1' }))).toEqual([{ field: null, code: 'MISSING_IDENTITY', message: 'at least one of gtin, name is required' }]);
    });

    it('rejects a 10 MB string as TOO_LONG', () => {
      const huge = 'x'.repeat(10 * 1024 * 1024);
      expect(errorsOf(customer.validate({ sourceId: 'c-1', familyName: 'x', givenName: huge }))).toEqual([
        { field: 'givenName', code: 'TOO_LONG', message: 'is too long: at most 200 characters' },
      ]);
      expect(errorsOf(product.validate({ sourceId: 'p-1', name: 'x', description: huge }))).toEqual([
        { field: 'description', code: 'TOO_LONG', message: 'is too long: at most 20000 characters' },
      ]);
    });

    it('counts characters, not UTF-16 units, against maxLength', () => {
      expect(customer.validate({ sourceId: 'c-1', familyName: '😀'.repeat(200) }).ok).toBe(true);
      expect(errorsOf(customer.validate({ sourceId: 'c-1', familyName: '😀'.repeat(201) }))[0]).toMatchObject({ field: 'familyName', code: 'TOO_LONG' });
    });

    it('rejects a 1 MB phone value of spaces (a backtracking pattern would hang here for half an hour)', () => {
      // Digits, then many spaces, then a character the pattern cannot end on.
      const phone = `1${' '.repeat(1_000_000)}z`;
      const errors = errorsOf(customer.validate({ sourceId: 'c-1', phone }));
      expect(errors).toContainEqual({ field: 'phone', code: 'TOO_LONG', message: 'is too long: at most 40 characters' });
    });

    it('reports every problem once, with one summary for the missing identity', () => {
      const errors = errorsOf(customer.validate({ sourceId: 'c-1', familyName: 1, email: 2, phone: 3, extra: true }));
      expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
        'email:WRONG_TYPE',
        'extra:UNKNOWN_FIELD',
        'familyName:WRONG_TYPE',
        'null:MISSING_IDENTITY',
        'phone:WRONG_TYPE',
      ]);
    });
  });

  describe('products', () => {
    it('accepts a price given as a string only when coercing (CSV)', () => {
      expect(errorsOf(product.validate({ sourceId: 'p-1', name: 'Pencil', price: '12.50' }))).toEqual([{ field: 'price', code: 'WRONG_TYPE', message: 'must be a number' }]);
      expect(recordOf(productCsv.validate({ sourceId: 'p-1', name: 'Pencil', price: '12.50' })).attributes).toEqual({ name: 'Pencil', price: 12.5 });
      expect(errorsOf(productCsv.validate({ sourceId: 'p-1', name: 'Pencil', price: 'twelve' }))).toEqual([{ field: 'price', code: 'WRONG_TYPE', message: 'must be a number' }]);
    });

    it('names the mapping line that reads a price written with a decimal comma', () => {
      for (const price of ['12,50', '1.299,00', '1 299,00']) {
        expect(errorsOf(productCsv.validate({ sourceId: 'p-1', name: 'Pencil', price }))).toEqual([
          { field: 'price', code: 'WRONG_TYPE', message: `must be a number, not "${price}": for a decimal comma, map the column with "numbers": { "price": "1.234,56" }` },
        ]);
      }
    });

    it('rejects a negative price as OUT_OF_RANGE and accepts zero', () => {
      expect(errorsOf(product.validate({ sourceId: 'p-1', name: 'Pencil', price: -0.01 }))).toEqual([{ field: 'price', code: 'OUT_OF_RANGE', message: 'must be >= 0' }]);
      expect(recordOf(product.validate({ sourceId: 'p-1', name: 'Pencil', price: 0 })).attributes.price).toBe(0);
    });

    it('rejects a lower-case currency as INVALID_VALUE with a hint', () => {
      expect(errorsOf(product.validate({ sourceId: 'p-1', name: 'Pencil', currency: 'eur' }))).toEqual([
        { field: 'currency', code: 'INVALID_VALUE', message: 'must be an ISO 4217 currency code in upper case: "EUR"' },
      ]);
      expect(recordOf(product.validate({ sourceId: 'p-1', name: 'Pencil', currency: 'EUR' })).attributes.currency).toBe('EUR');
    });

    it('leaves GTIN check digits to the normaliser', () => {
      expect(product.validate({ sourceId: 'p-1', gtin: '4006381333932' }).ok).toBe(true);
    });

    it('accepts a GTIN sent as a whole JSON number, also as the record identity', () => {
      expect(recordOf(product.validate({ sourceId: 'p-1', gtin: 36000291452 })).attributes.gtin).toBe(36000291452);
    });

    it('rejects a GTIN number that is not a whole, non-negative number', () => {
      expect(errorsOf(product.validate({ sourceId: 'p-1', name: 'Pencil', gtin: 3600029145.2 }))).toEqual([
        expect.objectContaining({ field: 'gtin', code: 'WRONG_TYPE' }),
      ]);
      expect(errorsOf(product.validate({ sourceId: 'p-1', name: 'Pencil', gtin: -36000291452 }))).toEqual([
        expect.objectContaining({ field: 'gtin', code: 'OUT_OF_RANGE' }),
      ]);
    });
  });

  describe('coercing CSV cells', () => {
    it('coerces "true" in deleted to a boolean on a record with other fields', () => {
      expect(recordOf(customerCsv.validate({ sourceId: 'c-1', familyName: 'Lovelace', deleted: 'true' })).deleted).toBe(true);
    });

    it('accepts a CSV tombstone: sourceId and deleted = "true" only', () => {
      expect(customerCsv.validate({ sourceId: 'c-1', deleted: 'true' })).toEqual({ ok: true, record: { sourceId: 'c-1', updatedAt: null, deleted: true, attributes: {} } });
      expect(productCsv.validate({ sourceId: 'p-1', deleted: 'true' })).toEqual({ ok: true, record: { sourceId: 'p-1', updatedAt: null, deleted: true, attributes: {} } });
    });
  });
});
