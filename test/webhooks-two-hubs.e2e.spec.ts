import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { INGEST_CUSTOMERS } from './support/hub';
import { killStrayHubProcesses, startHubProcess, stopHubProcess, type HubProcess } from './support/hub-process';
import { postGraphQL } from './support/robustness';
import { WebhookReceiver } from './support/webhook-receiver';

// Two hub processes on one PostgreSQL, both ingesting and both dispatching: every event reaches the
// receiver once (nothing fails here, so there is no reason to send anything twice) and, per record, in
// version order.
describe('webhooks from two hub processes on one PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let receiver: WebhookReceiver;
  let hubs: HubProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-two-'));
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const gql = async (hub: HubProcess, query: string, variables?: Record<string, unknown>) => {
    const { json } = await postGraphQL(hub.url, adminKey, { query, variables });
    expect(json.errors).toBeUndefined();
    return json.data;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase('postgres');
    receiver = await new WebhookReceiver().start();
    const env = { DATABASE_URL: scratch.url, CANON_DATA_DIR: dataDir, CANON_BOOTSTRAP_ADMIN_KEY: adminKey, CANON_WEBHOOK_ALLOW: '127.0.0.1/32' };
    hubs = [await startHubProcess(env), await startHubProcess(env)];
  });
  afterAll(async () => {
    for (const hub of hubs) await stopHubProcess(hub);
    await killStrayHubProcesses();
    await receiver?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every event once and in order per record while both processes dispatch', async () => {
    const [a, b] = hubs;
    await gql(a, `mutation { createSourceSystem(input: { code: "crm" }) { userErrors { code } } }`);
    const created = await gql(b, `mutation($url: String!) { createWebhookSubscription(input: { url: $url, eventTypes: ["customer.*"] }) { secret } }`, { url: receiver.url });
    receiver.secrets = [created.createWebhookSubscription.secret];
    receiver.reply(...Array.from({ length: 200 }, () => ({ delayMs: 5 }))); // slow enough for the two to overlap

    // 10 people, each changed 6 times, the changes sent alternately through the two processes.
    const people = Array.from({ length: 10 }, (_, i) => i);
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        people.map((i) =>
          gql(hubs[(i + round) % 2], INGEST_CUSTOMERS, {
            source: 'crm',
            records: [{ sourceId: `two-${i}`, familyName: `Person${i}`, email: `p${i}@example.org`, city: `City${round}` }],
          }),
        ),
      );
    }
    await receiver.waitFor((r) => r.length >= 60, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
    expect(receiver.received).toHaveLength(60);
    expect(new Set(receiver.received.map((m) => m.id)).size).toBe(60);
    expect(receiver.received.every((m) => m.verifiedBy.length === 1)).toBe(true);
    const byRecord = new Map<string, number[]>();
    for (const m of receiver.received) byRecord.set(m.payload.data.id, [...(byRecord.get(m.payload.data.id) ?? []), m.payload.data.version]);
    expect(byRecord.size).toBe(10);
    for (const versions of byRecord.values()) expect(versions).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60_000);
});
