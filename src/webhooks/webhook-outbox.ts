import { Injectable, type OnModuleInit } from '@nestjs/common';
import { uuidv7 } from '../common/database/uuid';
import type { Tx } from '../common/database/tx';
import { GoldenEventSinks, type GoldenChangeCommitted, type GoldenEventSink } from '../golden-records/golden-event-sinks';
import { buildPayload, matchesAny } from './webhook-events';

/**
 * The transactional outbox: each golden change gets its message and one delivery row per matching
 * active subscription, in the transaction of the change itself. A rolled-back change leaves nothing to
 * send; a committed one is sent even if the hub dies a moment later.
 */
@Injectable()
export class WebhookOutbox implements GoldenEventSink, OnModuleInit {
  /** Called when deliveries were written, so a dispatcher in this process can look at once. */
  onEnqueued: (() => void) | null = null;

  constructor(private readonly sinks: GoldenEventSinks) {}

  onModuleInit(): void {
    this.sinks.register(this);
  }

  async onEvents(tx: Tx, changes: readonly GoldenChangeCommitted[]): Promise<void> {
    // Read in the transaction, so a subscription created a moment ago is honoured by every hub process.
    const subscriptions = (await tx.query('SELECT id, event_types FROM webhook_subscription WHERE active = ?', [true])).map((row) => ({
      id: row.id as string,
      patterns: JSON.parse(row.event_types as string) as string[],
    }));
    if (subscriptions.length === 0) return;
    const messages: (string | number | null)[][] = [];
    const deliveries: (string | number | null)[][] = [];
    for (const change of changes) {
      const payload = buildPayload(change);
      const targets = subscriptions.filter((s) => matchesAny(s.patterns, payload.type));
      if (targets.length === 0) continue;
      messages.push([change.event.id, JSON.stringify(payload)]);
      for (const subscription of targets) {
        deliveries.push([uuidv7(), subscription.id, change.event.id, change.golden.id, change.golden.version, payload.type, 'pending', 0, change.event.at, null, change.event.at, null, null]);
      }
    }
    await tx.insertMany('webhook_message', ['event_id', 'payload'], messages);
    await tx.insertMany(
      'webhook_delivery',
      ['id', 'subscription_id', 'event_id', 'golden_id', 'golden_version', 'event_type', 'status', 'attempts', 'next_attempt_at', 'lease_until', 'created_at', 'delivered_at', 'last_error'],
      deliveries,
    );
    // A nudge for this process's dispatcher; if it comes before the commit, the next poll finds them.
    if (deliveries.length > 0) setTimeout(() => this.onEnqueued?.(), 5);
  }
}
