import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { Row } from '../common/database/tx';
import { uuidv7 } from '../common/database/uuid';
import { toConnection, withTotalCount, type Connection } from '../common/pagination';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSubscriptionService } from './webhook-subscription.service';
import { WebhookException, WebhookExceptionCode as Code } from './webhook.exception';

export interface WebhookDeliveryView {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly goldenId: string;
  readonly goldenVersion: number;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  /** Null once nothing more will be attempted (delivered or dead). */
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly lastError: string | null;
}

export interface WebhookAttemptView {
  readonly at: string;
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

const COLUMNS = ['id', 'subscription_id', 'event_id', 'golden_id', 'golden_version', 'event_type', 'status', 'attempts', 'next_attempt_at', 'lease_until', 'created_at', 'delivered_at', 'last_error'];

/** The operations side of webhooks: what was sent, every attempt, replays and test events. */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly database: Database,
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly outbox: WebhookOutbox,
  ) {}

  async page(subscriptionId: string, status: string | null, limit: number, after: string | null): Promise<Connection<WebhookDeliveryView>> {
    const where = ['subscription_id = ?'];
    const params: string[] = [subscriptionId];
    if (status) {
      where.push('status = ?');
      params.push(status);
    }
    const count = async () => Number((await this.database.query(`SELECT count(*) AS n FROM webhook_delivery WHERE ${where.join(' AND ')}`, params))[0].n);
    if (after) {
      where.push('id > ?');
      params.push(after);
    }
    const rows = await this.database.query(`SELECT * FROM webhook_delivery WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${limit + 1}`, params);
    return withTotalCount(toConnection(rows.map(toDelivery), limit, (d) => d.id, after !== null), count);
  }

  async attempts(deliveryId: string): Promise<WebhookAttemptView[]> {
    const rows = await this.database.query('SELECT at, status_code, duration_ms, error FROM webhook_attempt WHERE delivery_id = ? ORDER BY at, id', [deliveryId]);
    return rows.map((r) => ({ at: r.at as string, statusCode: r.status_code === null ? null : Number(r.status_code), durationMs: Number(r.duration_ms), error: (r.error as string | null) ?? null }));
  }

  /** Sends a delivery's message again as a new delivery, with the same `webhook-id`, so receivers deduplicate it. */
  async replay(deliveryId: string): Promise<WebhookDeliveryView> {
    const [row] = await this.database.query('SELECT * FROM webhook_delivery WHERE id = ?', [deliveryId]);
    if (!row) throw new WebhookException(Code.DELIVERY_NOT_FOUND, `no webhook delivery ${deliveryId}`, 'id');
    const [copy] = await this.enqueue([toDelivery(row)]);
    return copy;
  }

  /** Every message the subscription was sent since `since`, again (same ids), in their original order. */
  async replaySince(subscriptionId: string, since: string): Promise<number> {
    await this.subscriptions.get(subscriptionId);
    const rows = await this.database.query(
      'SELECT * FROM webhook_delivery WHERE subscription_id = ? AND created_at >= ? AND id IN (SELECT min(id) FROM webhook_delivery WHERE subscription_id = ? GROUP BY event_id) ORDER BY id',
      [subscriptionId, since, subscriptionId],
    );
    return (await this.enqueue(rows.map(toDelivery))).length;
  }

  /** A `webhook.test` message to one subscription, to check the receiver and its signature checks. */
  async sendTest(subscriptionId: string): Promise<WebhookDeliveryView> {
    await this.subscriptions.get(subscriptionId);
    const eventId = uuidv7();
    const now = new Date().toISOString();
    const payload = { id: eventId, type: 'webhook.test', timestamp: now, data: { subscriptionId } };
    const id = uuidv7();
    // Its own id stands for the record: a test event is ordered behind nothing else.
    await this.database.transaction(async (tx) => {
      await tx.insertMany('webhook_message', ['event_id', 'payload'], [[eventId, JSON.stringify(payload)]]);
      await tx.insertMany('webhook_delivery', COLUMNS, [[id, subscriptionId, eventId, eventId, 0, 'webhook.test', 'pending', 0, now, null, now, null, null]]);
    });
    this.outbox.onEnqueued?.();
    return this.get(id);
  }

  private async enqueue(originals: readonly WebhookDeliveryView[]): Promise<WebhookDeliveryView[]> {
    const now = new Date().toISOString();
    const ids = originals.map(() => uuidv7());
    await this.database.transaction((tx) =>
      tx.insertMany(
        'webhook_delivery',
        COLUMNS,
        originals.map((d, i) => [ids[i], d.subscriptionId, d.eventId, d.goldenId, d.goldenVersion, d.eventType, 'pending', 0, now, null, now, null, null]),
      ),
    );
    this.outbox.onEnqueued?.();
    return Promise.all(ids.map((id) => this.get(id)));
  }

  private async get(id: string): Promise<WebhookDeliveryView> {
    const [row] = await this.database.query('SELECT * FROM webhook_delivery WHERE id = ?', [id]);
    return toDelivery(row);
  }
}

function toDelivery(row: Row): WebhookDeliveryView {
  return {
    id: row.id as string,
    subscriptionId: row.subscription_id as string,
    eventId: row.event_id as string,
    goldenId: row.golden_id as string,
    goldenVersion: Number(row.golden_version),
    eventType: row.event_type as string,
    status: row.status as string,
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at as string) : null,
    createdAt: row.created_at as string,
    deliveredAt: (row.delivered_at as string | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
  };
}
