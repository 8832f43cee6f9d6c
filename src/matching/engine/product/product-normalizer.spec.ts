import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit } from '../normalize/gtin';
import type { Attributes } from '../types';
import { normalizeProduct } from './product-normalizer';

const space = fc.constantFrom('', ' ', '  ', '\t', '\n');
const casing = (value: string) =>
  fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }).map((upper) => [...value].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));
const padded = (value: fc.Arbitrary<string>) => fc.tuple(space, value, space).map(([a, v, b]) => a + v.replace(/ /g, () => ' '.repeat(1 + Math.floor(v.length % 3))) + b);

/** A valid GTIN-8/12/13/14, written with random spaces and hyphens. */
const gtin = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }), fc.constantFrom(8, 12, 13, 14))
  .map(([payload, length]) => payload.slice(14 - length))
  .map((payload) => payload + gtinCheckDigit(payload))
  .chain((digits) => fc.array(fc.constantFrom('', '', '', ' ', '-'), { minLength: digits.length, maxLength: digits.length }).map((seps) => [...digits].map((d, i) => d + seps[i]).join('')));

const productRecord: fc.Arbitrary<Attributes> = fc
  .record(
    {
      gtin,
      name: padded(fc.constantFrom('Pencil HB', 'Organic Oat Milk 1 L', 'Kaffeemühle')),
      brand: padded(fc.constantFrom('Faber-Castell', 'Oatly')),
      sku: padded(fc.string({ maxLength: 8 })),
      description: fc.string({ unit: 'binary', maxLength: 30 }),
      category: padded(fc.constantFrom('Stationery', 'Dairy Alternatives')),
      color: padded(fc.constantFrom('red', 'Dark Blue')),
      size: padded(fc.constantFrom('XL', '500 ml')),
      price: fc.double({ min: 0, max: 1e6, noNaN: true }),
      currency: padded(fc.constantFrom('EUR', 'AUD', 'USD').chain(casing)),
    },
    { requiredKeys: ['gtin'] },
  )
  .map((record) => record as Attributes);

describe('normalizeProduct', () => {
  it('cleanses a representative record', () => {
    const result = normalizeProduct({
      gtin: ' 4006381-333931 ',
      name: '  Pencil   HB ',
      brand: 'Faber-Castell',
      sku: ' FC-119000 ',
      category: 'Stationery',
      color: '\tgrey',
      size: 'HB',
      description: 'A graphite\npencil.',
      price: 1.5,
      currency: ' eur ',
    });
    expect(result).toEqual({
      cleansed: {
        gtin: '04006381333931',
        name: 'Pencil HB',
        brand: 'Faber-Castell',
        sku: 'FC-119000',
        category: 'Stationery',
        color: 'grey',
        size: 'HB',
        description: 'A graphite pencil.',
        price: 1.5,
        currency: 'EUR',
      },
      errors: [],
    });
  });

  it('writes a UPC-A and a GTIN-8 as GTIN-14', () => {
    expect(normalizeProduct({ gtin: '036000291452' }).cleansed).toEqual({ gtin: '00036000291452' });
    expect(normalizeProduct({ gtin: '9638-5074' }).cleansed).toEqual({ gtin: '00000096385074' });
  });

  it('rejects a GTIN with a wrong check digit as INVALID_GTIN on field gtin', () => {
    expect(normalizeProduct({ gtin: '4006381333932', name: 'Pencil' })).toEqual({
      cleansed: null,
      errors: [{ field: 'gtin', code: 'INVALID_GTIN', message: 'the check digit is wrong: expected 1, got 2' }],
    });
  });

  it.each(['12345', 'ABC-123', '40063813339311'])('rejects the malformed GTIN %j', (value) => {
    const result = normalizeProduct({ gtin: value, name: 'Pencil' });
    expect(result.cleansed).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ field: 'gtin', code: 'INVALID_GTIN' })]);
  });

  it('reads a UPC-A that lost its leading zero, and a GTIN sent as a JSON number, as the same GTIN-14', () => {
    expect(normalizeProduct({ gtin: '36000291452' }).cleansed).toEqual({ gtin: '00036000291452' });
    expect(normalizeProduct({ gtin: 36000291452 }).cleansed).toEqual({ gtin: '00036000291452' });
    expect(normalizeProduct({ gtin: 4006381333931, name: 'Pencil' }).cleansed).toEqual({ gtin: '04006381333931', name: 'Pencil' });
  });

  it('rejects a GTIN number with a wrong check digit as INVALID_GTIN', () => {
    expect(normalizeProduct({ gtin: 4006381333932, name: 'Pencil' }).errors).toEqual([
      { field: 'gtin', code: 'INVALID_GTIN', message: 'the check digit is wrong: expected 1, got 2' },
    ]);
  });

  it('treats a blank GTIN as missing', () => {
    expect(normalizeProduct({ gtin: '   ', name: 'Pencil' })).toEqual({ cleansed: { name: 'Pencil' }, errors: [] });
  });

  it('needs a GTIN or a name', () => {
    const missing = { cleansed: null, errors: [{ field: null, code: 'MISSING_IDENTITY', message: 'at least one of gtin, name is required' }] };
    expect(normalizeProduct({ sku: 'FC-1', brand: 'Faber-Castell' })).toEqual(missing);
    expect(normalizeProduct({ name: '  ', gtin: '' })).toEqual(missing);
  });

  it('keeps a numeric price only and drops unknown fields', () => {
    expect(normalizeProduct({ name: 'Pencil', price: '1.50', weight: 12 }).cleansed).toEqual({ name: 'Pencil' });
    expect(normalizeProduct({ name: 'Pencil', price: 0 }).cleansed).toEqual({ name: 'Pencil', price: 0 });
  });

  it('is idempotent over records spelled with arbitrary whitespace and case', () => {
    fc.assert(
      fc.property(productRecord, (record) => {
        const first = normalizeProduct(record);
        expect(first.errors).toEqual([]);
        expect(normalizeProduct(first.cleansed!)).toEqual(first);
      }),
    );
  });
});
