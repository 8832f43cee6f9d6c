import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/role';
import { addSource, DIALECTS, startTestHub, type TestHub } from './support/hub';

type Caller = Role | 'other-source';

interface Operation {
  name: string;
  query: string;
}

/** schema/authorization.json: who may call each root field. */
const MATRIX = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'authorization.json'), 'utf8')) as Record<'Query' | 'Mutation', Record<string, string[]>>;
const ALLOWED = new Map([...Object.entries(MATRIX.Query), ...Object.entries(MATRIX.Mutation)]);

/** Whether the matrix lets this caller run the field; a `source` key here is bound to "crm", the other to "erp". */
function mayCall(field: string, caller: Caller): boolean {
  const roles = ALLOWED.get(field) ?? [];
  if (caller === 'source') return roles.includes('source') || roles.includes('source:own');
  if (caller === 'other-source') return roles.includes('source'); // the calls below name source "crm"
  return roles.includes(caller);
}

// A sample call of every root field, with arguments naming source "crm" where there is one.
const OPERATIONS: readonly Operation[] = [
  { name: 'viewer', query: '{ viewer { role } }' },
  { name: 'customer', query: '{ customer(id: "00000000-0000-7000-8000-000000000000") { id } }' },
  { name: 'product', query: '{ product(id: "00000000-0000-7000-8000-000000000000") { id } }' },
  { name: 'customers', query: '{ customers(first: 1) { edges { cursor } } }' },
  { name: 'products', query: '{ products(first: 1) { edges { cursor } } }' },
  {
    name: 'goldenRecordBySource',
    query: '{ goldenRecordBySource(entityType: CUSTOMER, source: "crm", sourceId: "1") { id } }',
  },
  { name: 'sourceSystems', query: '{ sourceSystems { code } }' },
  { name: 'apiKeys', query: '{ apiKeys { id } }' },
  { name: 'findMatches', query: '{ findMatches(entityType: CUSTOMER, record: { familyName: "Auth" }) { matches { score } } }' },
  { name: 'matchExplanation', query: '{ matchExplanation(goldenId: "00000000-0000-7000-8000-000000000000", sourceRecordId: "00000000-0000-7000-8000-000000000001") { score } }' },
  { name: 'compareSourceRecords', query: '{ compareSourceRecords(a: "00000000-0000-7000-8000-000000000000", b: "00000000-0000-7000-8000-000000000001") { score } }' },
  { name: 'searchCustomers', query: '{ searchCustomers(query: "auth") { score } }' },
  { name: 'searchProducts', query: '{ searchProducts(query: "auth") { score } }' },
  { name: 'reviewTasks', query: '{ reviewTasks(first: 1) { totalCount } }' },
  { name: 'auditLog', query: '{ auditLog(first: 1) { totalCount } }' },
  {
    name: 'createSourceSystem',
    query: 'mutation { createSourceSystem(input: { code: "tmp" }) { userErrors { code } } }',
  },
  {
    name: 'updateSourceSystem',
    query: 'mutation { updateSourceSystem(code: "crm", input: { name: "CRM" }) { userErrors { code } } }',
  },
  {
    name: 'createApiKey',
    query: 'mutation { createApiKey(input: { role: READER }) { key userErrors { code } } }',
  },
  {
    name: 'revokeApiKey',
    query: 'mutation { revokeApiKey(id: "00000000-0000-7000-8000-000000000000") { userErrors { code } } }',
  },
  {
    name: 'ingestCustomers',
    query: 'mutation { ingestCustomers(source: "crm", records: [{ sourceId: "auth-1", familyName: "Auth" }]) { results { outcome } } }',
  },
  {
    name: 'ingestProducts',
    query: 'mutation { ingestProducts(source: "crm", records: [{ sourceId: "auth-p", name: "Thing" }]) { results { outcome } } }',
  },
  ...[
    'pinAttribute(input: { goldenId: "00000000-0000-7000-8000-000000000000", attribute: "email", value: "a@b.example" })',
    'unpinAttribute(input: { goldenId: "00000000-0000-7000-8000-000000000000", attribute: "email" })',
    'mergeGoldenRecords(input: { survivorId: "00000000-0000-7000-8000-000000000000", mergedIds: ["00000000-0000-7000-8000-000000000001"] })',
    'mergeGoldenRecordsBulk(inputs: [])',
    'forceMatch(input: { a: "00000000-0000-7000-8000-000000000000", b: "00000000-0000-7000-8000-000000000001" })',
    'markNotAMatch(input: { a: "00000000-0000-7000-8000-000000000000", b: "00000000-0000-7000-8000-000000000001" })',
    'markNotAMatchBulk(inputs: [])',
    'unmergeSourceRecord(input: { goldenId: "00000000-0000-7000-8000-000000000000", sourceRecordId: "00000000-0000-7000-8000-000000000001" })',
    'resolveConflict(input: { taskId: "00000000-0000-7000-8000-000000000000", choice: "x" })',
    'dismissReviewTask(input: { taskId: "00000000-0000-7000-8000-000000000000" })',
    'dismissReviewTasks(inputs: [])',
    'claimReviewTask(taskId: "00000000-0000-7000-8000-000000000000")',
    'assignReviewTask(taskId: "00000000-0000-7000-8000-000000000000", assignee: "key:someone")',
  ].map((call) => ({
    name: call.slice(0, call.indexOf('(')),
    // Every steward mutation answers with userErrors (the ids do not exist) when the caller may run it.
    query: `mutation { ${call} { __typename } }`,
  })),
  ...[
    ['webhookSubscriptions', '{ webhookSubscriptions { id } }'],
    ['webhookDeliveries', '{ webhookDeliveries(subscriptionId: "00000000-0000-7000-8000-000000000000") { totalCount } }'],
    ['createWebhookSubscription', 'mutation { createWebhookSubscription(input: { url: "ftp://x", eventTypes: ["*"] }) { userErrors { code } } }'],
    ['updateWebhookSubscription', 'mutation { updateWebhookSubscription(id: "00000000-0000-7000-8000-000000000000", input: { active: false }) { userErrors { code } } }'],
    ['rotateWebhookSecret', 'mutation { rotateWebhookSecret(id: "00000000-0000-7000-8000-000000000000") { userErrors { code } } }'],
    ['enableWebhookSubscription', 'mutation { enableWebhookSubscription(id: "00000000-0000-7000-8000-000000000000") { userErrors { code } } }'],
    ['replayWebhookDelivery', 'mutation { replayWebhookDelivery(id: "00000000-0000-7000-8000-000000000000") { userErrors { code } } }'],
    [
      'replayWebhookDeliveries',
      'mutation { replayWebhookDeliveries(subscriptionId: "00000000-0000-7000-8000-000000000000", since: "2026-01-01T00:00:00Z") { userErrors { code } } }',
    ],
    ['sendTestWebhookEvent', 'mutation { sendTestWebhookEvent(subscriptionId: "00000000-0000-7000-8000-000000000000") { userErrors { code } } }'],
  ].map(([name, query]) => ({ name, query })),
  {
    name: 'recomputeGoldenRecords',
    query: 'mutation { recomputeGoldenRecords(entityType: PRODUCT) { changed userErrors { code } } }',
  },
];

describe.each(DIALECTS)('API keys and roles (%s)', (dialect) => {
  let hub: TestHub;
  const keys = {} as Record<Caller, string>;

  const createKey = async (role: string, source?: string) => {
    const { createApiKey } = await hub.data<{ createApiKey: { key: string; userErrors: unknown[] } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key userErrors { code message } } }`,
      { input: { role, source } },
    );
    expect(createApiKey.userErrors).toEqual([]);
    return createApiKey.key;
  };

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'erp');
    keys.admin = hub.adminKey;
    keys.steward = await createKey('STEWARD');
    keys.reader = await createKey('READER');
    keys.source = await createKey('SOURCE', 'crm');
    keys['other-source'] = await createKey('SOURCE', 'erp');
  });
  afterAll(() => hub?.close());

  const callers = Object.keys({ admin: 1, steward: 1, reader: 1, source: 1, 'other-source': 1 }) as Caller[];
  const cases = OPERATIONS.flatMap((op) => callers.map((caller) => ({ op, caller })));

  it('has an entry in the matrix and a sample call for every root field of the schema, and nothing else', async () => {
    const { __schema } = await hub.data<any>('{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { name } } }');
    expect(__schema.subscriptionType).toBeNull();
    for (const [type, root] of [['Query', __schema.queryType], ['Mutation', __schema.mutationType]] as const) {
      const fields = root.fields.map((f: any) => f.name).sort();
      expect(Object.keys(MATRIX[type]).sort(), `schema/authorization.json ${type}`).toEqual(fields);
    }
    expect(OPERATIONS.map((op) => op.name).sort()).toEqual([...ALLOWED.keys()].sort());
  });

  it.each(cases)('$op.name as $caller', async ({ op, caller }) => {
    const response = await hub.gql(op.query, undefined, keys[caller]);
    const codes = (response.body.errors ?? []).map((e) => e.extensions?.code);
    if (mayCall(op.name, caller)) {
      expect(codes).toEqual([]);
      expect(response.status).toBe(200);
    } else {
      expect(codes).toEqual(['FORBIDDEN']);
    }
  });

  it('rejects a request without a key, or with an unknown key, with 401 before GraphQL runs', async () => {
    for (const key of [null, 'canon_not-a-real-key']) {
      const response = await hub.gql('{ viewer { role } }', undefined, key);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.body.data).toBeNull();
    }
    const malformed = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(malformed.status).toBe(401);
  });

  it('guards the endpoint by its route, not its spelling: an encoded path or a fragment is still 401', async () => {
    for (const path of ['/%67raphql', '/graphq%6c', '/graphql#x', '/graphql?']) {
      const post = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ viewer { role } }"}' });
      expect(post.status, `POST ${path}`).toBe(401);
      const get = await fetch(`${hub.url}${path.replace(/[#?].*$/, '')}?query=${encodeURIComponent('{ __schema { types { name } } }')}`);
      expect(get.status, `GET ${path}`).toBe(401);
    }
  });

  it('lists a chosen bootstrap key by a hash fingerprint, never by its first characters', async () => {
    const { apiKeys } = await hub.data<{ apiKeys: { name: string; keyPrefix: string }[] }>('{ apiKeys { name keyPrefix } }');
    const bootstrap = apiKeys.find((k) => k.name === 'bootstrap-admin')!;
    expect(bootstrap.keyPrefix).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(hub.adminKey).not.toContain(bootstrap.keyPrefix.slice('sha256:'.length));
  });

  it('stops accepting a key as soon as it is revoked', async () => {
    const key = await createKey('READER');
    const { apiKeys } = await hub.data<{ apiKeys: { id: string; keyPrefix: string }[] }>('{ apiKeys { id keyPrefix } }');
    const id = apiKeys.find((k) => key.startsWith(k.keyPrefix))!.id;
    expect((await hub.gql('{ viewer { role } }', undefined, key)).status).toBe(200);
    const { revokeApiKey } = await hub.data<{ revokeApiKey: any }>(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }`, { id });
    expect(revokeApiKey.apiKey.revokedAt).toBeTruthy();
    expect((await hub.gql('{ viewer { role } }', undefined, key)).status).toBe(401);
  });

  it('refuses a key once it has expired, with 401 before GraphQL runs', async () => {
    const create = (expiresAt: string) =>
      hub.data<{ createApiKey: any }>(`mutation($at: DateTime!) { createApiKey(input: { role: READER, expiresAt: $at }) { key apiKey { expiresAt } userErrors { code field } } }`, {
        at: expiresAt,
      });
    const past = await create(new Date(Date.now() - 1000).toISOString());
    expect(past.createApiKey.userErrors).toEqual([{ code: 'INVALID_EXPIRY', field: ['expiresAt'] }]);
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { createApiKey } = await create(expiresAt);
    expect(createApiKey.apiKey.expiresAt).toBe(expiresAt);
    expect((await hub.gql('{ viewer { role } }', undefined, createApiKey.key)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const expired = await hub.gql('{ viewer { role } }', undefined, createApiKey.key);
    expect(expired.status).toBe(401);
    expect(expired.body.errors?.[0]).toMatchObject({ message: 'the API key is unknown, revoked or expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('lets a source key write only as its own source', async () => {
    const asOther = await hub.gql(
      'mutation { ingestCustomers(source: "erp", records: [{ sourceId: "x", familyName: "X" }]) { results { outcome } } }',
      undefined,
      keys.source,
    );
    expect(asOther.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const lookup = await hub.gql('{ goldenRecordBySource(entityType: CUSTOMER, source: "erp", sourceId: "1") { id } }', undefined, keys.source);
    expect(lookup.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { viewer } = await hub.data<{ viewer: any }>('{ viewer { role source } }', undefined, keys.source);
    expect(viewer).toEqual({ role: 'SOURCE', source: 'crm' });
  });

  it('validates new keys: a source key needs a known source, other roles none', async () => {
    const errors = async (input: Record<string, unknown>) =>
      (
        await hub.data<{ createApiKey: { userErrors: { code: string }[] } }>(
          `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key userErrors { code } } }`,
          { input },
        )
      ).createApiKey.userErrors.map((e) => e.code);
    expect(await errors({ role: 'SOURCE' })).toEqual(['SOURCE_REQUIRED']);
    expect(await errors({ role: 'SOURCE', source: 'nowhere' })).toEqual(['UNKNOWN_SOURCE']);
    expect(await errors({ role: 'READER', source: 'crm' })).toEqual(['SOURCE_NOT_ALLOWED']);
    // Names are unique: `key:<name>` is the actor in every history and audit entry.
    expect(await errors({ role: 'READER', name: 'dashboard-unique' })).toEqual([]);
    expect(await errors({ role: 'STEWARD', name: 'dashboard-unique' })).toEqual(['DUPLICATE_NAME']);
  });
});
