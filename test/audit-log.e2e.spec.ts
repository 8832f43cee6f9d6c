import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { runCli } from './support/cli';
import { DIALECTS, INGEST_CUSTOMERS, INGEST_PRODUCTS, startTestHub, type TestHub } from './support/hub';

const ADMIN_ACTOR = 'key:bootstrap-admin';
const CLI_ACTOR = (() => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
})();

const AUDIT_LOG = `query($filter: AuditLogFilterInput, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id at actor action targetType targetId details } }
  }
}`;

interface Entry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, any> | null;
}

interface Row {
  id: string;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
}

// Every administrative action writes exactly one entry, with its actor, target and details, and no secret.
describe.each(DIALECTS)('audit log (%s)', (dialect) => {
  let hub: TestHub;
  /** Every secret the hub handed out during the test: none may reach audit_log. */
  const secrets: string[] = [];

  const rows = () => hub.server.app.get(Database).query<Row>('SELECT * FROM audit_log ORDER BY id');
  const count = async () => (await rows()).length;
  /** The entries of one action on one target, through the admin query. */
  const entries = async (action: string, targetId?: string | null): Promise<Entry[]> => {
    const { auditLog } = await hub.data<any>(AUDIT_LOG, { filter: { action, targetId }, first: 100 });
    return auditLog.edges.map((e: any) => e.node);
  };
  const only = async (action: string, targetId?: string | null): Promise<Entry> => {
    const found = await entries(action, targetId);
    expect(found, `${action} ${targetId ?? ''}`).toHaveLength(1);
    return found[0];
  };

  const createKey = async (input: Record<string, unknown>, key?: string) =>
    (await hub.gql<any>(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id keyPrefix } userErrors { code } } }`, { input }, key))
      .body;
  const createSource = async (input: Record<string, unknown>) =>
    (await hub.data<any>(`mutation($input: CreateSourceSystemInput!) { createSourceSystem(input: $input) { userErrors { code } } }`, { input })).createSourceSystem
      .userErrors;
  const updateSource = async (code: string, input: Record<string, unknown>) =>
    (await hub.data<any>(`mutation($code: String!, $input: UpdateSourceSystemInput!) { updateSourceSystem(code: $code, input: $input) { userErrors { code } } }`, { code, input }))
      .updateSourceSystem.userErrors;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    secrets.push(hub.adminKey);
  });
  afterAll(() => hub?.close());

  it('records the admin key seeded at start as created by the system', async () => {
    const seeded = await only('api_key.created');
    expect(seeded.actor).toBe('system');
    expect(seeded.details).toMatchObject({ name: 'bootstrap-admin', role: 'admin' });
  });

  it('records source systems added and updated, with trust before and after; failed or empty changes write nothing', async () => {
    expect(await createSource({ code: 'crm', name: 'Sales CRM', defaultTrust: 60, attributeTrust: [{ attribute: 'email', rank: 90 }] })).toEqual([]);
    const created = await only('source_system.created', 'crm');
    expect(created).toMatchObject({ actor: ADMIN_ACTOR, targetType: 'source_system', targetId: 'crm' });
    expect(created.details).toEqual({ name: 'Sales CRM', trust: { default: 60, attributes: { email: 90 } }, uniqueRecords: false });

    const before = await count();
    expect(await createSource({ code: 'crm' })).toEqual([{ code: 'SOURCE_EXISTS' }]);
    expect(await createSource({ code: '-bad code-' })).toEqual([{ code: 'INVALID_SOURCE_CODE' }]);
    expect(await updateSource('nowhere', { name: 'X' })).toEqual([{ code: 'UNKNOWN_SOURCE' }]);
    expect(await updateSource('crm', { defaultTrust: 101 })).toEqual([{ code: 'INVALID_TRUST' }]);
    expect(await updateSource('crm', { name: 'Sales CRM' })).toEqual([]); // nothing changes
    expect(await count()).toBe(before);

    expect(await updateSource('crm', { defaultTrust: 70 })).toEqual([]);
    const updated = await only('source_system.updated', 'crm');
    expect(updated.actor).toBe(ADMIN_ACTOR);
    expect(updated.details).toEqual({
      changes: { trust: { from: { default: 60, attributes: { email: 90 } }, to: { default: 70, attributes: { email: 90 } } } },
    });
    // The recompute that follows a trust change is part of the update, not a second entry.
    expect(await count()).toBe(before + 1);
  });

  it('records API keys created and revoked with role, source, name and prefix, never the key; failures write nothing', async () => {
    const reader = await createKey({ role: 'READER', name: 'dashboard' });
    const loader = await createKey({ role: 'SOURCE', source: 'crm', name: 'crm-loader' });
    secrets.push(reader.data.createApiKey.key, loader.data.createApiKey.key);

    const { id, keyPrefix } = loader.data.createApiKey.apiKey;
    const created = await only('api_key.created', id);
    expect(created).toMatchObject({ actor: ADMIN_ACTOR, targetType: 'api_key', targetId: id });
    expect(created.details).toEqual({ name: 'crm-loader', role: 'source', source: 'crm', pii: false, expiresAt: null, keyPrefix });
    expect(loader.data.createApiKey.key.startsWith(keyPrefix)).toBe(true);

    const before = await count();
    expect((await createKey({ role: 'SOURCE', source: 'nowhere' })).data.createApiKey.userErrors).toEqual([{ code: 'UNKNOWN_SOURCE' }]);
    expect((await createKey({ role: 'READER', source: 'crm' })).data.createApiKey.userErrors).toEqual([{ code: 'SOURCE_NOT_ALLOWED' }]);
    const revokeUnknown = await hub.data<any>(`mutation { revokeApiKey(id: "00000000-0000-7000-8000-000000000000") { userErrors { code } } }`);
    expect(revokeUnknown.revokeApiKey.userErrors).toHaveLength(1);
    expect(await count()).toBe(before);

    const revoke = () => hub.data<any>(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } userErrors { code } } }`, { id });
    expect((await revoke()).revokeApiKey.userErrors).toEqual([]);
    expect((await revoke()).revokeApiKey.userErrors).toEqual([]); // already revoked: nothing changes, nothing is logged
    const revoked = await only('api_key.revoked', id);
    expect(revoked).toMatchObject({ actor: ADMIN_ACTOR, targetType: 'api_key' });
    expect(revoked.details).toEqual({ name: 'crm-loader', role: 'source', source: 'crm', pii: false, expiresAt: null, keyPrefix });
    expect(await count()).toBe(before + 1);
  });

  it('records rules applied by a recompute, with what it changed', async () => {
    // Before any webhook subscription exists, so that this ingest sends nothing anywhere.
    await hub.data(INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId: 'a-1', familyName: 'Audit', email: 'a1@example.org' }] });
    const { recomputeGoldenRecords } = await hub.data<any>(`mutation { recomputeGoldenRecords(entityType: CUSTOMER) { examined changed userErrors { code } } }`);
    expect(recomputeGoldenRecords).toEqual({ examined: 1, changed: 0, userErrors: [] });
    const applied = await only('rules.applied', 'customer');
    expect(applied).toMatchObject({ actor: ADMIN_ACTOR, targetType: 'rules' });
    expect(applied.details).toEqual({ source: null, examined: 1, changed: 0, rekeyed: 0 });
    // Ingest is not an administrative action.
    expect((await rows()).filter((r) => r.action.startsWith('ingest') || r.target_type === 'golden_record')).toEqual([]);
  });

  it('records webhook subscriptions created, updated, disabled, enabled and their secrets rotated, never the secret', async () => {
    const { createWebhookSubscription: created } = await hub.data<any>(
      `mutation { createWebhookSubscription(input: { url: "https://hooks.example.com/canon", eventTypes: ["customer.*"], sourceSystem: "crm" }) { subscription { id } secret userErrors { code } } }`,
    );
    expect(created.userErrors).toEqual([]);
    secrets.push(created.secret);
    const id = created.subscription.id as string;
    const createdEntry = await only('webhook_subscription.created', id);
    expect(createdEntry).toMatchObject({ actor: ADMIN_ACTOR, targetType: 'webhook_subscription' });
    expect(createdEntry.details).toMatchObject({ url: 'https://hooks.example.com/canon', eventTypes: ['customer.*'], sourceSystem: 'crm' });

    const update = async (input: Record<string, unknown>, target = id) =>
      (await hub.data<any>(`mutation($id: ID!, $input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(id: $id, input: $input) { userErrors { code } } }`, { id: target, input }))
        .updateWebhookSubscription.userErrors;
    const rotate = async (grace: number, target = id) =>
      (await hub.data<any>(`mutation($id: ID!, $grace: Int!) { rotateWebhookSecret(id: $id, gracePeriodSeconds: $grace) { secret userErrors { code } } }`, { id: target, grace }))
        .rotateWebhookSecret;
    const enable = async () => (await hub.data<any>(`mutation($id: ID!) { enableWebhookSubscription(id: $id) { userErrors { code } } }`, { id })).enableWebhookSubscription.userErrors;

    const before = await count();
    expect(await update({ url: 'ftp://nowhere' })).toEqual([{ code: 'INVALID_URL' }]);
    expect(await update({ active: false }, '00000000-0000-7000-8000-000000000000')).toEqual([{ code: 'SUBSCRIPTION_NOT_FOUND' }]);
    expect((await rotate(-1)).userErrors).toEqual([{ code: 'INVALID_GRACE_PERIOD' }]);
    expect((await rotate(60, '00000000-0000-7000-8000-000000000000')).userErrors).toEqual([{ code: 'SUBSCRIPTION_NOT_FOUND' }]);
    expect(await enable()).toEqual([]); // already active: nothing to log
    expect(await update({ description: null })).toEqual([]); // unchanged
    const createFailed = await hub.data<any>(`mutation { createWebhookSubscription(input: { url: "ftp://x", eventTypes: ["*"] }) { userErrors { code } } }`);
    expect(createFailed.createWebhookSubscription.userErrors).toEqual([{ code: 'INVALID_URL' }]);
    expect(await count()).toBe(before);

    expect(await update({ url: 'https://hooks.example.com/v2', description: 'v2' })).toEqual([]);
    const updated = await only('webhook_subscription.updated', id);
    expect(updated.actor).toBe(ADMIN_ACTOR);
    expect(updated.details).toEqual({
      changes: { url: { from: 'https://hooks.example.com/canon', to: 'https://hooks.example.com/v2' }, description: { from: null, to: 'v2' } },
    });

    expect(await update({ active: false })).toEqual([]);
    expect((await only('webhook_subscription.disabled', id)).actor).toBe(ADMIN_ACTOR);
    expect(await enable()).toEqual([]);
    expect((await only('webhook_subscription.enabled', id)).actor).toBe(ADMIN_ACTOR);

    const rotated = await rotate(3600);
    expect(rotated.userErrors).toEqual([]);
    secrets.push(rotated.secret);
    const rotation = await only('webhook_subscription.secret_rotated', id);
    expect(rotation.actor).toBe(ADMIN_ACTOR);
    expect(rotation.details).toMatchObject({ gracePeriodSeconds: 3600 });
    // updated, disabled, enabled, rotated: one entry each, and no second `updated` for the active flag.
    expect(await count()).toBe(before + 4);
  });

  it('records CLI actions as the command line, with the OS user', async () => {
    const canon = (...args: string[]) => runCli(args, hub.scratch.url);
    const before = await count();
    const failed = await canon('keys', 'create', '--role', 'source', '--source', 'nowhere');
    expect(failed.code).toBe(2);
    expect(await count()).toBe(before);

    const created = await canon('keys', 'create', '--role', 'reader', '--name', 'cli-reader');
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    secrets.push(key);
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created.stderr)![1];
    const entry = await only('api_key.created', id);
    expect(entry).toMatchObject({ actor: CLI_ACTOR, targetType: 'api_key', targetId: id });
    expect(entry.details).toEqual({ name: 'cli-reader', role: 'reader', source: null, pii: false, expiresAt: null, keyPrefix: key.slice(0, 12) });

    expect((await canon('keys', 'revoke', id)).code).toBe(0);
    expect((await only('api_key.revoked', id)).actor).toBe(CLI_ACTOR);
    const again = await canon('keys', 'revoke', id);
    expect(again.stdout).toMatch(/was already revoked/);
    expect(await count()).toBe(before + 2); // not logged a second time
    expect((await canon('source', 'add', 'erp', '--trust', '40')).code).toBe(0);
    expect((await only('source_system.created', 'erp')).actor).toBe(CLI_ACTOR);
    expect((await canon('recompute', '--entity', 'product')).code).toBe(0);
    expect(await only('rules.applied', 'product')).toMatchObject({ actor: CLI_ACTOR, details: { source: null, examined: 0, changed: 0 } });
    expect(await count()).toBe(before + 4);

    // Products, which the webhook subscription above (customer.*) is not sent.
    const products = Array.from({ length: 12 }, (_, i) => ({ sourceId: `p-${i}`, name: `Audit thing ${i}`, brand: i % 2 ? 'Acme' : 'Globex' }));
    await hub.data(INGEST_PRODUCTS, { source: 'erp', records: products });
    const rulesFile = join(mkdtempSync(join(tmpdir(), 'canon-audit-')), 'product.rules.json');
    expect((await canon('rules', 'train', '--entity', 'product', '--out', rulesFile, '--max-records', '1000', '--force')).code).toBe(0);
    expect(await only('rules.trained', 'product')).toMatchObject({ actor: CLI_ACTOR, targetType: 'rules', details: { file: rulesFile, records: 12 } });
    expect(await count()).toBe(before + 5);
    rmSync(dirname(rulesFile), { recursive: true, force: true });

    const listed = await canon('audit', '--action', 'api_key.revoked', '--limit', '1');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toHaveLength(1);
    expect(listed.stdout).toContain(`${CLI_ACTOR}\tapi_key.revoked\tapi_key:${id}\t`);
  }, 120_000);

  it('keeps no secret: no API key and no webhook secret appears anywhere in audit_log', async () => {
    const dump = JSON.stringify(await hub.server.app.get(Database).query('SELECT * FROM audit_log'));
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/whsec_/);
    expect(dump).not.toMatch(/canon_[A-Za-z0-9_-]{20,}/);
  });

  it('is for admins only', async () => {
    const keys = {
      steward: (await createKey({ role: 'STEWARD' })).data.createApiKey.key,
      reader: (await createKey({ role: 'READER', pii: true })).data.createApiKey.key,
      source: (await createKey({ role: 'SOURCE', source: 'crm' })).data.createApiKey.key,
    };
    for (const [role, key] of Object.entries(keys)) {
      const response = await hub.gql(AUDIT_LOG, { first: 1 }, key);
      expect(response.body.errors?.map((e) => e.extensions?.code), role).toEqual(['FORBIDDEN']);
      expect(response.body.data?.auditLog ?? null).toBeNull();
    }
    expect((await hub.gql(AUDIT_LOG, { first: 1 })).body.errors).toBeUndefined();
  });

  it('pages newest first with cursors, and filters by action, actor, target and time', async () => {
    const all = (await rows()).reverse(); // newest first, as the query answers
    expect(all.length).toBeGreaterThan(10);

    const seen: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { auditLog }: any = await hub.data<any>(AUDIT_LOG, { first: 3, after });
      expect(auditLog.totalCount).toBe(all.length);
      expect(auditLog.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...auditLog.edges.map((e: any) => e.node));
      pages++;
      if (!auditLog.pageInfo.hasNextPage) break;
      after = auditLog.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(all.length / 3));
    expect(seen.map((e) => e.id)).toEqual(all.map((r) => r.id));
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1].at >= seen[i].at).toBe(true);

    const ids = async (filter: Record<string, unknown>) =>
      (await hub.data<any>(AUDIT_LOG, { filter, first: 100 })).auditLog.edges.map((e: any) => e.node.id as string);
    const expected = (keep: (r: Row) => boolean) => all.filter(keep).map((r) => r.id);

    expect(await ids({ action: 'api_key.created' })).toEqual(expected((r) => r.action === 'api_key.created'));
    expect(await ids({ actor: CLI_ACTOR })).toEqual(expected((r) => r.actor === CLI_ACTOR));
    expect(await ids({ actor: CLI_ACTOR })).toHaveLength(5);
    expect(await ids({ targetType: 'source_system' })).toEqual(expected((r) => r.target_type === 'source_system'));
    expect(await ids({ targetType: 'source_system', targetId: 'crm', action: 'source_system.updated' })).toHaveLength(1);
    expect(await ids({ action: 'no.such.action' })).toEqual([]);

    const middle = all[Math.floor(all.length / 2)].at;
    const since = await ids({ since: middle });
    const until = await ids({ until: middle });
    expect(since).toEqual(expected((r) => r.at >= middle));
    expect(until).toEqual(expected((r) => r.at < middle));
    expect(since.length + until.length).toBe(all.length);
    expect(until.length).toBeGreaterThan(0);
    expect(await ids({ since: middle, until: middle })).toEqual([]);

    const tooMany = await hub.gql(AUDIT_LOG, { first: 101 });
    expect(tooMany.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
