// GraphQL limits (issue 6, item 3): depth, cost, aliases, directives, tokens, body size, batching, rate
// limit per key, and what production hides. They act on the HTTP request and the document, before any
// storage is touched, so one engine (SQLite) is enough.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SourceSystemService } from '../src/source-systems/source-system.service';
import { addSource, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';

const post = (hub: TestHub, body: RequestInit['body'], headers: Record<string, string> = {}, key: string = hub.adminKey) =>
  fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body });

/** Status, error codes and messages of a request expected to be refused. */
async function refusal(response: Response | Promise<Response>) {
  const res = await response;
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, hasData: 'data' in body, codes: body.errors?.map((e) => e.extensions?.code), messages: body.errors?.map((e) => e.message) };
}

// The heaviest reads the hub's clients make: they must pass the default limits.
const CUSTOMER_PAGE = `{ customers(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
  id version status mergedInto redirectedFrom givenName familyName email phone city country birthDate addressLine1 addressLine2 postalCode region createdAt updatedAt attributes
  sourceRecords { id source sourceId deleted }
  provenance { attribute value source sourceId sourceRecordId rule strategy group candidates { value source } }
  history { totalCount edges { node { type version actor reason details at changes { attribute before after } } } } } } } }`;
const REVIEW_PAGE = `{ reviewTasks(first: 100) { totalCount edges { node { id kind status goldenId sourceRecordId score version assignee attribute
  conflictingValues { value sourceRecordIds }
  candidates { goldenId score sourceRecordId golden { id history { edges { node { changes { attribute before after } } } } } }
  comparison { attribute differs values { value source } }
  explanation { decision score vetoed comparisons { comparison level weight veto } } } } } }`;

describe('GraphQL limits with the default settings', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite');
    await addSource(hub, 'crm');
    const records = Array.from({ length: 120 }, (_, i) => ({ sourceId: `p-${i}`, givenName: `Given${i}`, familyName: `Family${i}`, email: `p${i}@example.com`, city: 'Oslo' }));
    await hub.data(INGEST_CUSTOMERS, { source: 'crm', records });
  });
  afterAll(() => hub?.close());

  it('lets the heaviest legitimate reads through: a page of 100 customers with everything, 100 review tasks, introspection', async () => {
    const page = await hub.gql(CUSTOMER_PAGE);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data!.customers.edges).toHaveLength(100);
    expect(page.body.data!.customers.edges[0].node.history.edges.length).toBeGreaterThan(0);
    const tasks = await hub.gql(REVIEW_PAGE);
    expect(tasks.body.errors).toBeUndefined();
    const introspection = await hub.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }));
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data!.__schema.queryType.name).toBe('Query');
  });

  it('refuses a page whose nested pages multiply past the default cost limit, naming the limit and the cost', async () => {
    // customers: 100 × (1 + edges (1 + node (1 + history: 100 × (1 + edges (1 + node (1 + 6 fields + changes (1 + 3))))))) = 130,300
    const query = `{ customers(first: 100) { edges { node { history(first: 100) { edges { node { type version actor reason details at changes { attribute before after } } } } } } } }`;
    expect(await refusal(post(hub, JSON.stringify({ query })))).toEqual({
      status: 400,
      hasData: false,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      messages: [expect.stringMatching(/^Query cost limit of 100000 exceeded, found 130300\./)],
    });
  });

  it('answers a syntax error with 400, never 500, whatever the document', async () => {
    for (const query of ['{ viewer { role }', '}}}{{{ query mutation $$$ "', '\u0000\uFFFF', 'query { viewer { role } } garbage(']) {
      expect(await refusal(post(hub, JSON.stringify({ query })))).toMatchObject({ status: 400, hasData: false, codes: ['GRAPHQL_PARSE_FAILED'] });
    }
  });

  it('refuses brackets nested thousands deep before parsing, without an internal message', async () => {
    const deep = [
      `mutation { ingestCustomers(source: "crm", records: [${'['.repeat(3000)}${']'.repeat(3000)}]) { summary { received } } }`,
      `{ ${'viewer { '.repeat(3000)}${'}'.repeat(3000)} }`,
    ];
    for (const query of deep) {
      expect(await refusal(post(hub, JSON.stringify({ query })))).toEqual({
        status: 400,
        hasData: false,
        codes: ['GRAPHQL_PARSE_FAILED'],
        messages: ['The document nests brackets more than 100 deep; no query needs that.'],
      });
    }
  });

  it('refuses a batch (a JSON array body) with 400 and says batching is off', async () => {
    const result = await refusal(post(hub, JSON.stringify([{ query: '{ viewer { role } }' }, { query: '{ viewer { name } }' }])));
    expect(result).toMatchObject({ status: 400, hasData: false, codes: ['BAD_REQUEST'] });
    expect(result.messages![0]).toMatch(/^Batched requests are not supported/);
  });

  it('takes a body of exactly 1 MiB and refuses one byte more with 413 before parsing it', async () => {
    const limit = 1024 * 1024;
    const body = (size: number) => {
      const shell = JSON.stringify({ query: '{ viewer { role } }', variables: { pad: '' } });
      return JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(size - shell.length) } });
    };
    expect(body(limit)).toHaveLength(limit);
    const atLimit = await post(hub, body(limit));
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    expect(await refusal(post(hub, body(limit + 1)))).toEqual({
      status: 413,
      hasData: false,
      codes: ['PAYLOAD_TOO_LARGE'],
      messages: [`Request body too large: ${limit + 1} bytes, the limit is ${limit} bytes.`],
    });
  });

  it('refuses an oversized body sent without Content-Length (chunked) with 413 too', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk); // 1.25 MiB of whitespace, valid JSON padding
        else controller.close();
      },
    });
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await refusal(response)).toMatchObject({ status: 413, hasData: false, codes: ['PAYLOAD_TOO_LARGE'] });
  });

  it('does not throttle one key sending a thousand requests, 25 at a time', async () => {
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next++ < 1_000) statuses.push((await post(hub, JSON.stringify({ query: '{ viewer { role } }' }))).status);
      }),
    );
    expect(statuses).toHaveLength(1_000);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('suggests field names outside production', async () => {
    const result = await refusal(post(hub, JSON.stringify({ query: '{ viewr { role } }' })));
    expect(result.messages).toEqual(['Cannot query field "viewr" on type "Query". Did you mean "viewer"?']);
  });
});

describe('GraphQL limits, each just under and just over', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { graphqlLimits: { maxDepth: 4, maxCost: 50, maxAliases: 2, maxDirectives: 2, maxTokens: 40 } });
  });
  afterAll(() => hub?.close());

  const expectOk = async (query: string, variables?: Record<string, unknown>) => {
    const response = await hub.gql(query, variables);
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  };
  const expectRefused = async (query: string, message: string | RegExp, variables?: Record<string, unknown>) => {
    const result = await refusal(post(hub, JSON.stringify({ query, variables })));
    expect(result).toMatchObject({ status: 400, hasData: false, codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(result.messages![0]).toMatch(message);
  };

  it('depth', async () => {
    await expectOk('{ customers(first: 1) { edges { node { id } } } }');
    await expectRefused('{ customers(first: 1) { edges { node { sourceRecords { id } } } } }', 'Query depth limit of 4 exceeded, found 5.');
  });

  it('cost: a field with first: n costs n × (1 + its selection), with n from a variable checked on each request', async () => {
    const query = 'query($n: Int!) { customers(first: $n) { edges { node { id } } } }'; // n × (1 + edges (1 + node (1 + id)))
    await expectOk(query, { n: 12 }); // 48
    await expectRefused(query, /^Query cost limit of 50 exceeded, found 52\./, { n: 13 });
    await expectOk(query, { n: 12 }); // the same document, cached by Mercurius, still passes with a small page
  });

  it('aliases', async () => {
    await expectOk('{ a: viewer { role } b: viewer { role } }');
    await expectRefused('{ a: viewer { role } b: viewer { role } c: viewer { role } }', 'Aliases limit of 2 exceeded, found 3.');
  });

  it('directives', async () => {
    await expectOk('{ viewer { role @include(if: true) name @skip(if: false) } }');
    await expectRefused('{ viewer { role @include(if: true) name @skip(if: false) source @include(if: true) } }', 'Directives limit of 2 exceeded, found 3.');
  });

  it('tokens', async () => {
    const roles = (n: number) => `{ viewer { ${'role '.repeat(n)}} }`; // n + 5 tokens
    await expectOk(roles(35));
    await expectRefused(roles(36), 'Token limit of 40 exceeded: parsing stopped there.');
  });
});

describe('GraphQL in production (NODE_ENV=production)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { production: true });
  });
  afterAll(() => {
    vi.restoreAllMocks();
    return hub?.close();
  });

  it('refuses introspection but still answers __typename, and serves no GraphiQL', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }']) {
      const result = await refusal(post(hub, JSON.stringify({ query })));
      expect(result.status).toBe(400);
      expect(new Set(result.codes)).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
      expect(result.messages![0]).toMatch(/^GraphQL introspection has been disabled/);
    }
    expect((await hub.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${hub.url}/graphiql`)).status).toBe(404);
  });

  it('gives no field suggestions', async () => {
    const result = await refusal(post(hub, JSON.stringify({ query: '{ viewr { role } }' })));
    expect(result.messages).toEqual(['Cannot query field "viewr" on type "Query".']);
    const enumValue = await refusal(post(hub, JSON.stringify({ query: '{ customers(first: 1, status: ACTIV) { totalCount } }' })));
    expect(enumValue.messages![0]).not.toMatch(/Did you mean|ACTIVE/);
  });

  it('hides the message and stack of an unexpected error', async () => {
    vi.spyOn(hub.server.app.get(SourceSystemService), 'list').mockRejectedValueOnce(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    const response = await post(hub, JSON.stringify({ query: '{ sourceSystems { code } }' }));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ data: null, errors: [{ message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['sourceSystems'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(text).not.toMatch(/hunter2|ECONNREFUSED|stack|\.ts:\d/);
  });
});

describe('rate limit per API key', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { graphqlLimits: { rateLimit: 5, rateLimitWindowSeconds: 60 } });
  });
  afterAll(() => hub?.close());

  it('answers 429 RATE_LIMITED with Retry-After once a key has used its requests, while another key still gets 200', async () => {
    const { createApiKey } = await hub.data<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { role: READER, name: "other" }) { key } }`,
    ); // the admin key's first request
    const viewer = () => post(hub, JSON.stringify({ query: '{ viewer { role } }' }));
    for (let i = 0; i < 4; i++) expect((await viewer()).status).toBe(200);

    const limited = await viewer();
    expect(limited.headers.get('retry-after')).toBe('12'); // one request comes back every 60 s / 5
    expect(await refusal(limited)).toEqual({
      status: 429,
      hasData: false,
      codes: ['RATE_LIMITED'],
      messages: ['Rate limit of 5 requests per 60 s exceeded for this API key; retry in 12 s.'],
    });

    for (let i = 0; i < 5; i++) {
      const other = await post(hub, JSON.stringify({ query: '{ viewer { role } }' }), {}, createApiKey.key);
      expect(other.status).toBe(200);
      expect(await other.json()).toEqual({ data: { viewer: { role: 'READER' } } });
    }
    expect((await viewer()).status).toBe(429);
  });});

describe('failed authentication per client address', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { graphqlLimits: { authFailureLimit: 3, rateLimitWindowSeconds: 60 } });
  });
  afterAll(() => hub?.close());

  it('answers 429 once an address has sent too many unknown keys, and still serves the keys it knows', async () => {
    const viewer = (key: string) => post(hub, JSON.stringify({ query: '{ viewer { role } }' }), {}, key);
    expect((await viewer(hub.adminKey)).status).toBe(200); // a key this process now knows
    for (let i = 0; i < 3; i++) expect((await viewer(`canon_made-up-${i}`)).status).toBe(401);
    const limited = await viewer('canon_made-up-4');
    expect(limited.headers.get('retry-after')).toBe('20'); // one failure comes back every 60 s / 3
    expect(await refusal(limited)).toMatchObject({ status: 429, codes: ['RATE_LIMITED'] });
    expect((await viewer(hub.adminKey)).status).toBe(200);
  });
});
