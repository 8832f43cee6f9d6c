import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource, DIALECTS, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';
import { WebhookReceiver } from './support/webhook-receiver';

// Field-level PII masking: a key without PII access sees email, phone, birth date and street address
// masked on every path that returns them; admins, stewards and keys created with pii: true see them clear.
process.env.CANON_WEBHOOK_ALLOW = '127.0.0.1/32';

const ADA = {
  sourceId: 'ada-1',
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: 'ada.secret@example.org',
  phone: '+44 20 7946 0018',
  birthDate: '1815-12-10',
  nationalId: 'AL 58 12 10 D',
  addressLine1: '12 St James Square',
  addressLine2: 'Flat 3',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  region: 'Westminster',
  country: 'GB',
};
// The same person from another source, with another phone and street: losing values for provenance.
const ADA_SHOP = { ...ADA, sourceId: 'ada-shop', phone: '+44 20 7946 0999', addressLine1: '1 Hidden Lane', postalCode: 'N1 9GU' };

// Strings that must never reach a key without PII access, in any form the hub stores them.
const CLEAR = ['ada.secret', '7946 0018', '2079460018', '2079460999', '1815-12-10', '12 St James', 'Hidden Lane', 'Flat 3', 'SW1Y', 'N1 9GU', 'Westminster', 'AL58', 'AL 58'];

const GOLDEN_FIELDS = `id ... on Customer {
  email phone birthDate nationalId addressLine1 addressLine2 city postalCode region country givenName attributes
  sourceRecords { attributes normalized }
  provenance { attribute value candidates { value } }
  history(first: 50) { edges { node { type changes { attribute before after } details } } }
  pins { attribute value }
}`;

const READ_PATHS: Record<string, { query: string; variables?: (ids: Ids) => Record<string, unknown> }> = {
  customerById: { query: `query($id: ID!) { customer(id: $id) { ${GOLDEN_FIELDS} } }`, variables: (ids) => ({ id: ids.golden }) },
  customerAsOf: {
    query: `query($id: ID!, $at: DateTime!) { customer(id: $id, asOf: $at) { ${GOLDEN_FIELDS} } }`,
    variables: (ids) => ({ id: ids.golden, at: new Date().toISOString() }),
  },
  customersConnection: { query: `{ customers(first: 10) { edges { node { ${GOLDEN_FIELDS} } } } }` },
  customersFilteredByCity: {
    query: `query($city: String!) { customers(first: 10, filter: { city: $city }) { edges { node { ${GOLDEN_FIELDS} } } } }`,
    variables: () => ({ city: ADA.city }),
  },
  searchCustomers: { query: `{ searchCustomers(query: "Lovelace", first: 5) { score golden { ${GOLDEN_FIELDS} } } }` },
  findMatches: {
    query: `query($r: JSON!) { findMatches(entityType: CUSTOMER, record: $r, first: 5) { matches { score explanation { comparisons { comparison level detail } } golden { ${GOLDEN_FIELDS} } } } }`,
    variables: () => ({ r: { familyName: 'Lovelace', givenName: 'Ada', email: ADA.email } }),
  },
  matchExplanation: {
    query: `query($g: ID!, $s: ID!) { matchExplanation(goldenId: $g, sourceRecordId: $s) { comparisons { comparison level detail } } }`,
    variables: (ids) => ({ g: ids.golden, s: ids.shopRecord }),
  },
};

interface Ids {
  golden: string;
  shopRecord: string;
}

describe.each(DIALECTS)('PII masking (%s)', (dialect) => {
  let hub: TestHub;
  let receiver: WebhookReceiver;
  const keys: Record<string, string> = {};
  const ids = {} as Ids;

  const createKey = async (input: Record<string, unknown>) => {
    const { createApiKey } = await hub.data<any>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { pii } userErrors { code } } }',
      { input },
    );
    expect(createApiKey.userErrors).toEqual([]);
    expect(createApiKey.apiKey.pii).toBe(input.pii === true);
    return createApiKey.key as string;
  };
  const read = async (path: keyof typeof READ_PATHS, key: string) => {
    const { query, variables } = READ_PATHS[path];
    const response = await hub.gql(query, variables?.(ids), key);
    expect(response.body.errors ?? [], `${path}: ${JSON.stringify(response.body.errors)}`).toEqual([]);
    return response.body.data as Record<string, unknown>;
  };
  const subscribe = async (pii: boolean) => {
    const { createWebhookSubscription } = await hub.data<any>(
      'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id pii } secret userErrors { code } } }',
      { input: { url: `${receiver.url}?pii=${pii}`, eventTypes: ['customer.*'], pii } },
    );
    expect(createWebhookSubscription.subscription.pii).toBe(pii);
    return createWebhookSubscription.secret as string;
  };

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'shop', { defaultTrust: 1 });
    receiver.secrets = [await subscribe(false), await subscribe(true)];
    keys.reader = await createKey({ role: 'READER' });
    keys.piiReader = await createKey({ role: 'READER', pii: true });
    keys.source = await createKey({ role: 'SOURCE', source: 'crm' });
    keys.steward = await createKey({ role: 'STEWARD' });

    const crm = (await hub.data<any>(INGEST_CUSTOMERS, { source: 'crm', records: [ADA] })).ingestCustomers.results[0];
    const shop = (await hub.data<any>(INGEST_CUSTOMERS, { source: 'shop', records: [ADA_SHOP] })).ingestCustomers.results[0];
    expect(shop.goldenId).toBe(crm.goldenId);
    ids.golden = crm.goldenId;
    // A change, so that history holds before/after values, and a steward's pin.
    await hub.data(INGEST_CUSTOMERS, { source: 'crm', records: [{ ...ADA, addressLine2: 'Flat 3, Floor 2' }] });
    const pinned = await hub.data<any>(
      `mutation($g: ID!) { pinAttribute(input: { goldenId: $g, attribute: "phone", value: "+44 20 7946 0018" }) { userErrors { code message } } }`,
      { g: ids.golden },
      keys.steward,
    );
    expect(pinned.pinAttribute.userErrors).toEqual([]);
    const golden = await hub.data<any>('query($id: ID!) { customer(id: $id) { sourceRecords { id source } } }', { id: ids.golden });
    ids.shopRecord = golden.customer.sourceRecords.find((r: { source: string }) => r.source === 'shop').id;
  });
  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
  });

  it.each(Object.keys(READ_PATHS))('masks every personal value for a reader key: %s', async (path) => {
    const text = JSON.stringify(await read(path as keyof typeof READ_PATHS, keys.reader));
    for (const clear of CLEAR) expect(text, `${path} leaks "${clear}"`).not.toContain(clear);
  });

  it('shows the masked forms: first letter and domain, country code and last digits, birth year, city and country', async () => {
    const { customer } = (await read('customerById', keys.reader)) as { customer: Record<string, any> };
    expect(customer).toMatchObject({
      email: 'a***@example.org',
      phone: '+44******0018',
      birthDate: '1815',
      nationalId: '*****210D',
      addressLine1: null,
      addressLine2: null,
      postalCode: null,
      region: null,
      city: 'London',
      country: 'GB',
      givenName: 'Ada',
    });
    expect(customer.attributes).toMatchObject({ email: 'a***@example.org', birthDate: '1815', city: 'London' });
    expect(customer.attributes).not.toHaveProperty('addressLine1');
    const phone = customer.provenance.find((p: { attribute: string }) => p.attribute === 'phone');
    expect(phone.value).toBe('+44******0018');
    // The phone is pinned, so both source values lost, each masked.
    expect(phone.candidates.map((c: { value: unknown }) => c.value).sort()).toEqual(['+44******0018', '+44******0999']);
    expect(customer.pins).toEqual([{ attribute: 'phone', value: '+44******0018' }]);
  });

  it('masks for a source key on its own lookup path, goldenRecordBySource', async () => {
    const response = await hub.gql(
      `{ goldenRecordBySource(entityType: CUSTOMER, source: "crm", sourceId: "ada-1") { ${GOLDEN_FIELDS} } }`,
      undefined,
      keys.source,
    );
    expect(response.body.errors).toBeUndefined();
    const text = JSON.stringify(response.body.data);
    expect(text).toContain('a***@example.org');
    for (const clear of CLEAR) expect(text).not.toContain(clear);
  });

  it.each(['admin', 'steward', 'piiReader'])('shows clear values to %s', async (who) => {
    const key = who === 'admin' ? hub.adminKey : keys[who];
    const { customer } = (await read('customerById', key)) as { customer: Record<string, any> };
    expect(customer).toMatchObject({ email: ADA.email, phone: '+442079460018', birthDate: ADA.birthDate, nationalId: 'AL581210D', addressLine1: ADA.addressLine1, postalCode: ADA.postalCode });
    expect((await read('customersConnection', key)).customers).toMatchObject({ edges: [{ node: { email: ADA.email } }] });
  });

  it('lets no key without PII access test a guess: no email filter, no PII in findMatches or search', async () => {
    const byEmail = `query($email: String!) { customers(first: 10, filter: { email: $email }) { totalCount } }`;
    const refused = await hub.gql(byEmail, { email: ADA.email }, keys.reader);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'PII_REQUIRED' } });
    expect((await hub.data<any>(byEmail, { email: ADA.email }, keys.piiReader)).customers.totalCount).toBe(1);

    // Scores and comparison levels for a right and a wrong guess are the same: personal fields are not scored.
    const probe = async (guess: Record<string, string>, key: string) =>
      (
        await hub.data<any>(
          `query($r: JSON!) { findMatches(entityType: CUSTOMER, record: $r) { ignoredFields matches { score explanation { comparisons { comparison level } } } } }`,
          { r: { givenName: 'Ada', familyName: 'Lovelace', ...guess } },
          key,
        )
      ).findMatches;
    const right = { birthDate: ADA.birthDate, phone: ADA.phone, postalCode: ADA.postalCode, addressLine1: ADA.addressLine1, email: ADA.email, nationalId: ADA.nationalId };
    const wrong = { birthDate: '1815-01-01', phone: '+44 20 7946 0019', postalCode: 'SW1Y 4JX', addressLine1: '13 St James Square', email: 'someone@example.org', nationalId: 'AL581211D' };
    const [asReaderRight, asReaderWrong] = [await probe(right, keys.reader), await probe(wrong, keys.reader)];
    expect(asReaderRight.ignoredFields.sort()).toEqual(['addressLine1', 'birthDate', 'email', 'nationalId', 'phone', 'postalCode']);
    expect(asReaderRight.matches).toEqual(asReaderWrong.matches);
    const [asPiiRight, asPiiWrong] = [await probe(right, keys.piiReader), await probe(wrong, keys.piiReader)];
    expect(asPiiRight.ignoredFields).toEqual([]);
    expect(asPiiRight.matches[0].score).toBeGreaterThan(asPiiWrong.matches[0]?.score ?? 0);

    const search = async (query: string, key: string) =>
      (await hub.data<any>(`query($q: String!) { searchCustomers(query: $q) { score golden { id } } }`, { q: query }, key)).searchCustomers;
    expect(await search(ADA.email, keys.reader)).toEqual([]);
    expect(await search('+442079460018', keys.reader)).toEqual([]);
    expect(await search(ADA.nationalId.replace(/ /g, ''), keys.reader)).toEqual([]);
    expect((await search(ADA.nationalId.replace(/ /g, ''), keys.piiReader)).map((h: { golden: { id: string } }) => h.golden.id)).toEqual([ids.golden]);
    expect((await search(ADA.email, keys.piiReader)).map((h: { golden: { id: string } }) => h.golden.id)).toEqual([ids.golden]);
    expect(await search(`Lovelace ${ADA.postalCode}`, keys.reader)).toEqual(await search('Lovelace SW1Y 4JX', keys.reader));
  });

  it('tells each key whether it sees PII', async () => {
    const seen = async (key: string) => (await hub.data<any>('{ viewer { seesPii } }', undefined, key)).viewer.seesPii;
    expect(await seen(keys.reader)).toBe(false);
    expect(await seen(keys.piiReader)).toBe(true);
    expect(await seen(keys.steward)).toBe(true);
  });

  it('masks webhook payloads for a subscription without PII scope, and only for it', async () => {
    await expect.poll(() => receiver.received.filter((r) => r.url.includes('pii=false')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => receiver.received.filter((r) => r.url.includes('pii=true')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    for (const request of receiver.received) expect(request.verifiedBy.length).toBe(1);
    const masked = receiver.received.filter((r) => r.url.includes('pii=false'));
    const clear = receiver.received.filter((r) => r.url.includes('pii=true'));
    for (const request of masked) for (const value of CLEAR) expect(request.body).not.toContain(value);
    expect(masked[0].payload.data.record).toMatchObject({ email: 'a***@example.org', birthDate: '1815', city: 'London' });
    expect(masked[0].payload.data.changes.find((c: { attribute: string }) => c.attribute === 'email').after).toBe('a***@example.org');
    expect(clear[0].payload.data.record).toMatchObject({ email: ADA.email, addressLine1: ADA.addressLine1 });
  });
});
