import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { CANON_SCHEMA } from '../src/entities';
import { DIALECTS, INGEST_CUSTOMERS } from './support/hub';
import { killStrayHubProcesses, startHubProcess, stopHubProcess, type HubProcess } from './support/hub-process';
import { WebhookReceiver } from './support/webhook-receiver';

// Secrets stay secret: API keys and webhook secrets never appear in the hub's log, in error messages,
// in the database in clear, and a key is never accepted from a URL. Personal data never reaches the log.
describe.each(DIALECTS)('secrets at rest and in logs (%s)', (dialect) => {
  let scratch: ScratchDatabase;
  let receiver: WebhookReceiver;
  let hub: HubProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-secrets-'));
  const adminKey = `canon_${randomBytes(32).toString('base64url')}`;
  const secrets: string[] = [adminKey];

  const post = async (query: string, variables?: Record<string, unknown>, key = adminKey, path = '/graphql') => {
    const response = await fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, text: await response.text() };
  };
  const data = async (query: string, variables?: Record<string, unknown>) => {
    const { text } = await post(query, variables);
    const body = JSON.parse(text);
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
    receiver = await new WebhookReceiver().start();
    receiver.reply({ status: 500 }, { status: 500 });
    hub = await startHubProcess({
      DATABASE_URL: scratch.url,
      CANON_DATA_DIR: dataDir,
      CANON_BOOTSTRAP_ADMIN_KEY: adminKey,
      CANON_WEBHOOK_ALLOW: '127.0.0.1/32',
      CANON_WEBHOOK_RETRY_SCHEDULE: '0,0.2,0.2',
      CANON_LOG_LEVEL: 'info',
    });

    await data('mutation { createSourceSystem(input: { code: "crm" }) { userErrors { code } } }');
    for (const role of ['READER', 'STEWARD']) {
      const { createApiKey } = await data(`mutation { createApiKey(input: { role: ${role} }) { key } }`);
      secrets.push(createApiKey.key);
    }
    const { createWebhookSubscription } = await data(
      `mutation($url: String!) { createWebhookSubscription(input: { url: $url, eventTypes: ["*"] }) { subscription { id } secret } }`,
      { url: receiver.url },
    );
    secrets.push(createWebhookSubscription.secret);
    const { rotateWebhookSecret } = await data(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: createWebhookSubscription.subscription.id });
    secrets.push(rotateWebhookSecret.secret);
    receiver.secrets = secrets.filter((s) => s.startsWith('whsec_'));
    await data(INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId: 'p1', familyName: 'Hidden', email: 'very.private@example.org', phone: '+15551234567' }] });
    // The receiver fails twice, then accepts: the dispatcher logs nothing it should not.
    await receiver.waitFor((received) => received.some((r) => r.status === 200));
  });
  afterAll(async () => {
    await killStrayHubProcesses();
    await receiver?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a key in the URL, and never echoes a wrong key', async () => {
    const wrong = `canon_${randomBytes(32).toString('base64url')}`;
    const refused = await post('{ viewer { role } }', undefined, wrong);
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain(wrong);
    for (const param of ['api_key', 'access_token', 'key', 'token']) {
      const response = await fetch(`${hub.url}/graphql?${param}=${adminKey}&query=%7Bviewer%7Brole%7D%7D`);
      expect(response.status, param).toBe(401);
    }
  });

  it('keeps API keys hashed and webhook secrets encrypted in the database', async () => {
    const database = await Database.open(scratch.config, CANON_SCHEMA);
    try {
      for (const table of ['api_key', 'webhook_subscription', 'audit_log', 'webhook_message', 'webhook_delivery', 'webhook_attempt']) {
        const dump = JSON.stringify(await database.query(`SELECT * FROM ${table}`));
        for (const secret of secrets) expect(dump, `${table} holds a secret`).not.toContain(secret);
        // Nor the secret's body without its prefix (the base64 of a webhook secret).
        for (const secret of secrets) expect(dump, `${table} holds a secret`).not.toContain(secret.replace(/^(whsec_|canon_)/, ''));
      }
    } finally {
      await database.close();
    }
  });

  it('prints no secret and no clear personal data to its log', async () => {
    await stopHubProcess(hub);
    const log = hub.output();
    expect(log).toMatch(/listening on/);
    for (const secret of secrets) expect(log).not.toContain(secret.replace(/^(whsec_|canon_)/, ''));
    expect(log).not.toContain('very.private');
    expect(log).not.toContain('5551234567');
  });
});
