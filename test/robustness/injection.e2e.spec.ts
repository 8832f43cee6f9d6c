import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/common/database/database';
import { addSource, DIALECTS, INGEST_CUSTOMERS, INGEST_PRODUCTS, startTestHub, type TestHub } from '../support/hub';
import { INJECTION_STRINGS } from '../support/malformed';
import { rowCounts, serverFaults, postGraphQL } from '../support/robustness';

// SQL-looking strings, LIKE wildcards and escapes in every read that takes a string (list filters,
// search, goldenRecordBySource, findMatches) are literals, on both engines: a record whose value is
// literally that string is found exactly, no other record is returned, wildcards widen nothing, and
// every table is intact afterwards. The data holds decoys that a LIKE pattern or an OR 1=1 would return.

// The fuzzing set, plus strings that also close a string literal or mix LIKE and OR.
const INJECTIONS = [...INJECTION_STRINGS, `Robert'); DROP TABLE source_record;--`, `%' OR 'a' LIKE '%`] as const;
/** Strings no record holds: a lookup by them must find nothing. */
const ABSENT = [`' OR 'x'='x`, `%%%`, `___`, `' OR 1=1; --`, `") OR ("1"="1`, `%_%`, `\\\\`] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const word = (k: number) => `${LETTERS[k % 26].toUpperCase()}${LETTERS[(k * 7 + 3) % 26]}${LETTERS[(k * 11 + 5) % 26]}${LETTERS[Math.floor(k / 26) % 26]}x`;

const fold = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A GTIN-13 with its check digit, distinct per n. */
function gtin(n: number): string {
  const body = `400638${String(100000 + n).padStart(6, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const CUSTOMER_DECOYS = [
  { sourceId: 'decoy-1', givenName: 'Pat', familyName: 'Percent', email: 'axb@example.com', city: 'Anytown' },
  { sourceId: 'decoy-2', givenName: 'Uma', familyName: 'Underscore', email: 'acb@example.com', city: 'X' },
  { sourceId: 'decoy-3', givenName: 'Ada', familyName: 'Acb', email: 'ab@example.com', city: 'Acb' },
  { sourceId: 'decoy-4', givenName: 'Abe', familyName: 'Axyzb', email: 'a.b@example.com', city: 'Axyzb' },
  { sourceId: 'decoy-5', givenName: 'Xia', familyName: 'X', email: 'x@example.com', city: 'Ab' },
  { sourceId: 'decoy-6', givenName: 'Bea', familyName: 'Backslash', email: 'back.slash@example.com', city: 'Slash' },
];
/** Emails that are valid and hold LIKE wildcards or quotes. */
const ODD_EMAILS = ['a%b@example.com', 'a_b@example.com', "o'reilly@example.com", "x'or'1'='1@example.com", '%@example.com'];

describe.each(DIALECTS)('SQL-looking strings are literals in filters, search and lookups (%s)', (dialect) => {
  let hub: TestHub;
  /** injection string → the golden id of the customer whose family name, city and sourceId it is. */
  const customerOf = new Map<string, string>();
  const productOf = new Map<string, string>();
  const emailOf = new Map<string, string>();
  let tablesBefore: string[];
  let countsBefore: Record<string, number>;
  const database = () => hub.server.app.get(Database);

  /** Runs a query and fails on a 5xx, an internal error or any error at all. */
  const read = async (query: string, variables: Record<string, unknown>) => {
    const result = await postGraphQL(hub.url, hub.adminKey, { query, variables });
    expect(serverFaults(result), `${query} ${JSON.stringify(variables)}`).toEqual([]);
    expect(result.json.errors, `${query} ${JSON.stringify(variables)}: ${result.text.slice(0, 300)}`).toBeUndefined();
    return result.json.data;
  };
  const customersWhere = async (filter: Record<string, string>) =>
    (await read(`query($f: CustomerFilterInput) { customers(first: 100, filter: $f) { totalCount edges { node { id familyName city email } } } }`, { f: filter })).customers;
  const productsWhere = async (filter: Record<string, string>) =>
    (await read(`query($f: ProductFilterInput) { products(first: 100, filter: $f) { totalCount edges { node { id brand category } } } }`, { f: filter })).products;
  const tables = async () =>
    (
      await database().query<{ name: string }>(
        dialect === 'sqlite'
          ? `SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name`
          : `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() UNION SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`,
      )
    ).map((r) => r.name);

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'shop', { uniqueRecords: true });
    const customers = [
      ...INJECTIONS.map((s, k) => ({ sourceId: s, givenName: word(k), familyName: s, city: s, email: `fam.${k}@inj.example.com` })),
      ...CUSTOMER_DECOYS,
      ...ODD_EMAILS.map((email, k) => ({ sourceId: `mail-${k}`, givenName: word(100 + k), familyName: `Mailer${word(200 + k)}`, email })),
    ];
    const ingested = (await hub.data<{ ingestCustomers: any }>(INGEST_CUSTOMERS, { source: 'crm', records: customers })).ingestCustomers;
    expect(ingested.results.filter((r: any) => r.outcome !== 'CREATED')).toEqual([]);
    INJECTIONS.forEach((s, k) => customerOf.set(s, ingested.results[k].goldenId));
    ODD_EMAILS.forEach((e, k) => emailOf.set(e, ingested.results[INJECTIONS.length + CUSTOMER_DECOYS.length + k].goldenId));
    expect(new Set(ingested.results.map((r: any) => r.goldenId)).size).toBe(customers.length); // no two merged

    const products = [
      ...INJECTIONS.map((s, k) => ({ sourceId: `p:${s}`, gtin: gtin(k), name: `Widget ${word(k)} ${k}`, brand: s, category: s })),
      { sourceId: 'p-decoy-1', gtin: gtin(900), name: 'Widget Percent', brand: 'Percent Brand', category: 'acb' },
      { sourceId: 'p-decoy-2', gtin: gtin(901), name: 'Widget Axyzb', brand: 'Axyzb', category: 'axyzb' },
      { sourceId: 'p-decoy-3', gtin: gtin(902), name: 'Widget X', brand: 'X', category: 'Ab' },
    ];
    const ingestedProducts = (await hub.data<{ ingestProducts: any }>(INGEST_PRODUCTS, { source: 'shop', records: products })).ingestProducts;
    expect(ingestedProducts.results.filter((r: any) => r.outcome !== 'CREATED')).toEqual([]);
    INJECTIONS.forEach((s, k) => productOf.set(s, ingestedProducts.results[k].goldenId));
    expect(new Set(ingestedProducts.results.map((r: any) => r.goldenId)).size).toBe(products.length);
    tablesBefore = await tables();
    countsBefore = await rowCounts(database(), ['source_record', 'golden_record', 'match_key', 'recent_match_key', 'golden_event', 'api_key', 'source_system']);
  });
  afterAll(() => hub?.close());

  it('stores each string as sent', async () => {
    for (const s of INJECTIONS) {
      const customer = (await read(`query($id: ID!) { customer(id: $id) { familyName city sourceRecords { sourceId } } }`, { id: customerOf.get(s) })).customer;
      expect(customer).toEqual({ familyName: s, city: s, sourceRecords: [{ sourceId: s }] });
    }
  });

  it('customers(filter:) on familyName, city and email matches the literal value only', async () => {
    for (const s of INJECTIONS) {
      for (const field of ['familyName', 'city'] as const) {
        const page = await customersWhere({ [field]: s });
        expect(page.edges.map((e: any) => e.node.id), `${field} = ${s}`).toEqual([customerOf.get(s)]);
        expect(page.totalCount).toBe(1);
      }
    }
    for (const email of ODD_EMAILS) {
      const page = await customersWhere({ email });
      expect(page.edges.map((e: any) => e.node.email), email).toEqual([email]);
      expect(page.edges[0].node.id).toBe(emailOf.get(email));
    }
    // Wildcards match nothing unless a record holds them literally; the decoys they would match by LIKE stay out.
    for (const s of ABSENT) {
      for (const field of ['familyName', 'city', 'email'] as const) {
        const page = await customersWhere({ [field]: s });
        expect(page.totalCount, `${field} = ${s}`).toBe(0);
      }
      // A country is a two-letter code: anything else is refused as bad input, never run as SQL.
      const country = await postGraphQL(hub.url, hub.adminKey, {
        query: `query($f: CustomerFilterInput) { customers(first: 100, filter: $f) { totalCount } }`,
        variables: { f: { country: s } },
      });
      expect(serverFaults(country), s).toEqual([]);
      expect(country.json.errors?.[0]?.extensions?.code, s).toBe('BAD_USER_INPUT');
    }
    expect((await customersWhere({ email: '_@example.com' })).totalCount).toBe(0); // LIKE: x@example.com
    expect((await customersWhere({ email: 'a_b@example.com' })).totalCount).toBe(1); // LIKE: also axb@, acb@
    expect((await customersWhere({ city: 'A%' })).totalCount).toBe(0); // LIKE: Anytown, Acb, Axyzb, Ab
    expect((await customersWhere({ familyName: 'a%b' })).edges.map((e: any) => e.node.familyName)).toEqual(['a%b']); // LIKE: also Acb, Axyzb
    // Several filters together are ANDed, not ORed by a quote.
    expect((await customersWhere({ familyName: `' OR 1=1 --`, city: 'Anytown' })).totalCount).toBe(0);
  });

  it('products(filter:) on brand, category and gtin matches the literal value only', async () => {
    for (const s of INJECTIONS) {
      for (const field of ['brand', 'category'] as const) {
        const page = await productsWhere({ [field]: s });
        expect(page.edges.map((e: any) => e.node.id), `${field} = ${s}`).toEqual([productOf.get(s)]);
      }
      // A GTIN filter is a GTIN or nothing.
      expect((await productsWhere({ gtin: s })).totalCount, `gtin = ${s}`).toBe(0);
    }
    for (const s of ABSENT) for (const field of ['brand', 'category', 'gtin'] as const) expect((await productsWhere({ [field]: s })).totalCount, `${field} = ${s}`).toBe(0);
    expect((await productsWhere({ gtin: gtin(3) })).edges.map((e: any) => e.node.id)).toEqual([productOf.get(INJECTIONS[3])]);
  });

  it('goldenRecordBySource finds the record whose sourceId is the literal string, and nothing for others', async () => {
    const bySource = async (entityType: string, source: string, sourceId: string) =>
      (await read(`query($t: EntityType!, $s: String!, $id: String!) { goldenRecordBySource(entityType: $t, source: $s, sourceId: $id) { id } }`, { t: entityType, s: source, id: sourceId }))
        .goldenRecordBySource?.id ?? null;
    for (const s of INJECTIONS) {
      expect(await bySource('CUSTOMER', 'crm', s), s).toBe(customerOf.get(s));
      expect(await bySource('PRODUCT', 'shop', `p:${s}`), s).toBe(productOf.get(s));
      // As a source code, it is no source at all.
      expect(await bySource('CUSTOMER', s, s), `source ${s}`).toBeNull();
    }
    for (const s of [...ABSENT, 'decoy-%', 'decoy-_', 'p:%%%']) expect(await bySource('CUSTOMER', 'crm', s), s).toBeNull();
  });

  it('searchCustomers and searchProducts: wildcards widen nothing, and every hit holds a word of the query', async () => {
    const search = async (kind: 'searchCustomers' | 'searchProducts', query: string) =>
      (await read(`query($q: String!) { ${kind}(query: $q, first: 50) { score golden { id ... on Customer { familyName givenName email city } ... on Product { name brand category gtin } } } }`, { q: query }))[
        kind
      ];
    // A control: search does find records, so the empty answers below are not vacuous.
    expect((await search('searchCustomers', 'Percent')).map((h: any) => h.golden.familyName)).toContain('Percent');
    expect((await search('searchProducts', gtin(901))).map((h: any) => h.golden.brand)).toContain('Axyzb');
    const total = (await customersWhere({})).totalCount as number;
    const problems: string[] = [];
    for (const kind of ['searchCustomers', 'searchProducts'] as const) {
      for (const query of [...INJECTIONS, ...ABSENT]) {
        const hits = await search(kind, query);
        const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 || /\d/.test(w));
        for (const hit of hits) {
          const { id: _, ...fields } = hit.golden;
          const text = Object.values(fields).filter((v) => typeof v === 'string').join(' ').toLowerCase();
          // A hit holds the query literally, shares one of its words, or is spelled the same but for punctuation
          // (search normalises names: "a%b" and "a_b" are both "a b"); a LIKE pattern would match Acb or Axyzb.
          const folded = Object.values(fields).map((v) => fold(String(v)));
          if (!text.includes(query.toLowerCase()) && !words.some((w) => text.includes(w)) && !folded.includes(fold(query))) problems.push(`${kind}(${JSON.stringify(query)}) returned ${JSON.stringify(hit.golden)}`);
        }
        if (hits.length >= total) problems.push(`${kind}(${JSON.stringify(query)}) returned ${hits.length} hits: everything`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('findMatches with a SQL-looking record finds its own golden record and none of the decoys', async () => {
    const problems: string[] = [];
    for (const [k, s] of INJECTIONS.entries()) {
      const found = await read(
        `query($r: JSON!) { findMatches(entityType: CUSTOMER, record: $r, first: 20) { errors { field code } matches { score golden { id ... on Customer { familyName email } } } } }`,
        { r: { familyName: s, email: `fam.${k}@inj.example.com` } },
      );
      const { errors, matches } = found.findMatches;
      if (errors.length > 0) problems.push(`${s}: ${JSON.stringify(errors)}`);
      if (matches[0]?.golden.id !== customerOf.get(s)) problems.push(`${s}: best match ${JSON.stringify(matches[0])}`);
      for (const m of matches) {
        if (m.golden.familyName !== s && m.golden.email !== `fam.${k}@inj.example.com` && m.score > 0.5) problems.push(`${s}: also matched ${JSON.stringify(m)}`);
      }
      // Without the email, a wildcard or quoted name is no key to the decoys (a LIKE or an OR would return them).
      const byName = (await read(`query($r: JSON!) { findMatches(entityType: CUSTOMER, record: $r, first: 50) { matches { golden { id ... on Customer { familyName } } } } }`, { r: { familyName: s } }))
        .findMatches;
      const injected = new Set(customerOf.values());
      for (const m of byName.matches) if (!injected.has(m.golden.id)) problems.push(`findMatches({ familyName: ${JSON.stringify(s)} }) returned ${JSON.stringify(m.golden)}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers a U+0000 in any lookup with a user error or nothing found, never a 500 (PostgreSQL cannot hold it)', async () => {
    const lookups: [string, Record<string, unknown>][] = [
      [`query($v: String) { customers(first: 5, filter: { familyName: $v }) { totalCount } }`, { v: `%\u0000' OR 1=1 --` }],
      [`query($v: String) { products(first: 5, filter: { brand: $v }) { totalCount } }`, { v: 'a\u0000b' }],
      [`query($v: String!) { goldenRecordBySource(entityType: CUSTOMER, source: "crm", sourceId: $v) { id } }`, { v: `${INJECTIONS[0]}\u0000` }],
      [`query($v: String!) { goldenRecordBySource(entityType: CUSTOMER, source: $v, sourceId: "x") { id } }`, { v: 'crm\u0000' }],
      [`query($v: String!) { searchCustomers(query: $v) { score } }`, { v: 'a\u0000b x@y\u0000.com +61\u00002' }],
      [`query($v: String!) { searchProducts(query: $v) { score } }`, { v: 'Widget\u0000 4006381\u0000333931' }],
      [`query($v: ID!) { customer(id: $v) { id } }`, { v: '\u0000' }],
      [`query($r: JSON!) { findMatches(entityType: CUSTOMER, record: $r) { errors { field code } matches { score } } }`, { r: { familyName: 'Lee\u0000', email: 'a\u0000@example.com' } }],
    ];
    for (const [query, variables] of lookups) {
      const result = await postGraphQL(hub.url, hub.adminKey, { query, variables });
      expect(serverFaults(result), query).toEqual([]);
      expect(result.status, result.text).toBe(200);
      for (const error of result.json.errors ?? []) expect(error.extensions.code, result.text).toBe('BAD_USER_INPUT');
    }
  });

  it('leaves every table and index in place, with the same rows', async () => {
    expect(await tables()).toEqual(tablesBefore);
    expect(await rowCounts(database(), ['source_record', 'golden_record', 'match_key', 'recent_match_key', 'golden_event', 'api_key', 'source_system'])).toEqual(countsBefore);
    expect((await customersWhere({})).totalCount).toBe(INJECTIONS.length + CUSTOMER_DECOYS.length + ODD_EMAILS.length);
  });
});
