import { Injectable, type OnModuleInit } from '@nestjs/common';
import { uuidv7 } from '../common/database/uuid';
import { queryInChunks, type Tx } from '../common/database/tx';
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
    const subscriptions = (await tx.query('SELECT id, event_types, source_system, linked_only FROM webhook_subscription WHERE active = ?', [true])).map((row) => ({
      id: row.id as string,
      patterns: JSON.parse(row.event_types as string) as string[],
      linkedTo: row.linked_only ? (row.source_system as string) : null,
    }));
    if (subscriptions.length === 0) return;
    const linked = await goldensHoldingRecordsOf(tx, [...new Set(subscriptions.flatMap((s) => (s.linkedTo ? [s.linkedTo] : [])))], changes);
    const messages: (string | number | null)[][] = [];
    const deliveries: (string | number | null)[][] = [];
    for (const change of changes) {
      const payload = buildPayload(change);
      const targets = subscriptions.filter((s) => matchesAny(s.patterns, payload.type) && (!s.linkedTo || linked.get(s.linkedTo)!.has(change.golden.id)));
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

/**
 * Per source system, which of the changed golden records hold a record of it (tombstoned ones too), or
 * held one before being merged away (their records are now in the golden record they were merged into).
 * Read in the transaction of the change: after it, as a subscriber would see the crosswalk.
 */
async function goldensHoldingRecordsOf(tx: Tx, sources: readonly string[], changes: readonly GoldenChangeCommitted[]): Promise<Map<string, Set<string>>> {
  const holders = new Map<string, Set<string>>();
  if (sources.length === 0) return holders;
  // A golden record merged away holds nothing now: it is asked about through the one it was merged into
  // (and that one's, when the same batch merged it on).
  const mergedInto = new Map(changes.filter((c) => c.golden.mergedInto).map((c) => [c.golden.id, c.golden.mergedInto!]));
  const survivor = (id: string) => {
    for (let hops = 0; mergedInto.has(id) && hops < changes.length; hops++) id = mergedInto.get(id)!;
    return id;
  };
  const asked = new Map(changes.map((c) => [c.golden.id, survivor(c.golden.id)]));
  const ids = [...new Set(asked.values())];
  for (const source of sources) {
    const rows = await queryInChunks(tx, ids, (chunk, ph) =>
      tx.query<{ golden_id: string }>(`SELECT DISTINCT golden_id FROM source_record WHERE source = ? AND golden_id IN (${ph})`, [source, ...chunk]),
    );
    const holding = new Set(rows.map((r) => r.golden_id));
    holders.set(source, new Set([...asked].filter(([, id]) => holding.has(id)).map(([golden]) => golden)));
  }
  return holders;
}
