import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../src/matching/match-rules.loader';
import { addSource, DIALECTS, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';

const FIND = `query($record: JSON!) { findMatches(entityType: CUSTOMER, record: $record) { matches { decision golden { id } } } }`;
const RECOMPUTE = `mutation { recomputeGoldenRecords(entityType: CUSTOMER) { examined changed rekeyed userErrors { code } } }`;

// Blocking keys are derived at ingest and stored. When a rules file changes its blocking rules, the
// records already stored must be found under the new keys too: a recompute re-keys them.
describe.each(DIALECTS)('changing the blocking rules (%s)', (dialect) => {
  let hub: TestHub | undefined;
  afterEach(() => hub?.close());

  it('re-keys stored records on recompute, so the new keys find them', async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    const defaults = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'utf8'));
    // First the hub blocks on email only.
    await hub.restart({ customer: { ...defaults, blocking: defaults.blocking.filter((b: { name: string }) => b.name === 'email') } });
    const anna = { givenName: 'Anna', familyName: 'Lindqvist', birthDate: '1979-03-08', phone: '+46 8 123 456 78', email: 'anna@example.se', country: 'SE' };
    const { ingestCustomers } = await hub.data<any>(INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId: 'a-1', ...anna }] });
    const goldenId = ingestCustomers.results[0].goldenId;

    // Then it blocks on phone too; the stored record still has only its email key.
    await hub.restart({ customer: defaults });
    const sameByPhone = { ...anna, email: 'a.lindqvist@work.example.se' };
    expect((await hub.data<any>(FIND, { record: sameByPhone })).findMatches.matches).toEqual([]);

    const { recomputeGoldenRecords } = await hub.data<any>(RECOMPUTE);
    expect(recomputeGoldenRecords).toMatchObject({ examined: 1, rekeyed: 1, userErrors: [] });
    expect((await hub.data<any>(FIND, { record: sameByPhone })).findMatches.matches).toEqual([{ decision: 'MATCH', golden: { id: goldenId } }]);

    // A second recompute finds nothing left to re-key.
    expect((await hub.data<any>(RECOMPUTE)).recomputeGoldenRecords.rekeyed).toBe(0);
  });
});
