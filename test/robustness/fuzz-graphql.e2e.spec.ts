import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/common/database/database';
import { addSource, DIALECTS, startTestHub, type TestHub } from '../support/hub';
import { contractFields, deep, INJECTION_STRINGS, malformedRecord, misreport, validRecord, type FuzzEntity } from '../support/malformed';
import { postGraphQL, rowCounts, serverFaults, testSeed, type HttpResult } from '../support/robustness';

// Fuzzing the GraphQL API with fast-check, on a real hub over HTTP, on both storage engines: malformed
// records (one defect each, so the expected error is known), mixed batches, malformed requests and
// variables, and random token streams as documents. Never a 5xx or an internal error, never a partial
// write, and every rejected record is reported with its index, sourceId, field and reason.

const MUTATION = (entity: FuzzEntity) => `mutation Fuzz($source: String!, $records: [JSON!]!) {
  ${entity === 'customer' ? 'ingestCustomers' : 'ingestProducts'}(source: $source, records: $records) {
    summary { received created updated unchanged rejected }
    results { index sourceId outcome goldenId errors { field code message } }
    userErrors { code field message }
  }
}`;

/** Splits records into requests of at most ~700 kB (the hub's body limit is 1 MB) and 1000 records. */
function chunksBySize<T>(items: readonly T[], maxBytes = 700_000, maxItems = 1000): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item)?.length ?? 4;
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxItems)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

describe.each(DIALECTS)('fuzzing GraphQL with malformed input (%s)', (dialect) => {
  let hub: TestHub;
  const database = () => hub.server.app.get(Database);
  const counts = () => rowCounts(database());
  const post = (body: unknown, headers?: Record<string, string>) => postGraphQL(hub.url, hub.adminKey, body, headers);
  const ingest = (entity: FuzzEntity, records: unknown[], source = 'crm') => post({ query: MUTATION(entity), variables: { source, records } });
  /** Fails with every fault of a response: a 5xx, an internal error, a 429. */
  const noFault = (result: HttpResult, what: string) => {
    const faults = serverFaults(result);
    if (faults.length > 0) throw new Error(`${what}: ${faults.join('; ')}`);
  };
  const payloadOf = (result: HttpResult) => result.json?.data?.ingestCustomers ?? result.json?.data?.ingestProducts;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'shop');
    // Some data to match against and to keep intact.
    const seeded = await ingest('customer', [
      { sourceId: 'seed:1', givenName: 'Ann', familyName: 'Lee', email: 'ann.lee@example.com' },
      { sourceId: 'seed:2', givenName: 'Bob', familyName: 'Stone', phone: '+61 2 9876 5432', country: 'AU' },
    ]);
    expect(payloadOf(seeded).summary.created).toBe(2);
    const products = await ingest('product', [{ sourceId: 'seed:p1', gtin: '4006381333931', name: 'Stabilo pen' }], 'shop');
    expect(payloadOf(products).summary.created).toBe(1);
  });
  afterAll(() => hub?.close());

  it('rejects at least 10,000 malformed records, each with its index, sourceId, field and reason, and writes nothing', async () => {
    const seed = testSeed(`fuzz-graphql records ${dialect}`);
    const problems: string[] = [];
    let sent = 0;
    for (const entity of ['customer', 'product'] as const) {
      // Sampled, not shrunk: the hub is stateful, so the first failure is the one worth reading.
      // 2 entities × 24 batches × at least 210 records: at least 10,080 records.
      const batches = fc.sample(fc.array(malformedRecord(entity), { minLength: 210, maxLength: 260 }), { seed: seed + (entity === 'customer' ? 0 : 1), numRuns: 24 });
      for (const [b, batch] of batches.entries()) {
        for (const chunk of chunksBySize(batch, 700_000, 1000)) {
          const before = await counts();
          const result = await ingest(entity, chunk.map((m) => m.record));
          const where = `${entity} batch ${b}`;
          const faults = serverFaults(result);
          if (faults.length > 0) {
            problems.push(`${where}: ${faults.join('; ')}; the batch holds ${chunk.map((m) => m.defect).join(' | ').slice(0, 3000)}`);
            continue;
          }
          const payload = payloadOf(result);
          if (result.status !== 200 || !payload || payload.userErrors.length > 0) {
            problems.push(`${where}: HTTP ${result.status} ${result.text.slice(0, 500)}`);
            continue;
          }
          const summary = { received: chunk.length, created: 0, updated: 0, unchanged: 0, rejected: chunk.length };
          if (JSON.stringify(payload.summary) !== JSON.stringify(summary)) problems.push(`${where}: summary ${JSON.stringify(payload.summary)}`);
          chunk.forEach((m, i) => {
            const wrong = misreport(m, i, payload.results[i]);
            if (wrong) problems.push(`${where} record ${i}: ${wrong}`);
          });
          const after = await counts();
          if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${where}: rows changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
          sent += chunk.length;
        }
      }
    }
    console.log(`[fuzz-graphql ${dialect}] ${sent} malformed records sent, ${problems.length} problems`);
    expect(problems.slice(0, 30)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
  }, 240_000);

  it('keeps the good records of a mixed batch and only those, and reports the bad ones', async () => {
    const seed = testSeed(`fuzz-graphql mixed ${dialect}`);
    const problems: string[] = [];
    for (const entity of ['customer', 'product'] as const) {
      const item = fc.oneof(
        validRecord(entity).map((record) => ({ good: true as const, record })),
        malformedRecord(entity).map((m) => ({ good: false as const, m })),
      );
      const batches = fc.sample(fc.array(item, { minLength: 1, maxLength: 60 }), { seed: seed + (entity === 'customer' ? 0 : 1), numRuns: 15 });
      for (const [run, items] of batches.entries()) {
        const where = `${entity} batch ${run}`;
        // Good records get sourceIds no malformed one can have (the generator never makes a colon).
        const records = items.map((it, i) => (it.good ? { ...it.record, sourceId: `good:${entity}:${seed}:${run}:${i}` } : it.m.record));
        const before = await counts();
        const result = await ingest(entity, records);
        const faults = serverFaults(result);
        if (faults.length > 0) {
          problems.push(`${where}: ${faults.join('; ')}`);
          continue;
        }
        const payload = payloadOf(result);
        if (!payload || payload.userErrors.length > 0) {
          problems.push(`${where}: HTTP ${result.status} ${result.text.slice(0, 500)}`);
          continue;
        }
        const good = items.flatMap((it, i) => (it.good ? [i] : []));
        items.forEach((it, i) => {
          const r = payload.results[i];
          if (it.good) {
            if (r?.outcome !== 'CREATED' || !r.goldenId || r.index !== i || r.errors.length > 0) problems.push(`${where}: good record ${i} not created: ${JSON.stringify(r)}`);
          } else {
            const wrong = misreport(it.m, i, r);
            if (wrong) problems.push(`${where} record ${i}: ${wrong}`);
          }
        });
        const after = await counts();
        if (after.source_record - before.source_record !== good.length) problems.push(`${where}: ${after.source_record - before.source_record} source records written for ${good.length} good ones`);
        // Exactly the good ones were stored, with what was sent.
        const stored = await database().query<{ source_id: string; attributes: string }>(`SELECT source_id, attributes FROM source_record WHERE source_id LIKE ?`, [
          `good:${entity}:${seed}:${run}:%`,
        ]);
        const expectedIds = good.map((i) => (records[i] as { sourceId: string }).sourceId).sort();
        if (JSON.stringify(stored.map((s) => s.source_id).sort()) !== JSON.stringify(expectedIds)) problems.push(`${where}: stored ${stored.map((s) => s.source_id)}, expected ${expectedIds}`);
        for (const s of stored) {
          const { sourceId: _, ...sent } = records.find((r: any) => r.sourceId === s.source_id) as Record<string, unknown>;
          if (JSON.stringify(JSON.parse(s.attributes)) !== JSON.stringify(sent)) problems.push(`${where}: ${s.source_id} stored as ${s.attributes}, sent ${JSON.stringify(sent)}`);
        }
      }
    }
    expect(problems.slice(0, 30)).toEqual([]);
  }, 120_000);

  it('answers malformed requests and variables with 4xx or reported errors, never a 5xx, and writes nothing', async () => {
    const before = await counts();
    const query = MUTATION('customer');
    const good = { sourceId: 'never-written', familyName: 'Never', email: 'never@example.com' };
    const cases: { name: string; body: unknown; headers?: Record<string, string>; expect: (r: HttpResult) => void }[] = [
      { name: 'records null', body: { query, variables: { source: 'crm', records: null } }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'records [null]', body: { query, variables: { source: 'crm', records: [null] } }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'records missing', body: { query, variables: { source: 'crm' } }, expect: (r) => expect(r.status).toBe(400) },
      {
        name: 'records empty',
        body: { query, variables: { source: 'crm', records: [] } },
        expect: (r) => expect(payloadOf(r).userErrors.map((e: any) => e.code)).toEqual(['BATCH_EMPTY']),
      },
      {
        name: 'records a string (coerced to a list of one)',
        body: { query, variables: { source: 'crm', records: 'not a list' } },
        expect: (r) => expect(payloadOf(r).results[0].errors[0].code).toBe('NOT_AN_OBJECT'),
      },
      {
        name: '1001 records',
        body: { query, variables: { source: 'crm', records: Array.from({ length: 1001 }, () => ({})) } },
        expect: (r) => expect(payloadOf(r).userErrors.map((e: any) => e.code)).toEqual(['BATCH_TOO_LARGE']),
      },
      { name: 'source a number', body: { query, variables: { source: 123, records: [good] } }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'source null', body: { query, variables: { source: null, records: [good] } }, expect: (r) => expect(r.status).toBe(400) },
      ...['nope', ...INJECTION_STRINGS, 'cr\u0000m', 'crm\ud800', 'x'.repeat(100_000)].map((source) => ({
        name: `unknown source ${JSON.stringify(source.slice(0, 40))}`,
        body: { query, variables: { source, records: [good] } },
        expect: (r: HttpResult) => {
          expect(r.status).toBe(200);
          expect(payloadOf(r).userErrors.length).toBe(1);
          expect(payloadOf(r).results).toEqual([]);
        },
      })),
      { name: 'variables a string', body: { query, variables: 'records' }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'variables an array', body: { query, variables: [1, 2] }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'no query', body: { variables: { source: 'crm', records: [good] } }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'query a number', body: { query: 42 }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'query empty', body: { query: '' }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'body not JSON', body: '{"query": "mutation {', expect: (r) => expect(r.status).toBe(400) },
      { name: 'body a JSON string', body: '"query"', expect: (r) => expect(r.status).toBe(400) },
      { name: 'body null', body: 'null', expect: (r) => expect(r.status).toBe(400) },
      { name: 'batched request', body: [{ query, variables: { source: 'crm', records: [good] } }], expect: (r) => expect(r.status).toBeGreaterThanOrEqual(400) },
      { name: 'unknown operationName', body: { query, operationName: 'Other', variables: { source: 'crm', records: [good] } }, expect: (r) => expect(r.status).toBe(400) },
      { name: 'body over 1 MB', body: { query, variables: { source: 'crm', records: [{ ...good, familyName: 'x'.repeat(1_100_000) }] } }, expect: (r) => expect(r.status).toBe(413) },
      {
        name: 'a __proto__ key in the variables',
        body: `{"query": ${JSON.stringify(query)}, "variables": {"source": "crm", "records": [{"sourceId": "p1", "__proto__": {"familyName": "x"}}]}}`,
        expect: (r) => {
          // The JSON parser may refuse it outright (400) or the record is rejected for its unknown field.
          if (r.status !== 400) expect(payloadOf(r).results[0]).toMatchObject({ outcome: 'REJECTED', errors: expect.arrayContaining([expect.objectContaining({ field: '__proto__', code: 'UNKNOWN_FIELD' })]) });
        },
      },
      {
        name: 'a __proto__ key in a record literal',
        body: { query: `mutation { ingestCustomers(source: "crm", records: [{ sourceId: "p2", __proto__: { familyName: "x" } }]) { results { outcome errors { field code } } } }` },
        expect: (r) =>
          expect(r.json.data.ingestCustomers.results[0]).toMatchObject({ outcome: 'REJECTED', errors: expect.arrayContaining([{ field: '__proto__', code: 'UNKNOWN_FIELD' }]) }),
      },
      {
        name: 'a number too large for a double (1e400) as a price',
        body: `{"query": ${JSON.stringify(MUTATION('product'))}, "variables": {"source": "shop", "records": [{"sourceId": "inf", "name": "Infinite", "price": 1e400}]}}`,
        expect: (r) => expect(payloadOf(r).results[0]).toMatchObject({ outcome: 'REJECTED', errors: expect.arrayContaining([expect.objectContaining({ field: 'price' })]) }),
      },
      {
        name: 'a record nested 100,000 levels deep',
        body: `{"query": ${JSON.stringify(query)}, "variables": {"source": "crm", "records": [${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]}}`,
        expect: (r) => expect(r.status === 400 || payloadOf(r)?.results?.[0]?.outcome === 'REJECTED').toBe(true),
      },
      {
        name: 'an array nested 200,000 levels deep',
        body: `{"query": ${JSON.stringify(query)}, "variables": {"source": "crm", "records": [{"sourceId": "d", "familyName": ${'['.repeat(200_000)}${']'.repeat(200_000)}}]}}`,
        expect: (r) => expect(r.status === 400 || payloadOf(r)?.results?.[0]?.outcome === 'REJECTED').toBe(true),
      },
      {
        name: 'a record literal nested 2,000 levels deep',
        body: { query: `mutation { ingestCustomers(source: "crm", records: [${'{a:'.repeat(2000)}1${'}'.repeat(2000)}]) { results { outcome } } }` },
        expect: (r) => expect(r.status === 400 || r.json?.data?.ingestCustomers?.results?.[0]?.outcome === 'REJECTED').toBe(true),
      },
      {
        name: 'a record with every field of the wrong type and 500 unknown fields',
        body: {
          query,
          variables: {
            source: 'crm',
            records: [Object.fromEntries([...contractFields('customer').map((f) => [f, deep(50)]), ...Array.from({ length: 500 }, (_, i) => [`unknown${i}`, i])])],
          },
        },
        expect: (r) => {
          const errors = payloadOf(r).results[0].errors;
          expect(errors.filter((e: any) => e.code === 'UNKNOWN_FIELD')).toHaveLength(500);
          for (const field of contractFields('customer')) expect(errors.some((e: any) => e.field === field)).toBe(true);
        },
      },
      { name: 'wrong content type', body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'text/plain' }, expect: (r) => expect(r.status).toBeGreaterThanOrEqual(400) },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const result = await post(c.body, c.headers);
      const faults = serverFaults(result);
      if (faults.length > 0) failures.push(`${c.name}: ${faults.join('; ')}`);
      else {
        try {
          c.expect(result);
        } catch (error) {
          failures.push(`${c.name}: HTTP ${result.status} ${result.text.slice(0, 300)} (${(error as Error).message.split('\n')[0]})`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('answers random token streams as GraphQL documents with 4xx or errors, never a 5xx, and writes nothing', async () => {
    const seed = testSeed(`fuzz-graphql tokens ${dialect}`);
    const before = await counts();
    const names = ['query', 'mutation', 'subscription', 'fragment', 'on', 'customers', 'customer', 'products', 'searchCustomers', 'ingestCustomers', 'ingestProducts',
      'createSourceSystem', 'revokeApiKey', 'edges', 'node', 'id', 'email', 'first', 'filter', 'source', 'records', '__schema', '__type', '__typename', 'true', 'null', 'Int', 'String', 'include', 'skip', 'deprecated'];
    const punctuators = ['{', '}', '(', ')', '[', ']', ':', '!', '$', '@', '...', '=', '|', '&', ',', '#', '"', '"""', '\\', '\n'];
    const token = fc.oneof(
      { arbitrary: fc.constantFrom(...names), weight: 5 },
      { arbitrary: fc.constantFrom(...punctuators), weight: 6 },
      { arbitrary: fc.oneof(fc.integer(), fc.double()).map(String), weight: 1 },
      { arbitrary: fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
      { arbitrary: fc.constantFrom(...INJECTION_STRINGS), weight: 1 },
      { arbitrary: fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,15}$/), weight: 2 },
    );
    const document = fc.array(fc.tuple(token, fc.constantFrom(' ', '', '\n', '\t', ',')), { maxLength: 80 }).map((ts) => ts.map(([t, s]) => t + s).join(''));
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(document, fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 3 })), { nil: undefined }), async (doc, variables) => {
        sent++;
        const result = await post({ query: doc, variables });
        noFault(result, `document ${JSON.stringify(doc)}`);
        expect(result.json, `not JSON: ${result.text.slice(0, 200)}`).toBeDefined();
        if (result.status === 400) expect(result.json.errors?.length).toBeGreaterThan(0);
        else expect(result.status).toBe(200);
      }),
      { seed, numRuns: 400, endOnFailure: true },
    );
    // Documents built to stress the parser and validator rather than by chance.
    const structured = [
      `{${' customers { edges { node {'.repeat(3000)}${'} } }'.repeat(3000)} }`,
      `query { customers(filter: ${'{email: '.repeat(5000)}"x"${'}'.repeat(5000)}) { totalCount } }`,
      `query { findMatches(entityType: CUSTOMER, record: ${'['.repeat(20000)}${']'.repeat(20000)}) { matches { score } } }`,
      `query { ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      `query { customers(first: 100) { edges { node { ...F } } } } ${Array.from({ length: 2000 }, (_, i) => `fragment F${i} on Customer { id }`).join(' ')} fragment F on Customer { ...F }`,
      `query { __typename ${'@include(if: true) '.repeat(5000)} }`,
      `query { customers(first: 1) { totalCount } } ${'#'.repeat(500_000)}`,
      `query { customer(id: "${'\\u0000'.repeat(1000)}") { id } }`,
      `query { customer(id: """${'\\"""'.repeat(10000)}""") { id } }`,
      `query { ${'x'.repeat(600_000)} }`,
      `query Q(${Array.from({ length: 3000 }, (_, i) => `$v${i}: Int`).join(' ')}) { __typename }`,
      `query { customers(first: 99999999999999999999) { totalCount } }`,
      `query { customers(first: -1) { totalCount } }`,
      `query { customers(first: 1e308) { totalCount } }`,
      'query { customers { edges { node { id } } } }\u0000',
      '\ufeffquery { __typename }',
      'subscription { __typename }',
    ];
    for (const doc of structured) {
      const result = await post({ query: doc });
      noFault(result, `structured document ${JSON.stringify(doc.slice(0, 80))}`);
      expect([200, 400, 413], `${doc.slice(0, 80)}: ${result.text.slice(0, 200)}`).toContain(result.status);
    }
    console.log(`[fuzz-graphql ${dialect}] ${sent} random documents, ${structured.length} structured ones`);
    expect(await counts()).toEqual(before);
  }, 180_000);
});
