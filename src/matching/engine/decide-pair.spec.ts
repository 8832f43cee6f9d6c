import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRulesFile } from '../match-rules.loader';
import { createEngines } from './entities';
import type { Attributes, Features, MatchEngine } from './types';

const engines = createEngines({
  customer: loadRulesFile(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'customer'),
  product: loadRulesFile(join(DEFAULT_RULES_DIR, 'product.rules.json'), 'product'),
});

// Small pools of near and far values, so that random pairs reach every kind of level: exact, typos,
// nicknames, swaps, missing values, vetoes, conflicts, corroborations and count-once rules.
const CUSTOMER_VALUES: Record<string, readonly string[]> = {
  givenName: ['Robert', 'Bob', 'Robrt', 'Roberta', 'R', 'Miller', 'Anna', 'Anne', 'Richard', 'Christa', 'Chris', 'Jon', 'Jan', 'Gina', 'Nina'],
  familyName: ['Miller', 'Miler', 'Mueller', 'Robert', 'Conti', 'Featherstonehaugh', 'Featherstonhaugh', 'Smith'],
  birthDate: ['1981-04-17', '1981-04-18', '1981-04-27', '1991-04-17', '1983-04-17', '1961-02-03', '1980-03-04', '1980-04-03'],
  email: ['robert.miller@example.com', 'rob.miller@example.com', 'r.miller@gmail.com', 'robert.miller@gmail.com', 'info@example.com', 'anna@conti.it'],
  phone: ['+61 2 9876 5432', '02 9876 5432', '+61 2 9876 5433', '+61 412 345 678', '0117 101 2191', '+44 117 101 2191'],
  nationalId: ['123-45-6789', '123-45-6788', '987-65-4321'],
  addressLine1: ['12 Wattle Street', '12 Wattle St', '14 Wattle Street', 'Via Roma 12', '14 Clifton Road', 'Corso Buenos Aires 140'],
  city: ['Sydney', 'Melbourne', 'Milano', 'Bristol'],
  postalCode: ['2000', '2001', '3000', '20121', 'BS8 1AA'],
  country: ['AU', 'IT', 'GB'],
};

const PRODUCT_VALUES: Record<string, readonly (string | number)[]> = {
  gtin: ['00194253401230', '00194253401247', '04006381333931'],
  brand: ['Apple', 'APPLE', 'Samsung'],
  name: ['Apple iPhone 15 128GB Black', 'Apple iPhone 15 256GB Black', 'iPhone 15 128 GB black', 'Apple iPhone 15 Pro 128GB Black', 'Samsung Galaxy S24 128GB'],
  color: ['Black', 'black', 'White'],
  price: [899, 1029, 905],
};

/** A record with each field taken from its pool or left out. */
function records(values: Record<string, readonly (string | number)[]>): fc.Arbitrary<Attributes> {
  const fields = Object.entries(values).map(([field, pool]) => [field, fc.option(fc.constantFrom(...pool), { nil: undefined })] as const);
  return fc.record(Object.fromEntries(fields)).map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Attributes);
}

function featuresOf(engine: MatchEngine, record: Attributes): Features | null {
  const cleansed = engine.normalize(record).cleansed;
  return cleansed ? engine.features(cleansed) : null;
}

describe('MatchEngine.decidePair', () => {
  for (const [name, engine, values] of [
    ['customer', engines.customer, CUSTOMER_VALUES],
    ['product', engines.product, PRODUCT_VALUES],
  ] as const) {
    it(`decides every ${name} pair as compare does, and explains it identically when asked`, () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(records(values), records(values), (x, y) => {
          const [a, b] = [featuresOf(engine, x), featuresOf(engine, y)];
          if (!a || !b) return;
          const full = engine.compare(a, b);
          const pair = engine.decidePair(a, b);
          expect(pair.decision).toBe(full.decision);
          expect(pair.scored()).toEqual(full);
          expect(pair.scored()).toBe(pair.scored());
          seen.add(full.decision);
          if (full.explanation.vetoed) seen.add(`vetoed ${full.explanation.vetoed}`);
          if (full.explanation.comparisons.some((c) => c.lifted)) seen.add('lifted');
          if (full.explanation.comparisons.some((c) => c.vetoWith)) seen.add('conflict');
          if (full.explanation.comparisons.some((c) => c.detail?.startsWith('counted once'))) seen.add('counted once');        }),
        { numRuns: 2000 },
      );
      // The pools reach every way a decision is made, not only the plain sums.
      expect([...seen].sort()).toEqual(expect.arrayContaining(['lifted', 'match', 'none', 'possible', 'vetoed none', 'vetoed review', ...(name === 'customer' ? ['conflict', 'counted once'] : [])]));
    });
  }
});
