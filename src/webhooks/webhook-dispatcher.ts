import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import { AuditLogService, SYSTEM_ACTOR } from '../audit/audit-log.service';
import { Database } from '../common/database/database';
import type { Row } from '../common/database/tx';
import { uuidv7 } from '../common/database/uuid';
import { checkWebhookUrl, resolveAndCheck, type SsrfPolicy } from './ssrf-guard';
import { maskPayload, type WebhookPayload } from './webhook-events';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSubscriptionService, type SigningSubscription } from './webhook-subscription.service';

const BATCH = 32;
const POLL_MS = 100;
const MAX_RESPONSE_BYTES = 64 * 1024;
/** Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_S = 3600;
/** A disabled endpoint's deliveries wait this long before looking again. */
const PAUSED_MS = 60_000;
/** The error of an attempt the hub cut short by shutting down (the `attemptLog` shows it). */
export const SHUTDOWN_ERROR = 'aborted: the hub shut down; sent again after the restart';

interface Claimed {
  readonly id: string;
  /** The lease this dispatcher holds: its updates apply only while it still holds it. */
  readonly leaseUntil: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly goldenId: string;
  readonly attempts: number;
}

interface Outcome {
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly responseBody: string | null;
  readonly retryAfterSeconds: number | null;
  /** The hub aborted the request because it is shutting down: not the endpoint's failure. */
  readonly shutdown?: boolean;
}

/**
 * Sends the outbox: claims due deliveries with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED, so several
 * hub processes share the work; SQLite: one conditional UPDATE … RETURNING), signs them the Standard
 * Webhooks way, POSTs them outside any transaction, and records every attempt. A record's deliveries to
 * one subscription go strictly in order: a later one is not claimed while an earlier one is pending.
 *
 * On shutdown (onModuleDestroy: it runs before the global CoreModule's, which closes the database) it
 * stops claiming, aborts the requests in flight, records each as cut off by the shutdown and gives the
 * delivery back (lease released), so the next start sends it again, with the same webhook-id, at once.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Aborted on shutdown: every request in flight ends at once. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly database: Database,
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly outbox: WebhookOutbox,
    private readonly audit: AuditLogService,
  ) {
    this.timeoutMs = subscriptions.settings.timeoutSeconds * 1000;
    this.agent = new Agent({ connect: { lookup: guardedLookup(subscriptions.policy) }, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  onApplicationBootstrap(): void {
    if (!this.subscriptions.settings.dispatch) return;
    this.outbox.onEnqueued = () => this.wake();
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  /**
   * Nest calls every onModuleDestroy before any onApplicationShutdown, and the database closes in its
   * onModuleDestroy (CoreModule, global, goes last): the dispatcher must be done before that.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.outbox.onEnqueued = null;
    this.shutdown.abort();
    await this.running;
    await this.agent.close();
  }

  /** Runs a dispatch pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error(`dispatch failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
      });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const claimed = await this.claim();
      if (claimed.length === 0) continue;
      const now = new Date().toISOString();
      const subscriptions = await this.subscriptions.forSigning(claimed.map((c) => c.subscriptionId), now);
      await Promise.all(claimed.map((delivery) => this.deliver(delivery, subscriptions.get(delivery.subscriptionId))));
      if (claimed.length === BATCH) this.again = true;
    } while (this.again && !this.stopped);
  }

  private async claim(): Promise<Claimed[]> {
    const now = new Date();
    const nowIso = now.toISOString();
    // A read first: an idle hub polls without taking the write lock (SQLite) or a transaction.
    const due = await this.database.query("SELECT 1 AS due FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1", [nowIso]);
    if (due.length === 0) return [];
    // A claimed delivery is another dispatcher's to send again after the lease (its holder died mid-send).
    const leaseUntil = new Date(now.getTime() + this.subscriptions.settings.leaseSeconds * 1000).toISOString();
    const postgres = this.database.dialect === 'postgres';
    const rows = await this.database.transaction((tx) =>
      tx.query(
        `UPDATE webhook_delivery SET lease_until = ? WHERE id IN (
           SELECT d.id FROM webhook_delivery d
           WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
             AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                             WHERE e.subscription_id = d.subscription_id AND e.golden_id = d.golden_id AND e.status = 'pending'
                               AND (e.golden_version < d.golden_version OR (e.golden_version = d.golden_version AND e.id < d.id)))
           ORDER BY d.next_attempt_at, d.id LIMIT ${BATCH}${postgres ? ' FOR UPDATE SKIP LOCKED' : ''})
         AND (lease_until IS NULL OR lease_until < ?)
         RETURNING id, subscription_id, event_id, golden_id, attempts`,
        [leaseUntil, nowIso, nowIso, nowIso],
      ),
    );
    return rows.map((r) => ({
      id: r.id as string,
      leaseUntil,
      subscriptionId: r.subscription_id as string,
      eventId: r.event_id as string,
      goldenId: r.golden_id as string,
      attempts: Number(r.attempts),
    }));
  }

  private async deliver(delivery: Claimed, subscription: SigningSubscription | undefined): Promise<void> {
    if (!subscription || !subscription.active) {
      // Paused until the endpoint is enabled again; the order behind it waits too.
      await this.database.transaction((tx) =>
        tx.execute('UPDATE webhook_delivery SET lease_until = NULL, next_attempt_at = ? WHERE id = ? AND lease_until = ?', [
          new Date(Date.now() + PAUSED_MS).toISOString(),
          delivery.id,
          delivery.leaseUntil,
        ]),
      );
      return;
    }
    const [message] = await this.database.query('SELECT payload FROM webhook_message WHERE event_id = ?', [delivery.eventId]);
    const payload = JSON.parse(message.payload as string) as WebhookPayload;
    if (subscription.sourceSystem) payload.data.sourceIds = await this.sourceIds(delivery.goldenId, subscription.sourceSystem);
    const body = JSON.stringify(subscription.pii ? payload : maskPayload(payload));
    // Shutting down before anything was sent: no attempt, the delivery is only given back.
    if (this.shutdown.signal.aborted) return this.release(delivery);
    const outcome = await this.send(subscription, delivery.eventId, body);
    await this.record(delivery, subscription, outcome);
  }

  /** Gives a claimed delivery back untouched, for the next dispatcher to send at once. */
  private async release(delivery: Claimed): Promise<void> {
    await this.database.transaction((tx) => tx.execute('UPDATE webhook_delivery SET lease_until = NULL WHERE id = ? AND lease_until = ?', [delivery.id, delivery.leaseUntil]));
  }

  private async send(subscription: SigningSubscription, messageId: string, body: string): Promise<Outcome> {
    const started = performance.now();
    const timestamp = new Date();
    const signature = subscription.secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(' ');
    try {
      checkWebhookUrl(subscription.url, this.subscriptions.policy);
      const response = await request(subscription.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Canon-Webhooks/1',
          'webhook-id': messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.shutdown.signal]),
      });
      const responseBody = await readCapped(response.body);
      return {
        statusCode: response.statusCode,
        durationMs: Math.round(performance.now() - started),
        error: response.statusCode >= 300 && response.statusCode < 400 ? 'redirects are not followed' : null,
        responseBody,
        retryAfterSeconds: retryAfter(response.statusCode, response.headers['retry-after']),
      };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      if (this.shutdown.signal.aborted) return { statusCode: null, durationMs, error: SHUTDOWN_ERROR, responseBody: null, retryAfterSeconds: null, shutdown: true };
      return { statusCode: null, durationMs, error: describe(error, this.timeoutMs), responseBody: null, retryAfterSeconds: null };
    }
  }

  /** The attempt, and what it means for the delivery and the endpoint, in one transaction. */
  private async record(delivery: Claimed, subscription: SigningSubscription, outcome: Outcome): Promise<void> {
    const now = new Date();
    const nowIso = now.toISOString();
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const attempts = delivery.attempts + 1;
    const schedule = this.subscriptions.settings.retrySchedule;
    await this.database.transaction(async (tx) => {
      await tx.insertMany(
        'webhook_attempt',
        ['id', 'delivery_id', 'at', 'status_code', 'duration_ms', 'error', 'response_body'],
        [[uuidv7(), delivery.id, nowIso, outcome.statusCode, outcome.durationMs, outcome.error, outcome.responseBody]],
      );
      if (ok) {
        await tx.execute("UPDATE webhook_delivery SET status = 'delivered', attempts = ?, delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ? AND lease_until = ?", [
          attempts,
          nowIso,
          delivery.id,
          delivery.leaseUntil,
        ]);
        await tx.execute('UPDATE webhook_subscription SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL', [subscription.id]);
        return;
      }
      const error = outcome.error ?? `HTTP ${outcome.statusCode}`;
      if (outcome.shutdown) {
        // Cut off by this hub, not failed by the endpoint: it does not count towards the retry schedule
        // or towards disabling the endpoint, and it is due again at once (the lease is released).
        await tx.execute('UPDATE webhook_delivery SET lease_until = NULL, last_error = ? WHERE id = ? AND lease_until = ?', [error, delivery.id, delivery.leaseUntil]);
        return;
      }
      if (attempts >= schedule.length) {
        await tx.execute("UPDATE webhook_delivery SET status = 'dead', attempts = ?, lease_until = NULL, last_error = ? WHERE id = ? AND lease_until = ?", [
          attempts,
          error,
          delivery.id,
          delivery.leaseUntil,
        ]);
      } else {
        const wait = Math.min(Math.max(jittered(schedule[attempts]), outcome.retryAfterSeconds ?? 0), Math.max(schedule[attempts] * 1.2, MAX_RETRY_AFTER_S));
        const next = new Date(now.getTime() + wait * 1000).toISOString();
        await tx.execute('UPDATE webhook_delivery SET attempts = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ? AND lease_until = ?', [
          attempts,
          next,
          error,
          delivery.id,
          delivery.leaseUntil,
        ]);
      }
      await this.noteFailure(tx, subscription, now);
    });
  }

  /** An endpoint that has not accepted anything for the configured time (5 days) is disabled, and says why. */
  private async noteFailure(tx: Parameters<Parameters<Database['transaction']>[0]>[0], subscription: SigningSubscription, now: Date): Promise<void> {
    const since = subscription.failingSince ?? now.toISOString();
    if (!subscription.failingSince) await tx.execute('UPDATE webhook_subscription SET failing_since = ? WHERE id = ? AND failing_since IS NULL', [since, subscription.id]);
    const limit = this.subscriptions.settings.disableAfterSeconds * 1000;
    if (now.getTime() - Date.parse(since) >= limit) {
      const reason = `every delivery failed since ${since}`;
      const disabled = await tx.execute('UPDATE webhook_subscription SET active = ?, disabled_at = ?, disabled_reason = ? WHERE id = ? AND active = ?', [
        false,
        now.toISOString(),
        reason,
        subscription.id,
        true,
      ]);
      // The hub switched it off, not an admin: the log says so, and why.
      if (disabled === 0) return;
      await this.audit.record({ actor: SYSTEM_ACTOR, action: 'webhook_subscription.disabled', targetType: 'webhook_subscription', targetId: subscription.id, details: { reason } }, tx);
      this.logger.error(`webhook subscription ${subscription.id} disabled: every delivery failed since ${since}`);
    }
  }

  private async sourceIds(goldenId: string, source: string): Promise<string[]> {
    const rows = await this.database.query('SELECT source_id FROM source_record WHERE golden_id = ? AND source = ? AND deleted = ? ORDER BY source_id', [goldenId, source, false]);
    return rows.map((r: Row) => r.source_id as string);
  }
}

/** ±20 % around the scheduled wait, so that retries after an outage do not arrive all at once. */
function jittered(seconds: number): number {
  return seconds * (0.8 + Math.random() * 0.4);
}

function retryAfter(statusCode: number, header: string | string[] | undefined): number | null {
  if ((statusCode !== 429 && statusCode !== 503) || header === undefined) return null;
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_S) : null;
}

async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown, timeoutMs: number): string {
  const e = error as Error & { code?: string; cause?: Error };
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_HEADERS_TIMEOUT') return `timed out after ${timeoutMs / 1000} s`;
  return [e.code, e.message, e.cause?.message].filter(Boolean).join(': ');
}

/** DNS at connect time, checked again: a name that now resolves to a private address (rebinding) is refused. */
function guardedLookup(policy: SsrfPolicy): LookupFunction {
  return (hostname, options, callback) => {
    // https: the scheme is not what is checked here (that was done at registration), only the address.
    resolveAndCheck(new URL(`https://${hostname.includes(':') ? `[${hostname}]` : hostname}`), policy, (host) => dnsLookup(host, { all: true }))
      .then((addresses) => {
        const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof entries) => void)(null, entries);
        else callback(null, entries[0].address, entries[0].family);
      })
      .catch((error: Error) => callback(error as NodeJS.ErrnoException, '', 0));
  };
}
