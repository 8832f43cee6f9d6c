import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { DIALECTS, INGEST_CUSTOMERS } from './support/hub';
import { killStrayHubProcesses, startHubProcess, stopHubProcess, type HubProcess } from './support/hub-process';
import { postGraphQL } from './support/robustness';
import { WebhookReceiver } from './support/webhook-receiver';

// The outbox across crashes of the real hub process (SIGKILL): a change committed before the crash is
// delivered after the restart with the same webhook-id; one killed mid-send is sent again with that id.
describe.each(DIALECTS)('webhooks across hub crashes (%s)', (dialect) => {
  let scratch: ScratchDatabase;
  let receiver: WebhookReceiver;
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-crash-'));
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: scratch.url,
    CANON_DATA_DIR: dataDir,
    CANON_BOOTSTRAP_ADMIN_KEY: adminKey,
    CANON_WEBHOOK_ALLOW: '127.0.0.1/32',
    CANON_WEBHOOK_RETRY_SCHEDULE: '0,0.2,0.2',
    CANON_WEBHOOK_LEASE: '1',
    ...extra,
  });
  const gql = async (hub: HubProcess, query: string, variables?: Record<string, unknown>) => {
    const { json } = await postGraphQL(hub.url, adminKey, { query, variables });
    expect(json.errors).toBeUndefined();
    return json.data;
  };
  const ingest = async (hub: HubProcess, sourceId: string, familyName: string) =>
    (await gql(hub, INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId, familyName, email: `${sourceId}@example.org` }] })).ingestCustomers.results[0].goldenId as string;
  const firstEventId = async (hub: HubProcess, goldenId: string) =>
    (await gql(hub, `query($id: ID!) { customer(id: $id) { history(first: 1) { edges { node { id } } } } }`, { id: goldenId })).customer.history.edges[0].node.id;

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await killStrayHubProcesses();
    await receiver?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers after a restart what was committed before a crash, and re-sends what a crash cut off, with the same ids', async () => {
    // A process that writes the outbox but does not send: its changes are committed, none is sent.
    const writer = await startHubProcess(env({ CANON_WEBHOOK_DISPATCH: 'off' }));
    await gql(writer, `mutation { createSourceSystem(input: { code: "crm" }) { userErrors { code } } }`);
    const created = await gql(writer, `mutation($url: String!) { createWebhookSubscription(input: { url: $url, eventTypes: ["*"] }) { secret userErrors { code message } } }`, {
      url: receiver.url,
    });
    expect(created.createWebhookSubscription.userErrors).toEqual([]);
    receiver.secrets = [created.createWebhookSubscription.secret];
    const before = await ingest(writer, 'crash-1', 'Before');
    const eventBefore = await firstEventId(writer, before);
    await stopHubProcess(writer, 'SIGKILL');
    expect(receiver.received).toEqual([]);

    const dispatcher = await startHubProcess(env());
    await receiver.waitFor((r) => r.some((m) => m.id === eventBefore && m.status === 200));
    expect(receiver.received.find((m) => m.id === eventBefore)!.verifiedBy).toHaveLength(1);

    // Killed while the receiver is still answering: the delivery is sent again once the lease runs out.
    receiver.reply({ delayMs: 2000 });
    const during = await ingest(dispatcher, 'crash-2', 'During');
    const eventDuring = await firstEventId(dispatcher, during);
    await receiver.waitFor((r) => r.some((m) => m.id === eventDuring));
    await stopHubProcess(dispatcher, 'SIGKILL');

    const restarted = await startHubProcess(env());
    try {
      await receiver.waitFor((r) => r.filter((m) => m.id === eventDuring).length >= 2);
      const copies = receiver.received.filter((m) => m.id === eventDuring);
      // At least once, the same id every time: a receiver that deduplicates by webhook-id processes it once.
      expect(new Set(copies.map((m) => m.body)).size).toBe(1);
      expect(copies.every((m) => m.verifiedBy.length === 1)).toBe(true);
    } finally {
      await stopHubProcess(restarted);
    }
  }, 60_000);
});
