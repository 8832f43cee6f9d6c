import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { uuidv7 } from '../src/common/database/uuid';
import { GoldenRecordStore } from '../src/golden-records/golden-record.store';
import { addSource, DIALECTS, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';
import { WebhookReceiver } from './support/webhook-receiver';

// Webhooks end to end with a real receiver that verifies every signature: the outbox, retries on a
// compressed schedule, order per record, Retry-After, secret rotation and the SSRF guard.
process.env.CANON_WEBHOOK_ALLOW = '127.0.0.1/32';
process.env.CANON_WEBHOOK_RETRY_SCHEDULE = '0,0.2,0.2,0.2';

describe.each(DIALECTS)('webhooks (%s)', (dialect) => {
  let hub: TestHub;
  let receiver: WebhookReceiver;
  let subscription: { id: string; secret: string };

  const ingest = async (records: unknown[], source = 'crm') => {
    const { ingestCustomers } = await hub.data<any>(INGEST_CUSTOMERS, { source, records });
    for (const result of ingestCustomers.results) expect(result.errors).toEqual([]);
    return ingestCustomers.results as { goldenId: string }[];
  };
  const subscribe = async (input: Record<string, unknown>) => {
    const { createWebhookSubscription } = await hub.data<any>(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
         subscription { id url eventTypes active } secret userErrors { code field message } } }`,
      { input },
    );
    return createWebhookSubscription;
  };
  const deliveries = async (subscriptionId: string) =>
    (
      await hub.data<any>(
        `query($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 100) { edges { node {
           id eventId goldenId eventType status attempts nextAttemptAt attemptLog { statusCode error } } } } }`,
        { id: subscriptionId },
      )
    ).webhookDeliveries.edges.map((e: any) => e.node);
  const countRows = async (table: string) => Number((await hub.server.app.get(Database).query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    const created = await subscribe({ url: receiver.url, eventTypes: ['customer.*'], description: 'test receiver', sourceSystem: 'crm' });
    expect(created.userErrors).toEqual([]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    subscription = { id: created.subscription.id, secret: created.secret };
  });
  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.reset();
    receiver.secrets = [subscription.secret];
  });

  it('delivers a signed customer.created with the Standard Webhooks headers and the full record', async () => {
    const [result] = await ingest([{ sourceId: 'wh-1', givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.org', city: 'London' }]);
    await receiver.waitFor((r) => r.some((x) => x.payload.data.id === result.goldenId));
    const request = receiver.received.find((x) => x.payload.data.id === result.goldenId)!;
    expect(request.verifiedBy).toEqual([subscription.secret]);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(request.payload).toMatchObject({
      id: request.id,
      type: 'customer.created',
      data: {
        entityType: 'customer',
        id: result.goldenId,
        version: 1,
        record: { id: result.goldenId, version: 1, status: 'active', givenName: 'Ada', familyName: 'Lovelace', city: 'London' },
        sourceIds: ['wh-1'],
      },
    });
    expect(request.payload.data.changes).toContainEqual({ attribute: 'city', before: null, after: 'London' });
    // The webhook-id is the golden event's id: the same one history shows.
    const { customer } = await hub.data<any>(`query($id: ID!) { customer(id: $id) { history(first: 1) { edges { node { id } } } } }`, { id: result.goldenId });
    expect(customer.history.edges[0].node.id).toBe(request.id);
  });

  it('retries 500, 500, 500 then 200: four attempts with the same webhook-id, delivered once, every attempt logged', async () => {
    receiver.reply({ status: 500 }, { status: 500 }, { status: 500 });
    const [result] = await ingest([{ sourceId: 'wh-2', givenName: 'Alan', familyName: 'Turing', email: 'alan@example.org' }]);
    await receiver.waitFor((r) => r.some((x) => x.payload.data.id === result.goldenId && x.status === 200));
    const attempts = receiver.received.filter((x) => x.payload.data.id === result.goldenId);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
    const delivery = (await deliveries(subscription.id)).find((d: any) => d.goldenId === result.goldenId);
    await expect.poll(async () => (await deliveries(subscription.id)).find((d: any) => d.id === delivery.id).status).toBe('delivered');
    const done = (await deliveries(subscription.id)).find((d: any) => d.id === delivery.id);
    expect(done).toMatchObject({ attempts: 4, eventId: attempts[0].id });
    expect(done.attemptLog.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 200]);
  });

  it('keeps the order per record while earlier deliveries fail, and other records are not held up', async () => {
    const [x] = await ingest([{ sourceId: 'ord-x', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.org', city: 'Arlington' }]);
    await receiver.waitFor((r) => r.some((m) => m.payload.data.id === x.goldenId && m.status === 200));
    receiver.reset();
    receiver.secrets = [subscription.secret];
    receiver.replyFor(x.goldenId, { status: 500 }, { status: 500 });
    await ingest([{ sourceId: 'ord-x', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.org', city: 'New York' }]);
    await ingest([{ sourceId: 'ord-x', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.org', city: 'Washington' }]);
    const [y] = await ingest([{ sourceId: 'ord-y', givenName: 'Edsger', familyName: 'Dijkstra', email: 'ewd@example.nl' }]);
    await receiver.waitFor((r) => r.filter((m) => m.payload.data.id === x.goldenId && m.status === 200).length === 2);
    const xs = receiver.received.filter((m) => m.payload.data.id === x.goldenId);
    expect(xs.map((m) => [m.payload.data.version, m.status])).toEqual([
      [2, 500],
      [2, 500],
      [2, 200],
      [3, 200],
    ]);
    const yDelivered = receiver.received.find((m) => m.payload.data.id === y.goldenId)!;
    expect(yDelivered.at).toBeLessThanOrEqual(xs[2].at); // no head-of-line block across records
  });

  it('counts a redirect as a failure: it is not followed', async () => {
    receiver.reply({ status: 302 });
    const [result] = await ingest([{ sourceId: 'wh-302', givenName: 'John', familyName: 'Backus', email: 'backus@example.org' }]);
    await receiver.waitFor((r) => r.some((m) => m.payload.data.id === result.goldenId && m.status === 200));
    expect(receiver.received.filter((m) => m.payload.data.id === result.goldenId).map((m) => m.status)).toEqual([302, 200]);
  });

  it('tells subscribers about a merge: survivor and merged ids, on both records', async () => {
    const [a, b] = await ingest([
      { sourceId: 'mg-1', givenName: 'Hedy', familyName: 'Lamarr', email: 'hedy@example.org' },
      { sourceId: 'mg-2', givenName: 'Hedwig', familyName: 'Kiesler', email: 'hk@example.at' },
    ]);
    const merged = await hub.data<any>(`mutation($a: ID!, $b: ID!) { mergeGoldenRecords(input: { survivorId: $a, mergedIds: [$b] }) { userErrors { code } } }`, {
      a: a.goldenId,
      b: b.goldenId,
    });
    expect(merged.mergeGoldenRecords.userErrors).toEqual([]);
    await receiver.waitFor((r) => r.filter((m) => m.payload.type === 'customer.merged').length === 2);
    const [survivor, retired] = [a.goldenId, b.goldenId].map((id) => receiver.received.find((m) => m.payload.type === 'customer.merged' && m.payload.data.id === id)!);
    expect(survivor.payload.data).toMatchObject({ survivorId: a.goldenId, mergedIds: [b.goldenId], version: 2, sourceIds: ['mg-1', 'mg-2'] });
    expect(retired.payload.data).toMatchObject({ survivorId: a.goldenId, mergedIds: [b.goldenId], record: { status: 'merged', mergedInto: a.goldenId } });
  });

  it('a linked-only subscription hears only of golden records holding a record of its source, merges into them included', async () => {
    await addSource(hub, 'erp');
    expect((await subscribe({ url: receiver.url, eventTypes: ['*'], linkedOnly: true })).userErrors).toEqual([
      expect.objectContaining({ code: 'LINKED_ONLY_NEEDS_SOURCE', field: ['linkedOnly'] }),
    ]);
    const erp = await subscribe({ url: receiver.url, eventTypes: ['customer.*'], sourceSystem: 'erp', linkedOnly: true });
    expect(erp.userErrors).toEqual([]);
    receiver.secrets = [subscription.secret, erp.secret];
    const heard = async () => (await deliveries(erp.subscription.id)).map((d: { goldenId: string; eventType: string }) => `${d.eventType} ${d.goldenId}`);

    const [grace] = await ingest([{ sourceId: 'lo-1', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.org' }]);
    const [other] = await ingest([{ sourceId: 'lo-2', givenName: 'Alan', familyName: 'Turing', email: 'alan@example.org' }]);
    expect(await heard()).toEqual([]); // the CRM's customers are none of the ERP's business
    await ingest([{ sourceId: 'E-77', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.org', city: 'Arlington' }], 'erp');
    expect(await heard()).toEqual([`customer.updated ${grace.goldenId}`]);
    await hub.data(`mutation($a: ID!, $b: ID!) { mergeGoldenRecords(input: { survivorId: $a, mergedIds: [$b] }) { userErrors { code } } }`, { a: grace.goldenId, b: other.goldenId });
    // Both sides of the merge: the record the ERP holds changed, and the one merged into it is gone.
    expect((await heard()).sort()).toEqual([`customer.merged ${grace.goldenId}`, `customer.merged ${other.goldenId}`, `customer.updated ${grace.goldenId}`].sort());
    // The subscription without linkedOnly heard of all of it.
    const all = (await deliveries(subscription.id)).map((d: { goldenId: string }) => d.goldenId);
    expect(all).toEqual(expect.arrayContaining([grace.goldenId, other.goldenId]));
    // Every delivery arrives (5 to the first subscription, 3 to this one) before the next test counts its own.
    await receiver.waitFor((r) => r.filter((m) => [grace.goldenId, other.goldenId].includes(m.payload.data.id)).length >= 8);
    await hub.data(`mutation($id: ID!) { updateWebhookSubscription(id: $id, input: { active: false }) { userErrors { code } } }`, { id: erp.subscription.id });
  });

  it('honours Retry-After on 429', async () => {
    receiver.reply({ status: 429, retryAfter: '1' });
    const [result] = await ingest([{ sourceId: 'wh-429', givenName: 'Barbara', familyName: 'Liskov', email: 'liskov@example.org' }]);
    await receiver.waitFor((r) => r.filter((m) => m.payload.data.id === result.goldenId).length === 2);
    const [first, second] = receiver.received.filter((m) => m.payload.data.id === result.goldenId);
    expect(second.at - first.at).toBeGreaterThanOrEqual(900); // the schedule alone says 0.2 s
  });

  it('gives up after the last attempt: the delivery is dead, the error kept', async () => {
    receiver.reply({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const [result] = await ingest([{ sourceId: 'wh-dead', givenName: 'Ken', familyName: 'Thompson', email: 'ken@example.org' }]);
    await expect
      .poll(async () => (await deliveries(subscription.id)).find((d: any) => d.goldenId === result.goldenId)?.status, { timeout: 10_000 })
      .toBe('dead');
    const dead = (await deliveries(subscription.id)).find((d: any) => d.goldenId === result.goldenId);
    expect(dead.attempts).toBe(4);
    expect(dead.nextAttemptAt).toBeNull(); // nothing more will be tried unless a replay asks
    const replay = await hub.data<any>(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { delivery { eventId status } userErrors { code } } }`, { id: dead.id });
    expect(replay.replayWebhookDelivery.delivery).toEqual({ eventId: dead.eventId, status: 'pending' });
    await receiver.waitFor((r) => r.some((m) => m.id === dead.eventId && m.status === 200));
  });

  it('signs with the old and the new secret during a rotation grace period, with the new one only after', async () => {
    const rotate = async (grace: number) =>
      (
        await hub.data<any>(`mutation($id: ID!, $g: Int!) { rotateWebhookSecret(id: $id, gracePeriodSeconds: $g) { secret subscription { previousSecretUntil } userErrors { code } } }`, {
          id: subscription.id,
          g: grace,
        })
      ).rotateWebhookSecret;
    const old = subscription.secret;
    const withGrace = await rotate(3600);
    expect(withGrace.secret).not.toBe(old);
    receiver.secrets = [old, withGrace.secret];
    const [a] = await ingest([{ sourceId: 'rot-1', givenName: 'Radia', familyName: 'Perlman', email: 'radia@example.org' }]);
    await receiver.waitFor((r) => r.some((m) => m.payload.data.id === a.goldenId));
    expect(receiver.received.find((m) => m.payload.data.id === a.goldenId)!.verifiedBy).toEqual([old, withGrace.secret]);

    const immediate = await rotate(0);
    receiver.secrets = [withGrace.secret, immediate.secret];
    const [b] = await ingest([{ sourceId: 'rot-2', givenName: 'Frances', familyName: 'Allen', email: 'fran@example.org' }]);
    await receiver.waitFor((r) => r.some((m) => m.payload.data.id === b.goldenId));
    expect(receiver.received.find((m) => m.payload.data.id === b.goldenId)!.verifiedBy).toEqual([immediate.secret]);
    subscription.secret = immediate.secret;
  });

  it('refuses receivers the SSRF guard blocks, and stores nothing', async () => {
    const before = await countRows('webhook_subscription');
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/hook',
      'http://192.168.1.10/hook',
      'http://[::1]/hook',
      'http://0x7f000002/hook',
      'http://2130706434/hook',
      'http://[::ffff:10.0.0.1]/hook',
      'http://localhost:8080/hook',
    ]) {
      const result = await subscribe({ url, eventTypes: ['*'] });
      expect(result.userErrors, url).toEqual([expect.objectContaining({ code: 'BLOCKED_URL', field: ['url'] })]);
    }
    for (const url of ['ftp://example.com/hook', 'https://user:pw@example.com/hook', 'not a url']) {
      expect((await subscribe({ url, eventTypes: ['*'] })).userErrors[0].code, url).toBe('INVALID_URL');
    }
    expect((await subscribe({ url: 'https://example.com/hook', eventTypes: ['customer.exploded'] })).userErrors[0].code).toBe('INVALID_EVENT_TYPE');
    expect(await countRows('webhook_subscription')).toBe(before);
  });

  it('sends nothing for a change that rolled back', async () => {
    const deliveriesBefore = await countRows('webhook_delivery');
    const store = hub.server.app.get(GoldenRecordStore);
    const now = new Date().toISOString();
    const golden = { id: uuidv7(), entityType: 'customer' as const, attributes: { familyName: 'Ghost' }, provenance: { m: [], a: {} }, version: 1, status: 'active' as const, mergedInto: null, createdAt: now, updatedAt: now, pins: {} };
    const event = { id: uuidv7(), goldenId: golden.id, entityType: 'customer' as const, type: 'created' as const, version: 1, at: now, actor: 'test', reason: null, payload: { changes: [], status: 'active' as const, statusBefore: null, sourceRecordIds: [] } };
    await expect(
      hub.server.app.get(Database).transaction(async (tx) => {
        await store.saveGoldens(tx, [golden]);
        await store.appendEvents(tx, [event], [golden]);
        expect(Number((await tx.query('SELECT count(*) AS n FROM webhook_delivery'))[0].n)).toBe(deliveriesBefore + 1); // written with the change…
        throw new Error('the change fails after its outbox row was written');
      }),
    ).rejects.toThrow('the change fails');
    expect(await countRows('webhook_delivery')).toBe(deliveriesBefore); // …and gone with it
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.some((m) => m.id === event.id)).toBe(false);
  });

  it('sends a test event on request', async () => {
    const { sendTestWebhookEvent } = await hub.data<any>(`mutation($id: ID!) { sendTestWebhookEvent(subscriptionId: $id) { delivery { eventId } userErrors { code } } }`, {
      id: subscription.id,
    });
    await receiver.waitFor((r) => r.some((m) => m.id === sendTestWebhookEvent.delivery.eventId));
    const test = receiver.received.find((m) => m.id === sendTestWebhookEvent.delivery.eventId)!;
    expect(test.payload.type).toBe('webhook.test');
    expect(test.verifiedBy).toEqual([subscription.secret]);
  });
});

// A hub with a one-second timeout and endpoints disabled after two seconds of failures.
describe.each(DIALECTS)('webhook timeouts and failing endpoints (%s)', (dialect) => {
  let hub: TestHub;
  let receiver: WebhookReceiver;
  const settings = { CANON_WEBHOOK_TIMEOUT: '1', CANON_WEBHOOK_DISABLE_AFTER: '2', CANON_WEBHOOK_RETRY_SCHEDULE: '0,0.5,0.5,0.5,0.5,0.5,0.5,0.5' };

  beforeAll(async () => {
    const saved = { ...process.env };
    Object.assign(process.env, settings);
    try {
      receiver = await new WebhookReceiver().start();
      hub = await startTestHub(dialect);
    } finally {
      for (const name of Object.keys(settings)) process.env[name] = saved[name];
    }
    await addSource(hub, 'crm');
  });
  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
  });

  const subscribe = async () => {
    const { createWebhookSubscription } = await hub.data<any>(
      `mutation($url: String!) { createWebhookSubscription(input: { url: $url, eventTypes: ["*"] }) { subscription { id } secret } }`,
      { url: receiver.url },
    );
    receiver.secrets = [createWebhookSubscription.secret];
    return createWebhookSubscription.subscription.id as string;
  };
  const ingest = async (sourceId: string) =>
    (await hub.data<any>(INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId, familyName: 'Timeout', email: `${sourceId}@example.org` }] })).ingestCustomers.results[0]
      .goldenId as string;
  const subscriptionState = async (id: string) =>
    (await hub.data<any>(`{ webhookSubscriptions { id active disabledAt disabledReason failingSince } }`)).webhookSubscriptions.find((s: any) => s.id === id);

  it('counts an answer slower than the timeout as a failure and tries again', async () => {
    const id = await subscribe();
    receiver.reply({ delayMs: 1500 });
    const goldenId = await ingest('to-1');
    await receiver.waitFor((r) => r.filter((m) => m.payload.data.id === goldenId).length === 2);
    const { webhookDeliveries } = await hub.data<any>(
      `query($id: ID!) { webhookDeliveries(subscriptionId: $id) { edges { node { goldenId status attemptLog { statusCode error } } } } }`,
      { id },
    );
    await expect
      .poll(async () => (await hub.data<any>(`query($id: ID!) { webhookDeliveries(subscriptionId: $id) { edges { node { status } } } }`, { id })).webhookDeliveries.edges[0].node.status)
      .toBe('delivered');
    const log = webhookDeliveries.edges.find((e: any) => e.node.goldenId === goldenId).node.attemptLog;
    expect(log[0]).toEqual({ statusCode: null, error: 'timed out after 1 s' });
    await hub.data<any>(`mutation($id: ID!) { updateWebhookSubscription(id: $id, input: { active: false }) { userErrors { code } } }`, { id });
  });

  it('disables an endpoint that keeps failing, records why, and sends again once it is enabled', async () => {
    const id = await subscribe();
    receiver.reset();
    receiver.reply(...Array.from({ length: 50 }, () => ({ status: 500 })));
    const goldenId = await ingest('dis-1');
    await expect.poll(async () => (await subscriptionState(id)).active, { timeout: 10_000 }).toBe(false);
    const disabled = await subscriptionState(id);
    expect(disabled.disabledReason).toMatch(/^every delivery failed since /);
    expect(disabled.disabledAt).not.toBeNull();
    const audit = async (action: string) =>
      (await hub.data<any>(`query($f: AuditLogFilterInput) { auditLog(filter: $f) { edges { node { actor details } } } }`, { f: { action, targetId: id } })).auditLog.edges.map((e: any) => e.node);
    expect(await audit('webhook_subscription.disabled')).toEqual([{ actor: 'system', details: { reason: disabled.disabledReason } }]);
    receiver.reset();
    const enabled = await hub.data<any>(`mutation($id: ID!) { enableWebhookSubscription(id: $id) { subscription { active failingSince } userErrors { code } } }`, { id });
    expect(enabled.enableWebhookSubscription.subscription).toEqual({ active: true, failingSince: null });
    expect(await audit('webhook_subscription.enabled')).toEqual([{ actor: 'key:bootstrap-admin', details: { disabledReason: disabled.disabledReason } }]);
    await receiver.waitFor((r) => r.some((m) => m.payload.data.id === goldenId && m.status === 200), 90_000);
  }, 120_000);
});
