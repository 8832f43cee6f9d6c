import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../matching/engine/types';
import { survive, surviveAll } from './survive';
import type { Contributor, Pins, SurvivorshipRules, TrustLookup } from './survivorship.types';

const equalTrust: TrustLookup = () => 0;

function contributor(source: string, sourceId: string, updatedAt: string | null, attributes: Attributes): Contributor {
  return { sourceRecordId: `${source}/${sourceId}`, source, sourceId, updatedAt, attributes };
}

const crm = (updatedAt: string | null, attributes: Attributes) => contributor('crm', '1', updatedAt, attributes);
const erp = (updatedAt: string | null, attributes: Attributes) => contributor('erp', '7', updatedAt, attributes);

describe('survive', () => {
  it('returns nothing for no contributors', () => {
    expect(survive([], equalTrust)).toEqual({ attributes: {}, provenance: {}, conflicts: [] });
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
      strategy: 'most-recent',
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

  it('gives the same attributes, provenance and conflicts for every order of the contributors, whatever the rules', () => {
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
    const strategy = fc.constantFrom('source-priority', 'most-recent', 'most-complete', 'most-frequent' as const);
    const rules = fc.record({
      default: strategy,
      attributes: fc.record({ email: strategy }, { requiredKeys: [] }),
      groups: fc.constantFrom([], [{ name: 'place', attributes: ['city', 'vip'] }]),
      conflictSensitive: fc.constantFrom([], ['email']),
    }) as fc.Arbitrary<SurvivorshipRules>;
    const pins = fc.constantFrom<Pins[]>({}, { city: 'Perth' }, { email: 'pinned@x.example' });
    fc.assert(
      fc.property(
        contributors.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        trustTable,
        rules,
        pins,
        ([original, shuffled], table, rules, pins) => {
          const trust: TrustLookup = (source, attribute) => (table[source] ?? 0) + (attribute === 'email' && source === 'web' ? 1 : 0);
          const toContributors = (cs: typeof original) => cs.map((c) => contributor(c.source, c.sourceId, c.updatedAt, c.attributes as Attributes));
          const expected = survive(toContributors(original), trust, rules, pins);
          expect(survive(toContributors(shuffled), trust, rules, pins)).toEqual(expected);
          for (const [name, p] of Object.entries(expected.provenance)) {
            const holders = original.filter((c) => (c.attributes as Attributes)[name] !== undefined);
            if (p.rule === 'pinned') {
              expect(p.candidates).toHaveLength(holders.length);
              continue;
            }
            // A group member's losers are the other records holding any member of the group.
            if (!p.group) expect(p.candidates).toHaveLength(holders.length - 1);
            if (!p.group) expect(p.rule === 'only-value').toBe(holders.length === 1);
          }
        },
      ),
    );
  });

  describe('strategies', () => {
    const at = (month: number) => `2024-0${month}-01T00:00:00.000Z`;
    const rules = (attributes: SurvivorshipRules['attributes'], extra: Partial<SurvivorshipRules> = {}): SurvivorshipRules => ({
      default: 'most-recent',
      attributes,
      groups: [],
      conflictSensitive: [],
      ...extra,
    });
    const trustErp: TrustLookup = (source) => (source === 'erp' ? 9 : 1);
    const trust: TrustLookup = (source) => ({ erp: 3, crm: 2, web: 1 })[source] ?? 0;

    it('source-priority: the trusted source wins over a more recent one', () => {
      const { attributes, provenance } = survive([crm(at(6), { birthDate: '1980-01-02' }), erp(at(1), { birthDate: '1980-02-01' })], trustErp, rules({ birthDate: 'source-priority' }));
      expect(attributes.birthDate).toBe('1980-02-01');
      expect(provenance.birthDate).toMatchObject({ strategy: 'source-priority', rule: 'source-trust', source: 'erp' });
    });

    it('most-complete: the longest value, whatever its age or source', () => {
      const { attributes, provenance } = survive(
        [crm(at(6), { name: 'iPhone 15' }), erp(at(1), { name: 'Apple iPhone 15 128 GB Black' })],
        () => 0,
        rules({ name: 'most-complete' }),
      );
      expect(attributes.name).toBe('Apple iPhone 15 128 GB Black');
      expect(provenance.name).toMatchObject({ strategy: 'most-complete', rule: 'most-complete' });
    });

    it('most-frequent: the value most sources agree on beats a recent outlier', () => {
      const { attributes, provenance } = survive(
        [
          contributor('crm', '1', at(1), { familyName: 'Miller' }),
          contributor('web', '1', at(2), { familyName: 'Miller' }),
          contributor('shop', '1', at(6), { familyName: 'Miler' }),
        ],
        () => 0,
        rules({ familyName: 'most-frequent' }),
      );
      expect(attributes.familyName).toBe('Miller');
      expect(provenance.familyName).toMatchObject({ strategy: 'most-frequent', rule: 'most-frequent', source: 'web' });
    });

    it('most-frequent counts one name written in other letter cases as one value', () => {
      const { attributes, provenance, conflicts } = survive(
        [
          contributor('crm', '1', at(1), { givenName: 'Robert' }),
          contributor('web', '1', at(2), { givenName: 'ROBERT' }),
          contributor('erp', '1', at(3), { givenName: 'Bob' }),
        ],
        trust,
        rules({ givenName: 'most-frequent' }),
      );
      expect(attributes.givenName).toBe('Robert');
      expect(provenance.givenName).toMatchObject({ rule: 'most-frequent', source: 'crm' });
      expect(conflicts).toEqual([]);
    });

    it('most-frequent shows the winning value as written in mixed case, whichever source ranks first', () => {
      const { attributes, provenance } = survive(
        [
          contributor('erp', '1', at(1), { familyName: 'STAVROPOULOS' }),
          contributor('crm', '1', at(2), { familyName: 'Stavropoulos' }),
          contributor('web', '1', at(3), { familyName: 'Stavropolous' }),
        ],
        trust,
        rules({ familyName: 'most-frequent' }),
      );
      expect(attributes.familyName).toBe('Stavropoulos');
      expect(provenance.familyName).toMatchObject({ source: 'crm', rule: 'most-frequent' });
      // Written one way only, it is shown as written.
      const shouting = survive([contributor('erp', '1', at(1), { familyName: 'LEE' }), contributor('crm', '1', at(2), { familyName: 'LEE' })], trust, rules({ familyName: 'most-frequent' }));
      expect(shouting.attributes.familyName).toBe('LEE');
    });

    it('every strategy shows a value written in capitals as another record writes it in mixed case', () => {
      const { attributes, provenance } = survive(
        [
          contributor('crm', '1', at(1), { city: 'London', postalCode: 'sw1a 1aa', region: 'Greater London' }),
          contributor('erp', '1', at(2), { city: 'LONDON', postalCode: 'SW1A 1AA', region: 'GREATER LONDON' }),
        ],
        trust,
        rules({}),
      );
      // The newest record wins the address; its capitals are shown as the older record writes them.
      expect(attributes).toMatchObject({ city: 'London', region: 'Greater London' });
      expect(provenance.city).toMatchObject({ source: 'crm', rule: 'most-recent' });
      // A postcode is written in capitals: never "calmed" into another spelling.
      expect(attributes.postalCode).toBe('SW1A 1AA');
      // Another value in mixed case is another value: the newest still wins, in capitals.
      const moved = survive(
        [contributor('crm', '1', at(1), { city: 'Leeds' }), contributor('erp', '1', at(2), { city: 'LONDON' })],
        trust,
        rules({}),
      );
      expect(moved.attributes.city).toBe('LONDON');
    });

    it('most-frequent folds letter case and compatibility forms beyond ASCII too', () => {
      const { attributes, provenance } = survive(
        [
          contributor('crm', '1', at(1), { familyName: 'Müller' }),
          contributor('web', '1', at(2), { familyName: 'MÜLLER' }),
          contributor('shop', '1', at(3), { familyName: 'ｍüller ' }), // full-width m, trailing space
          contributor('erp', '1', at(4), { familyName: 'Mueller' }),
        ],
        trust,
        rules({ familyName: 'most-frequent' }),
      );
      expect(attributes.familyName).toBe('Müller');
      expect(provenance.familyName).toMatchObject({ rule: 'most-frequent', source: 'crm' });
    });

    it('a linked group survives whole from one record, never a street from one and a city from another', () => {
      const address = { name: 'address', attributes: ['addressLine1', 'city', 'postalCode', 'country'] };
      const { attributes, provenance } = survive(
        [
          crm(at(1), { addressLine1: '12 Wattle St', city: 'Sydney', postalCode: '2000', country: 'AU' }),
          erp(at(6), { city: 'Melbourne' }), // more recent, but only a city: it moves the whole address or nothing
        ],
        () => 0,
        rules({}, { groups: [address] }),
      );
      expect(attributes).toEqual({ city: 'Melbourne' });
      expect(provenance.city).toMatchObject({ group: 'address', source: 'erp', candidates: [{ value: 'Sydney', source: 'crm' }] });

      const complete = survive(
        [crm(at(1), { addressLine1: '12 Wattle St', city: 'Sydney', postalCode: '2000' }), erp(at(6), { city: 'Melbourne' })],
        () => 0,
        rules({}, { groups: [{ ...address, strategy: 'most-complete' }] }),
      );
      expect(complete.attributes).toEqual({ addressLine1: '12 Wattle St', city: 'Sydney', postalCode: '2000' });
      expect(new Set(Object.values(complete.provenance).map((p) => p.sourceRecordId))).toEqual(new Set(['crm/1']));
    });

    it("a group's winner lacking a member is completed by the best record that agrees with it wherever both speak", () => {
      const address = { name: 'address', attributes: ['addressLine1', 'city', 'postalCode', 'region', 'country'] };
      const street = { addressLine1: '1 Test St', city: 'Sydney', postalCode: '2000', country: 'AU' };
      const { attributes, provenance } = survive(
        [crm(at(1), { ...street, region: 'NSW' }), erp(at(6), { ...street, addressLine1: '1 TEST ST' })], // newer, no region column
        () => 0,
        rules({}, { groups: [address] }),
      );
      expect(attributes).toMatchObject({ addressLine1: '1 TEST ST', region: 'NSW' });
      expect(provenance.region).toMatchObject({ source: 'crm', rule: 'completes-group', group: 'address' });
      expect(provenance.addressLine1).toMatchObject({ source: 'erp', rule: 'most-recent' });

      // A record of another address completes nothing: no region of Melbourne on a street of Sydney.
      const moved = survive(
        [crm(at(1), { ...street, city: 'Melbourne', region: 'VIC' }), erp(at(6), street)],
        () => 0,
        rules({}, { groups: [address] }),
      );
      expect(moved.attributes.region).toBeUndefined();
    });

    it('a pin beats every source and lists every source value as a loser', () => {
      const { attributes, provenance } = survive([crm(at(1), { email: 'a@crm.example' }), erp(at(6), { email: 'a@erp.example' })], () => 0, rules({}), {
        email: 'a@steward.example',
      });
      expect(attributes.email).toBe('a@steward.example');
      expect(provenance.email).toMatchObject({ rule: 'pinned', strategy: 'pinned', sourceRecordId: null });
      expect(provenance.email.candidates.map((c) => c.value)).toEqual(['a@crm.example', 'a@erp.example']);
    });

    it('reports a conflict when equally trusted sources disagree on a conflict-sensitive attribute', () => {
      const sensitive = rules({}, { conflictSensitive: ['birthDate'] });
      const disagree = [crm(at(1), { birthDate: '1980-01-02' }), erp(at(6), { birthDate: '1980-02-01' })];
      expect(survive(disagree, () => 0, sensitive).conflicts).toEqual([
        { attribute: 'birthDate', values: [{ value: '1980-01-02', sourceRecordIds: ['crm/1'] }, { value: '1980-02-01', sourceRecordIds: ['erp/7'] }] },
      ]);
      expect(survive(disagree, trustErp, sensitive).conflicts).toEqual([]); // trust decides
      expect(survive(disagree, () => 0, sensitive, { birthDate: '1980-01-02' }).conflicts).toEqual([]); // a steward decided
      expect(survive(disagree, () => 0, rules({})).conflicts).toEqual([]); // not sensitive
    });
  });

  describe('one contributor', () => {
    const strategy = fc.constantFrom('source-priority', 'most-recent', 'most-complete', 'most-frequent' as const);
    const names = ['city', 'region', 'email', 'givenName', 'familyName', 'vip', '1', 'Zeta', 'é', 'toString'];
    const value = fc.oneof(
      fc.constantFrom('SYDNEY', 'Sydney', 'sydney', ' Mc Donald ', 'ÉMILE', 'x1Y', ''),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -2, max: 3 }),
      fc.boolean(),
    );
    const attributes = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length });
    const group = fc.record(
      { name: fc.constantFrom('address', 'place', ''), attributes: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 4 }), strategy },
      { requiredKeys: ['name', 'attributes'] },
    );
    const rules = fc.record({
      default: strategy,
      attributes: fc.dictionary(fc.constantFrom(...names), strategy, { maxKeys: 4 }),
      // Overlapping groups too: the rules loader refuses them, survive must still agree with itself.
      groups: fc.array(group, { maxLength: 3 }),
      conflictSensitive: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }),
    }) as fc.Arbitrary<SurvivorshipRules>;
    const contributorOf = fc.record({
      source: fc.constantFrom('crm', 'erp'),
      sourceId: fc.constantFrom('1', '7'),
      updatedAt: fc.constantFrom(null, '2024-06-01T00:00:00.000Z'),
      attributes,
    });

    it('gives exactly what the general path gives: attributes, provenance, rules, groups, key order', () => {
      fc.assert(
        fc.property(contributorOf, rules, fc.integer({ min: 0, max: 2 }), (c, r, level) => {
          const contributor = { ...c, sourceRecordId: `${c.source}/${c.sourceId}` };
          const trust: TrustLookup = (source) => (source === 'crm' ? level : 1);
          const fast = survive([contributor], trust, r);
          const general = surviveAll([contributor], trust, r);
          expect(fast).toStrictEqual(general);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
        }),
        { numRuns: 2000 },
      );
    });
  });
});
