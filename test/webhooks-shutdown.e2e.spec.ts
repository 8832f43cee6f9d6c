import { Logger } from '@nestjs/common';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';
import { WebhookReceiver } from './support/webhook-receiver';

// Stopping the hub (SIGTERM runs app.close()) while a receiver holds a request open: the dispatcher aborts
// the request at once instead of waiting out the request timeout, writes the cut-off attempt before the
// database closes, and gives the delivery back so the next start sends it again with the same webhook-id.
process.env.CANON_WEBHOOK_ALLOW = '127.0.0.1/32';
process.env.CANON_WEBHOOK_TIMEOUT = '30';
// The default 60 s lease: a re-send within seconds of the restart shows the shutdown released it.
delete process.env.CANON_WEBHOOK_LEASE;

describe.each(DIALECTS)('webhooks on hub shutdown (%s)', (dialect) => {
  let hub: TestHub;
  let receiver: WebhookReceiver;
  const data = (query: string, variables?: Record<string, unknown>) => hub.data<any>(query, variables);

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    receiver = await new WebhookReceiver().start();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
  });

  it('aborts an in-flight request promptly, records the attempt, and sends it again after the restart', async () => {
    await data(`mutation { createSourceSystem(input: { code: "crm" }) { userErrors { code } } }`);
    const created = (
      await data(`mutation($url: String!) { createWebhookSubscription(input: { url: $url, eventTypes: ["*"] }) { subscription { id } secret userErrors { code message } } }`, {
        url: receiver.url,
      })
    ).createWebhookSubscription;
    expect(created.userErrors).toEqual([]);
    receiver.secrets = [created.secret];

    // The receiver takes the request and does not answer (well beyond the test).
    receiver.reply({ delayMs: 10 * 60_000 });
    const { ingestCustomers } = await data(INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId: 'sd-1', familyName: 'Shutdown', email: 'sd-1@example.org' }] });
    const goldenId = ingestCustomers.results[0].goldenId as string;
    await receiver.waitFor((r) => r.some((m) => m.payload?.data?.id === goldenId));
    const first = receiver.received.find((m) => m.payload?.data?.id === goldenId)!;

    const errors = vi.spyOn(Logger.prototype, 'error');
    const started = Date.now();
    await hub.stop();
    // Well under the 30 s request timeout: the request was aborted, not waited out.
    expect(Date.now() - started).toBeLessThan(10_000);
    // A normal shutdown: no error logged (it was "dispatch failed: The database connection is not open").
    expect(errors).not.toHaveBeenCalled();

    // Nothing lost: the next start sends it again, with the same webhook-id, without waiting for the lease.
    await hub.start();
    await receiver.waitFor((r) => r.filter((m) => m.id === first.id).length >= 2, 10_000);
    const copies = receiver.received.filter((m) => m.id === first.id);
    expect(copies[1].body).toBe(first.body);
    expect(copies[1].verifiedBy).toEqual([created.secret]);

    const deliveries = async () =>
      (
        await data(`query($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 10) { edges { node { eventId status attempts lastError attemptLog { statusCode error } } } } }`, {
          id: created.subscription.id,
        })
      ).webhookDeliveries.edges.map((e: any) => e.node);
    const deadline = Date.now() + 10_000;
    while ((await deliveries())[0].status !== 'delivered' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ eventId: first.id, status: 'delivered', lastError: null });
    // The cut-off attempt is in the log, and says why; the endpoint is not charged with it.
    expect(delivery.attemptLog).toEqual([
      { statusCode: null, error: expect.stringMatching(/shut down/) },
      { statusCode: 200, error: null },
    ]);
    expect(delivery.attempts).toBe(1);
  }, 60_000);
});
