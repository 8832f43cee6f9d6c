import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { addSource, DIALECTS, INGEST_CUSTOMERS, INGEST_PRODUCTS, startTestHub, type TestHub } from './support/hub';

// The whole pipeline through GraphQL on a real hub: validate → cleanse → upsert → match → link →
// survivorship → history, on SQLite and on PostgreSQL.
// This file counts SQL statements per read: no webhook dispatcher polling in the background.
process.env.CANON_WEBHOOK_DISPATCH = 'off';
describe.each(DIALECTS)('ingest and read over GraphQL (%s)', (dialect) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'erp', { defaultTrust: 80 });
    await addSource(hub, 'shop');
  });
  afterAll(() => hub?.close());

  const ingest = async (source: string, records: unknown[], entity: 'customer' | 'product' = 'customer') => {
    const data = await hub.data<{ ingestCustomers?: any; ingestProducts?: any }>(entity === 'customer' ? INGEST_CUSTOMERS : INGEST_PRODUCTS, {
      source,
      records,
    });
    return (data.ingestCustomers ?? data.ingestProducts) as {
      summary: Record<string, number>;
      results: { index: number; sourceId: string; outcome: string; goldenId: string | null; errors: any[]; warnings: any[] }[];
      userErrors: { code: string; field: string[]; message: string }[];
    };
  };
  const customer = async (id: string) =>
    (
      await hub.data<{ customer: any }>(
        `query($id: ID!) { customer(id: $id) { id version status mergedInto redirectedFrom givenName familyName email phone city country birthDate
          sourceRecords { source sourceId deleted } provenance { attribute source sourceId rule candidates { value source } }
          history(first: 100) { totalCount edges { node { type version actor changes { attribute before after } } } } } }`,
        { id },
      )
    ).customer;
  const rowCount = async (table: string) => {
    const rows = await hub.server.app.get(Database).query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  };

  it('links records with the same email, or the same phone, family name and initial; not a namesake sharing the phone', async () => {
    const result = await ingest('crm', [
      { sourceId: 'c1', givenName: 'Ann', familyName: 'Lee', email: 'Ann.Lee@Example.com', phone: '+61 2 9876 5432', country: 'AU' },
      { sourceId: 'c2', givenName: 'Anne', familyName: 'Lee', email: ' ann.lee@example.com ' },
      { sourceId: 'c3', givenName: 'A.', familyName: 'LEE', phone: '02 9876 5432', country: 'AU' },
      { sourceId: 'c4', givenName: 'Bob', familyName: 'Lee', phone: '02 9876 5432', country: 'AU' },
    ]);
    expect(result.userErrors).toEqual([]);
    expect(result.results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'CREATED']);
    const [c1, c2, c3, c4] = result.results.map((r) => r.goldenId);
    expect(c2).toBe(c1);
    expect(c3).toBe(c1);
    expect(c4).not.toBe(c1); // same phone and family name, different given-name initial: another person
    expect(result.summary).toMatchObject({ received: 4, created: 4, goldenCreated: 2 });

    const golden = await customer(c1!);
    expect(golden.sourceRecords.map((s: any) => s.sourceId)).toEqual(['c1', 'c2', 'c3']);
    expect(golden.email).toBe('ann.lee@example.com');
    expect(golden.phone).toBe('+61298765432');
    expect(golden.version).toBe(1);
    expect(golden.history.edges.map((e: any) => e.node.type)).toEqual(['CREATED']);
  });

  it('reads national phone numbers in the default country of a source whose records name none', async () => {
    const created = await hub.data<any>(
      `mutation($input: CreateSourceSystemInput!) { createSourceSystem(input: $input) { sourceSystem { code defaultCountry } userErrors { code field message } } }`,
      { input: { code: 'uk-crm', defaultCountry: 'gb' } },
    );
    expect(created.createSourceSystem).toMatchObject({ sourceSystem: { code: 'uk-crm', defaultCountry: 'GB' }, userErrors: [] });
    const refused = await hub.data<any>(
      `mutation($input: CreateSourceSystemInput!) { createSourceSystem(input: $input) { sourceSystem { code } userErrors { code field message } } }`,
      { input: { code: 'nowhere', defaultCountry: 'UK' } },
    );
    expect(refused.createSourceSystem.userErrors).toEqual([{ code: 'INVALID_COUNTRY', field: ['defaultCountry'], message: expect.stringContaining('"UK" is not an ISO 3166-1 alpha-2') }]);

    const [national] = (await ingest('uk-crm', [{ sourceId: 'uk-1', givenName: 'Priya', familyName: 'Shah', phone: '07911 123456' }])).results;
    expect((await customer(national.goldenId!)).phone).toBe('+447911123456');
    // The same person from a source that writes the number internationally links on it.
    const [international] = (await ingest('crm', [{ sourceId: 'int-1', givenName: 'Priya', familyName: 'Shah', phone: '+44 7911 123456' }])).results;
    expect(international.goldenId).toBe(national.goldenId);
    // A record naming its own country keeps it: the default is only for records that name none.
    const [abroad] = (await ingest('uk-crm', [{ sourceId: 'uk-2', familyName: 'Dubois', phone: '06 12 34 56 78', country: 'FR' }])).results;
    expect((await customer(abroad.goldenId!)).phone).toBe('+33612345678');
    const cleared = await hub.data<any>(`mutation { updateSourceSystem(code: "uk-crm", input: { defaultCountry: "" }) { sourceSystem { defaultCountry } userErrors { code } } }`);
    expect(cleared.updateSourceSystem).toEqual({ sourceSystem: { defaultCountry: null }, userErrors: [] });
  });

  it('links products by GTIN whatever form the GTIN is sent in', async () => {
    const result = await ingest(
      'shop',
      [
        { sourceId: 'p1', gtin: '036000291452', name: 'Tissue 2-ply', brand: 'Kleenex', price: 3.5, currency: 'USD' },
        { sourceId: 'p2', gtin: '0036000291452', name: 'Kleenex tissues' },
        { sourceId: 'p3', gtin: '00036000291452', name: 'Kleenex tissue box', category: 'Household' },
        { sourceId: 'p4', gtin: '4006381333931', name: 'Stabilo pen' },
      ],
      'product',
    );
    const ids = result.results.map((r) => r.goldenId);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
    const { product } = await hub.data<{ product: any }>(`query($id: ID!) { product(id: $id) { gtin brand price currency category } }`, {
      id: ids[0],
    });
    expect(product).toEqual({ gtin: '00036000291452', brand: 'Kleenex', price: 3.5, currency: 'USD', category: 'Household' });
  });

  it('keeps the good records of a batch and reports each bad one with index, sourceId, field and reason', async () => {
    const before = { source: await rowCount('source_record'), golden: await rowCount('golden_record') };
    const result = await ingest('crm', [
      { sourceId: 'ok-1', familyName: 'Good', email: 'good1@example.com' },
      { sourceId: 'bad-1', familyName: 'X', favouriteColour: 'blue' },
      { sourceId: 'bad-2', familyName: 42 },
      { sourceId: 'bad-3', familyName: 'Y', birthDate: '1990-02-30' },
      { sourceId: 'ok-2', familyName: 'Good', email: 'good2@example.com' },
      'not an object',
      { familyName: 'No id' },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['CREATED', 'REJECTED', 'REJECTED', 'REJECTED', 'CREATED', 'REJECTED', 'REJECTED']);
    const byIndex = Object.fromEntries(result.results.map((r) => [r.index, r]));
    expect(byIndex[1]).toMatchObject({ sourceId: 'bad-1', errors: [{ field: 'favouriteColour', code: 'UNKNOWN_FIELD' }] });
    expect(byIndex[2].errors).toContainEqual(expect.objectContaining({ field: 'familyName', code: 'WRONG_TYPE' }));
    expect(byIndex[3].errors).toEqual([expect.objectContaining({ field: 'birthDate', code: 'INVALID_FORMAT' })]);
    expect(byIndex[5].errors[0].code).toBe('NOT_AN_OBJECT');
    expect(byIndex[6].errors).toContainEqual(expect.objectContaining({ field: 'sourceId', code: 'REQUIRED' }));
    expect(result.summary).toMatchObject({ received: 7, created: 2, rejected: 5 });
    expect(await rowCount('source_record')).toBe(before.source + 2);
    expect(await rowCount('golden_record')).toBe(before.golden + 2);

    const products = await ingest('shop', [{ sourceId: 'bad-gtin', gtin: '4006381333932', name: 'Pen' }], 'product');
    expect(products.results[0]).toMatchObject({ outcome: 'REJECTED', errors: [{ field: 'gtin', code: 'INVALID_GTIN' }] });
    expect(products.results[0].errors[0].message).toMatch(/check digit/);
  });

  it('rejects a batch from an unknown source, or of a wrong size, and writes nothing', async () => {
    const before = await rowCount('source_record');
    const unknown = await ingest('nowhere', [{ sourceId: 'x', familyName: 'X' }]);
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'UNKNOWN_SOURCE', field: ['source'] })]);
    expect(unknown.results).toEqual([]);
    expect((await ingest('crm', [])).userErrors[0].code).toBe('BATCH_EMPTY');
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ sourceId: `many-${i}`, familyName: 'Many' }));
    expect((await ingest('crm', tooMany)).userErrors[0].code).toBe('BATCH_TOO_LARGE');
    expect(await rowCount('source_record')).toBe(before);
  });

  it('treats a re-sent record as a no-op: UNCHANGED, no version moves, no event', async () => {
    const records = [
      { sourceId: 'idem-1', givenName: 'Ida', familyName: 'Em', email: 'ida@example.com', updatedAt: '2024-03-01T10:00:00Z' },
      { sourceId: 'idem-2', familyName: 'Potent', phone: '+4930123456', country: 'DE' },
    ];
    const first = await ingest('crm', records);
    const events = await rowCount('golden_event');
    // Field order and surrounding whitespace do not make a record different.
    const again = await ingest('crm', [
      { email: 'ida@example.com ', familyName: 'Em', givenName: 'Ida', sourceId: 'idem-1', updatedAt: '2024-03-01T10:00:00Z' },
      records[1],
    ]);
    expect(again.results.map((r) => r.outcome)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(again.results.map((r) => r.goldenId)).toEqual(first.results.map((r) => r.goldenId));
    expect(again.summary).toMatchObject({ unchanged: 2, goldenCreated: 0, goldenUpdated: 0 });
    expect(await rowCount('golden_event')).toBe(events);
    expect((await customer(first.results[0].goldenId!)).version).toBe(1);
  });

  it('applies the most recent value across sources, then the more trusted source, and explains it', async () => {
    const crm = await ingest('crm', [
      { sourceId: 'sv-1', givenName: 'Sam', familyName: 'Vance', email: 'sam@example.com', city: 'Sydney', updatedAt: '2024-01-01T00:00:00Z' },
    ]);
    const goldenId = crm.results[0].goldenId!;
    const erp = await ingest('erp', [
      { sourceId: 'E-9', givenName: 'Samuel', familyName: 'Vance', email: 'sam@example.com', city: 'Melbourne', updatedAt: '2023-06-01T00:00:00Z' },
    ]);
    expect(erp.results[0].goldenId).toBe(goldenId);
    let golden = await customer(goldenId);
    expect(golden.city).toBe('Sydney'); // crm changed more recently
    expect(golden.version).toBe(2);
    const city = golden.provenance.find((p: any) => p.attribute === 'city');
    expect(city).toMatchObject({ source: 'crm', sourceId: 'sv-1', rule: 'most-recent', candidates: [{ value: 'Melbourne', source: 'erp' }] });

    // Same timestamp: erp (trust 80) beats crm (50).
    await ingest('erp', [
      { sourceId: 'E-9', givenName: 'Samuel', familyName: 'Vance', email: 'sam@example.com', city: 'Melbourne', updatedAt: '2024-01-01T00:00:00Z' },
    ]);
    golden = await customer(goldenId);
    expect(golden.city).toBe('Melbourne');
    expect(golden.givenName).toBe('Samuel');
    expect(golden.provenance.find((p: any) => p.attribute === 'city').rule).toBe('source-trust');
    const last = golden.history.edges.at(-1).node;
    expect(last).toMatchObject({ type: 'UPDATED', version: 3, actor: expect.stringMatching(/^key:/) });
    expect(last.changes).toContainEqual({ attribute: 'city', before: 'Sydney', after: 'Melbourne' });
  });

  it('ignores an update older than the version it already holds, with a warning', async () => {
    await ingest('crm', [{ sourceId: 'stale-1', familyName: 'Stale', email: 'stale@example.com', updatedAt: '2024-05-01T00:00:00Z' }]);
    const old = await ingest('crm', [{ sourceId: 'stale-1', familyName: 'Older', email: 'stale@example.com', updatedAt: '2024-04-01T00:00:00Z' }]);
    expect(old.results[0]).toMatchObject({ outcome: 'UNCHANGED', warnings: [{ code: 'STALE_UPDATE', field: 'updatedAt' }] });
    expect((await customer(old.results[0].goldenId!)).familyName).toBe('Stale');
  });

  it('tombstones deleted source records and deletes a golden record left without live sources', async () => {
    const created = await ingest('crm', [{ sourceId: 'del-1', givenName: 'Dee', familyName: 'Lete', email: 'dee@example.com', city: 'Leeds' }]);
    await ingest('erp', [{ sourceId: 'del-E', givenName: 'Dee', familyName: 'Lete', email: 'dee@example.com', city: 'York', updatedAt: '2024-01-01T00:00:00Z' }]);
    const goldenId = created.results[0].goldenId!;
    expect((await customer(goldenId)).city).toBe('York');

    const gone = await ingest('erp', [{ sourceId: 'del-E', deleted: true }]);
    expect(gone.results[0]).toMatchObject({ outcome: 'UPDATED', goldenId });
    let golden = await customer(goldenId);
    expect(golden).toMatchObject({ status: 'ACTIVE', city: 'Leeds' });
    expect(golden.sourceRecords).toContainEqual({ source: 'erp', sourceId: 'del-E', deleted: true });

    await ingest('crm', [{ sourceId: 'del-1', deleted: true }]);
    golden = await customer(goldenId);
    expect(golden.status).toBe('DELETED');
    expect(golden.history.edges.at(-1).node.type).toBe('DELETED');
    const active = await hub.data<{ customers: any }>(`{ customers(first: 100, filter: { email: "dee@example.com" }) { edges { node { id } } } }`);
    expect(active.customers.edges).toEqual([]);
    const deleted = await hub.data<{ customers: any }>(
      `{ customers(first: 100, status: DELETED, filter: { email: "dee@example.com" }) { edges { node { id } } } }`,
    );
    expect(deleted.customers.edges).toEqual([{ node: { id: goldenId } }]);

    const unknown = await ingest('crm', [{ sourceId: 'never-seen', deleted: true }]);
    expect(unknown.results[0]).toMatchObject({ outcome: 'UNCHANGED', warnings: [{ code: 'NOT_FOUND' }] });
  });

  it('moves a lone record that now matches another golden record, and redirects the retired id', async () => {
    const first = await ingest('crm', [{ sourceId: 'mv-1', givenName: 'Mo', familyName: 'Ve', email: 'mo@example.com' }]);
    const lone = await ingest('shop', [{ sourceId: 'mv-S', givenName: 'Mo', familyName: 'Ve', email: 'mo.ve@example.com' }]);
    const survivor = first.results[0].goldenId!;
    const retired = lone.results[0].goldenId!;
    expect(retired).not.toBe(survivor);
    const moved = await ingest('shop', [{ sourceId: 'mv-S', givenName: 'Mo', familyName: 'Ve', email: 'mo@example.com' }]);
    expect(moved.results[0]).toMatchObject({ outcome: 'UPDATED', goldenId: survivor });
    const redirected = await customer(retired);
    expect(redirected).toMatchObject({ id: survivor, redirectedFrom: retired });
    expect(redirected.sourceRecords.map((s: any) => s.sourceId).sort()).toEqual(['mv-1', 'mv-S']);
    const { customers } = await hub.data<{ customers: any }>(
      `{ customers(first: 10, status: MERGED, filter: { familyName: "ve" }) { edges { node { id mergedInto } } } }`,
    );
    expect(customers.edges).toEqual([{ node: { id: retired, mergedInto: survivor } }]);
  });

  it('pages through customers with Relay cursors, each record once, and filters case-insensitively', async () => {
    const records = Array.from({ length: 23 }, (_, i) => ({
      sourceId: `page-${i}`,
      givenName: `P${i}`,
      familyName: 'Pager',
      email: `pager${i}@example.com`,
      city: i % 2 ? 'Berlin' : 'Hamburg',
      country: 'DE',
    }));
    await ingest('crm', records);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = (
        await hub.data<{ customers: any }>(
          `query($after: String) { customers(first: 5, after: $after, filter: { familyName: "PAGER" }) {
             totalCount edges { cursor node { id givenName } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          { after },
        )
      ).customers;
      pages++;
      expect(page.totalCount).toBe(23);
      seen.push(...page.edges.map((e: any) => e.node.givenName));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen.sort()).toEqual(records.map((r) => r.givenName).sort());

    const berlin = await hub.data<{ customers: any }>(`{ customers(first: 100, filter: { familyName: "pager", city: "berlin", country: "de" }) { totalCount } }`);
    expect(berlin.customers.totalCount).toBe(11);
    const byEmail = await hub.data<{ customers: any }>(`{ customers(first: 1, filter: { email: "PAGER7@example.com" }) { edges { node { givenName } } } }`);
    expect(byEmail.customers.edges).toEqual([{ node: { givenName: 'P7' } }]);

    const tooBig = await hub.gql(`{ customers(first: 101) { totalCount } }`);
    expect(tooBig.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // A country name where a code belongs is an error that says so, not an empty page.
    const named = await hub.gql(`{ customers(first: 10, filter: { country: "Germany" }) { totalCount } }`);
    expect(named.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('ISO 3166-1 alpha-2'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('filters products by GTIN in any form, brand and category', async () => {
    const { products } = await hub.data<{ products: any }>(
      `{ products(first: 10, filter: { gtin: "036000291452", brand: "KLEENEX", category: "household" }) { edges { node { gtin name } } } }`,
    );
    expect(products.edges).toHaveLength(1);
    expect(products.edges[0].node.gtin).toBe('00036000291452');
  });

  it('finds the golden record of a source record', async () => {
    const { goldenRecordBySource } = await hub.data<{ goldenRecordBySource: any }>(
      `{ goldenRecordBySource(entityType: CUSTOMER, source: "crm", sourceId: "c3") { id entityType ... on Customer { familyName } } }`,
    );
    expect(goldenRecordBySource).toMatchObject({ entityType: 'CUSTOMER', familyName: 'Lee' });
    const none = await hub.data<{ goldenRecordBySource: any }>(`{ goldenRecordBySource(entityType: PRODUCT, source: "crm", sourceId: "c3") { id } }`);
    expect(none.goldenRecordBySource).toBeNull();
  });

  it('reads a page of 100 records with their source records and history in a constant number of statements', async () => {
    await ingest(
      'crm',
      Array.from({ length: 120 }, (_, i) => ({ sourceId: `n1-${i}`, familyName: 'Plusone', email: `n1-${i}@example.com` })),
    );
    const query = `query($first: Int!) { customers(first: $first, filter: { familyName: "plusone" }) {
      edges { node { id sourceRecords { sourceId } history(first: 5) { edges { node { version } } } provenance { attribute } } } } }`;
    const counter = hub.server.app.get(Database).queryCounter;
    await hub.data(query, { first: 1 }); // warms the API key cache
    const statementsFor = async (first: number) => {
      const start = counter.count;
      const data = await hub.data<{ customers: any }>(query, { first });
      expect(data.customers.edges).toHaveLength(first);
      return counter.count - start;
    };
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(3);
  });

  it('accepts "extensions": null, as GraphQL over HTTP allows', async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
      body: JSON.stringify({ query: '{ viewer { role } }', variables: null, operationName: null, extensions: null }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
  });

  it('answers health checks', async () => {
    expect((await fetch(`${hub.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${hub.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: dialect, migrations: 'applied' });
  });
});
