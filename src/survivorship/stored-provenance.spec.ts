import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandProvenance, storeProvenance } from './stored-provenance';
import { survive } from './survive';
import type { Contributor, TrustLookup } from './survivorship.types';

const trust: TrustLookup = (source) => (source === 'erp' ? 80 : 50);

describe(storeProvenance.name, () => {
  it('expands back to exactly what survive() explained, for any set of contributors', () => {
    const contributor = fc.record({
      source: fc.constantFrom('crm', 'erp', 'shop'),
      sourceId: fc.string({ minLength: 1, maxLength: 4 }),
      updatedAt: fc.option(fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'), { nil: null }),
      attributes: fc.dictionary(fc.constantFrom('email', 'city', 'phone'), fc.string({ maxLength: 5 }), { minKeys: 1 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(contributor, { minLength: 1, maxLength: 5, selector: (c) => `${c.source}/${c.sourceId}` }), (raw) => {
        const contributors: Contributor[] = raw.map((c) => ({ ...c, sourceRecordId: `${c.source}/${c.sourceId}` }));
        const survived = survive(contributors, trust);
        const stored = JSON.parse(JSON.stringify(storeProvenance(survived, contributors)));
        const expanded = Object.fromEntries(expandProvenance(stored, contributors, survived.attributes).map(({ attribute, ...p }) => [attribute, p]));
        expect(expanded).toEqual(survived.provenance);
      }),
    );
  });

  it('stores each contributor id once, however many attributes it won', () => {
    const only: Contributor = { sourceRecordId: 'r-1', source: 'crm', sourceId: '1', updatedAt: null, attributes: { email: 'a@b.c', city: 'X', phone: '+1' } };
    const stored = storeProvenance(survive([only], trust), [only]);
    expect(stored.m).toEqual(['r-1']);
    expect(JSON.stringify(stored).match(/r-1/g)).toHaveLength(1);
  });
});
