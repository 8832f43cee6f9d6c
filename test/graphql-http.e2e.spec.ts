// GraphQL over HTTP conformance (issue 6, item 4): the graphql-http package's audit suite against the
// running hub, with an admin key. HTTP-level only, so one engine (SQLite) is enough.
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The SHOULD and MAY audits the hub does not meet, on purpose. Any other warning fails the test, and so
 * does one of these once it passes (take it off the list then).
 */
const ALLOWED_WARNINGS: Record<string, string> = {
  // For application/json the spec asks for 200 on a request error, for legacy clients. Canon answers 400
  // to a document that does not parse or validate (a syntax error is a 400, never a 200 or a 500;
  // issue 6), as it does for application/graphql-response+json, where the spec requires 4xx.
  '572B': 'SHOULD use 200 status code on document parsing failure when accepting application/json',
  FDE2: 'SHOULD use 200 status code on document validation failure when accepting application/json',
  '7B9B': 'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
};

describe('GraphQL over HTTP (graphql-http audits)', () => {
  let hub: TestHub;
  let results: AuditResult[];
  const url = () => `${hub.url}/graphql`;

  beforeAll(async () => {
    hub = await startTestHub('sqlite');
    const fetchFn = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${hub.adminKey}`);
      return fetch(input, { ...init, headers });
    };
    results = [];
    for (const audit of serverAudits({ url: url(), fetchFn })) results.push(await audit.fn());
  });
  afterAll(() => hub?.close());

  it('ran the whole suite', () => {
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it('passes every MUST audit', async () => {
    const failures = results.filter((r) => r.status === 'error');
    const described = await Promise.all(failures.map(async (r) => (r.status === 'ok' ? '' : `${r.id} ${r.name}: ${r.reason}`)));
    expect(described).toEqual([]);
  });

  it('has no SHOULD or MAY warning other than the ones listed, each with its reason', () => {
    const warnings = Object.fromEntries(results.filter((r) => r.status === 'warn' || r.status === 'notice').map((r) => [r.id, r.name]));
    expect(warnings).toEqual(ALLOWED_WARNINGS);
  });

  describe('details the audits touch lightly', () => {
    const request = (init: RequestInit & { query?: string } = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${hub.adminKey}`);
      return fetch(init.query === undefined ? url() : `${url()}?${init.query}`, { ...init, headers });
    };
    const json = { 'content-type': 'application/json' };

    it('answers in application/graphql-response+json when the client prefers it, in application/json otherwise', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      const cases: [string | null, string][] = [
        [null, 'application/json'],
        ['application/json', 'application/json'],
        ['application/graphql-response+json', 'application/graphql-response+json'],
        ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
        ['application/json, application/graphql-response+json', 'application/json'],
        ['application/graphql-response+json;q=0.5, application/json', 'application/json'],
        ['*/*', 'application/json'],
      ];
      for (const [accept, expected] of cases) {
        const response = await request({ method: 'POST', body, headers: { ...json, ...(accept ? { accept } : {}) } });
        expect(response.headers.get('content-type'), `Accept: ${accept}`).toBe(`${expected}; charset=utf-8`);
      }
    });

    it('refuses a document that does not parse with 400 and no data entry, in either media type', async () => {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const response = await request({ method: 'POST', body: JSON.stringify({ query: '{' }), headers: { ...json, accept } });
        expect(response.status).toBe(400);
        const body = (await response.json()) as any;
        expect(body).not.toHaveProperty('data');
        expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      }
    });

    it('refuses a document that is JSON, not GraphQL source text, with 400, over POST and GET', async () => {
      for (const document of ['0', '""', '{}', '{"kind": "Document", "definitions": []}', '[1]', 'null']) {
        const post = await request({ method: 'POST', body: JSON.stringify({ query: document }), headers: json });
        const get = await request({ query: `query=${encodeURIComponent(document)}` });
        for (const response of [post, get]) {
          expect(response.status, document).toBe(400);
          const body = (await response.json()) as any;
          expect(body.errors[0].message, document).toMatch(/is JSON, not GraphQL source text/);
          expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
        }
      }
    });

    it('runs a query over GET, and refuses a mutation over GET with 405', async () => {
      const ok = await request({ query: `query=${encodeURIComponent('{ viewer { role } }')}` });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
      const mutation = await request({ query: `query=${encodeURIComponent('mutation { recomputeGoldenRecords(entityType: CUSTOMER) { changed } }')}` });
      expect(mutation.status).toBe(405);
      expect(((await mutation.json()) as any).errors[0]).toEqual({ message: 'Operation cannot be performed via a GET request', extensions: { code: 'METHOD_NOT_ALLOWED' } });
    });

    it('answers a malformed request with 400 naming the problem, never 500', async () => {
      const cases: [RequestInit['body'], Record<string, string>, RegExp][] = [
        ['{"query": ', json, /not valid JSON/],
        [undefined, json, /empty|JSON object/],
        [JSON.stringify({ variables: {} }), json, /"query" must be a string/],
        [JSON.stringify({ query: 1 }), json, /"query" must be a string/],
        [JSON.stringify({ query: '{ __typename }', operationName: 7 }), json, /"operationName" must be a string or null/],
        [JSON.stringify({ query: '{ __typename }', variables: [1] }), json, /"variables" must be an object or null/],
        [JSON.stringify({ query: '{ __typename }', variables: 'x' }), json, /"variables" must be an object or null/],
        [JSON.stringify({ query: '{ __typename }', extensions: 3 }), json, /"extensions" must be an object or null/],
        [JSON.stringify('{ __typename }'), json, /JSON object/],
      ];
      for (const [body, headers, message] of cases) {
        const response = await request({ method: 'POST', body, headers });
        expect(response.status, String(body)).toBe(400);
        const result = (await response.json()) as any;
        expect(result.errors[0].message, String(body)).toMatch(message);
        expect(result.errors[0].extensions.code).toBe('BAD_REQUEST');
      }
      const noQuery = await request({});
      expect(noQuery.status).toBe(400);
      expect(((await noQuery.json()) as any).errors[0].message).toMatch(/needs a "query" parameter/);
    });

    it('answers an unsupported media type with 415, an HTML form too: nothing runs', async () => {
      const cases: [string, string][] = [
        ['application/xml', '<query>{ __typename }</query>'],
        ['application/x-www-form-urlencoded', `query=${encodeURIComponent('mutation { recomputeGoldenRecords(entityType: CUSTOMER) { changed } }')}`],
      ];
      for (const [type, body] of cases) {
        const response = await request({ method: 'POST', body, headers: { 'content-type': type } });
        expect(response.status, type).toBe(415);
        expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    });
  });
});
