import { describe, expect, it } from 'vitest';
import { createEngines } from './engine';
import type { MatchExplanation } from './engine/types';
import { DEFAULT_RULES_DIR, loadAllRules } from './match-rules.loader';
import { explanationFromStore, storedExplanation } from './stored-explanation';

const customer = createEngines(loadAllRules(DEFAULT_RULES_DIR)).customer;
const explain = (a: Record<string, string>, b: Record<string, string>): MatchExplanation =>
  customer.compare(customer.features(customer.normalize(a).cleansed!), customer.features(customer.normalize(b).cleansed!)).explanation;

describe('stored explanations', () => {
  const linked = explain(
    { givenName: 'Ann', familyName: 'Lee', email: 'ann.lee@example.com', birthDate: '1980-02-03', city: 'Sydney', country: 'AU' },
    { givenName: 'Anne', familyName: 'Lee', email: 'Ann.Lee@example.com', birthDate: '1980-02-03', country: 'AU' },
  );
  const vetoed = explain(
    { givenName: 'Jayden', familyName: 'Smith', email: 'jayden@example.com', birthDate: '2001-05-06', city: 'Leeds' },
    { givenName: 'Jaden', familyName: 'Smith', email: 'jaden@example.com', birthDate: '2001-05-06', city: 'Leeds' },
  );

  it('read back exactly what was stored, vetoes and their details included', () => {
    expect(vetoed.vetoed).toBeDefined();
    expect(vetoed.comparisons.some((c) => c.veto !== undefined)).toBe(true);
    for (const explanation of [linked, vetoed]) expect(explanationFromStore(storedExplanation(explanation))).toEqual(explanation);
  });

  it('are about half the size of the object form, and rows in the object form stay readable', () => {
    expect(storedExplanation(linked).length).toBeLessThan(JSON.stringify(linked).length * 0.6);
    expect(explanationFromStore(JSON.stringify(vetoed))).toEqual(vetoed);
  });
});
