import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../matching/engine/types';
import { survive } from './survive';
import type { Contributor, TrustLookup } from './survivorship.types';

const equalTrust: TrustLookup = () => 0;

function contributor(source: string, sourceId: string, updatedAt: string | null, attributes: Attributes): Contributor {
  return { sourceRecordId: `${source}/${sourceId}`, source, sourceId, updatedAt, attributes };
}

const crm = (updatedAt: string | null, attributes: Attributes) => contributor('crm', '1', updatedAt, attributes);
const erp = (updatedAt: string | null, attributes: Attributes) => contributor('erp', '7', updatedAt, attributes);

describe('survive', () => {
  it('returns nothing for no contributors', () => {
    expect(survive([], equalTrust)).toEqual({ attributes: {}, provenance: {} });
  });

  it('takes the value of the most recently updated record', () => {
    const { attributes, provenance } = survive([crm('2024-01-01T00:00:00.000Z', { city: 'Sydney' }), erp('2024-06-01T00:00:00.000Z', { city: 'Melbourne' })], equalTrust);
    expect(attributes).toEqual({ city: 'Melbourne' });
    expect(provenance.city).toEqual({
      value: 'Melbourne',
      sourceRecordId: 'erp/7',
      source: 'erp',
      sourceId: '7',
      updatedAt: '2024-06-01T00:00:00.000Z',
      rule: 'most-recent',
      candidates: [{ value: 'Sydney', source: 'crm', sourceId: '1', sourceRecordId: 'crm/1' }],
    });
  });

  it('counts an unknown updatedAt as the oldest, even against a more trusted source', () => {
    const trustCrm: TrustLookup = (source) => (source === 'crm' ? 10 : 0);
    const { attributes, provenance } = survive([crm(null, { city: 'Sydney' }), erp('1970-01-01T00:00:00.000Z', { city: 'Melbourne' })], trustCrm);
    expect(attributes.city).toBe('Melbourne');
    expect(provenance.city.rule).toBe('most-recent');
  });

  it('lets the more trusted source win when both changed at the same time', () => {
    const trustErp: TrustLookup = (source) => (source === 'erp' ? 5 : 1);
    const at = '2024-06-01T00:00:00.000Z';
    const { attributes, provenance } = survive([crm(at, { city: 'Sydney' }), erp(at, { city: 'Melbourne' })], trustErp);
    expect(attributes.city).toBe('Melbourne');
    expect(provenance.city.rule).toBe('source-trust');
  });

  it('asks for trust per attribute', () => {
    const trust: TrustLookup = (source, attribute) => (attribute === 'email' ? (source === 'crm' ? 2 : 1) : source === 'erp' ? 2 : 1);
    const { attributes } = survive([crm(null, { email: 'a@crm.example', city: 'Sydney' }), erp(null, { email: 'a@erp.example', city: 'Melbourne' })], trust);
    expect(attributes).toEqual({ city: 'Melbourne', email: 'a@crm.example' });
  });

  it('breaks a full tie on the smaller source, then on the smaller source id', () => {
    const at = '2024-06-01T00:00:00.000Z';
    const bySource = survive([erp(at, { city: 'Melbourne' }), crm(at, { city: 'Sydney' })], equalTrust);
    expect(bySource.attributes.city).toBe('Sydney');
    expect(bySource.provenance.city.rule).toBe('tie-break');

    const bySourceId = survive([contributor('crm', '20', null, { city: 'Perth' }), contributor('crm', '100', null, { city: 'Hobart' })], equalTrust);
    expect(bySourceId.attributes.city).toBe('Hobart'); // '100' < '20' as strings
    expect(bySourceId.provenance.city).toMatchObject({ sourceId: '100', rule: 'tie-break', candidates: [{ value: 'Perth', source: 'crm', sourceId: '20' }] });
  });

  it('never lets a missing value beat a present one', () => {
    const { attributes, provenance } = survive([crm('2020-01-01T00:00:00.000Z', { city: 'Sydney', phone: '+61298765432' }), erp('2024-01-01T00:00:00.000Z', { city: 'Melbourne' })], equalTrust);
    expect(attributes).toEqual({ city: 'Melbourne', phone: '+61298765432' });
    expect(provenance.phone).toMatchObject({ source: 'crm', rule: 'only-value', candidates: [] });
  });

  it('keeps falsy values: false, 0 and the empty string are values', () => {
    const { attributes } = survive([crm('2024-01-01T00:00:00.000Z', { active: false, price: 0, note: '' }), erp('2020-01-01T00:00:00.000Z', { active: true, price: 9, note: 'x' })], equalTrust);
    expect(attributes).toEqual({ active: false, price: 0, note: '' });
  });

  it('lists every losing value, best first', () => {
    const { provenance } = survive(
      [
        contributor('a', '1', '2021-01-01T00:00:00.000Z', { city: 'Perth' }),
        contributor('b', '1', '2023-01-01T00:00:00.000Z', { city: 'Sydney' }),
        contributor('c', '1', null, { city: 'Darwin' }),
        contributor('d', '1', '2022-01-01T00:00:00.000Z', { city: 'Hobart' }),
      ],
      equalTrust,
    );
    expect(provenance.city.value).toBe('Sydney');
    expect(provenance.city.candidates.map((c) => c.value)).toEqual(['Hobart', 'Perth', 'Darwin']);
  });

  it('gives the same attributes and provenance for every order of the contributors', () => {
    const timestamps = ['2023-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.001Z', null];
    const attributes = fc.record(
      { city: fc.constantFrom('Sydney', 'Melbourne'), email: fc.constantFrom('a@x.example', 'b@x.example'), vip: fc.boolean(), score: fc.integer({ min: 0, max: 3 }) },
      { requiredKeys: [] },
    );
    const contributors = fc.uniqueArray(
      fc.record({ source: fc.constantFrom('crm', 'erp', 'web'), sourceId: fc.constantFrom('1', '2', '10'), updatedAt: fc.constantFrom(...timestamps), attributes }),
      { selector: (c) => `${c.source}|${c.sourceId}`, maxLength: 9 },
    );
    const trustTable = fc.dictionary(fc.constantFrom('crm', 'erp', 'web'), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(
        contributors.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        trustTable,
        ([original, shuffled], table) => {
          const trust: TrustLookup = (source, attribute) => (table[source] ?? 0) + (attribute === 'email' && source === 'web' ? 1 : 0);
          const toContributors = (cs: typeof original) => cs.map((c) => contributor(c.source, c.sourceId, c.updatedAt, c.attributes as Attributes));
          const expected = survive(toContributors(original), trust);
          expect(survive(toContributors(shuffled), trust)).toEqual(expected);
          for (const [name, p] of Object.entries(expected.provenance)) {
            const holders = original.filter((c) => (c.attributes as Attributes)[name] !== undefined);
            expect(p.candidates).toHaveLength(holders.length - 1);
            expect(p.rule === 'only-value').toBe(holders.length === 1);
          }
        },
      ),
    );
  });
});
