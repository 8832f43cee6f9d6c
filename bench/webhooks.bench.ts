// npm run bench:webhooks [-- N]: N golden changes (default 10,000) fanned out to a loopback receiver by
// the hub's dispatcher (SQLite, one process), against a floor measured in the same run: the same number
// of signed POSTs sent in a bare loop with undici to the same receiver. Prints deliveries/s, and the
// change-to-delivery latency p50/p99 with changes arriving at 500/s.
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { Pool } from 'undici';
import { Database } from '../src/common/database/database';
import { createScratchDatabase } from '../src/common/database/scratch-database';
import { loadConfig } from '../src/config/canon-config';
import { IngestionService } from '../src/ingestion/ingestion.service';
import { startServer } from '../src/server';
import { SourceSystemService } from '../src/source-systems/source-system.service';
import { WebhookSubscriptionService } from '../src/webhooks/webhook-subscription.service';
import { fmt, reportRatio } from './support/report';

const THROUGHPUT_TARGET = 0.1;
const LATENCY_TARGET_MS = 100;
const PACED_RATE = 500;
const CONCURRENCY = 32;

/** A receiver that answers 200 at once and notes when each webhook-id arrived. */
async function startReceiver(): Promise<{ url: string; arrivals: Map<string, number>; close: () => Promise<void> }> {
  const arrivals = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.set(String(req.headers['webhook-id']), Date.now());
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, arrivals, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The floor: `count` signed POSTs of a typical payload, `CONCURRENCY` at a time, over one undici Pool. */
async function floorPostsPerSecond(url: string, count: number): Promise<number> {
  const origin = new URL(url);
  const pool = new Pool(origin.origin, { connections: CONCURRENCY });
  const webhook = new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`);
  const body = JSON.stringify({ id: 'x', type: 'customer.created', data: { record: { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.org' } } });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const id = `msg_${next++}`;
        const response = await pool.request({
          path: origin.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': webhook.sign(id, new Date(), body) },
          body,
        });
        await response.body.dump();
      }
    }),
  );
  await pool.close();
  return count / ((performance.now() - started) / 1000);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('bench:webhooks: deliveries did not all arrive in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function benchWebhooks(count: number): Promise<void> {
  process.env.CANON_WEBHOOK_ALLOW = '127.0.0.1/32';
  const receiver = await startReceiver();
  const scratch = await createScratchDatabase('sqlite');
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-bench-webhooks-'));
  const server = await startServer({ ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, database: scratch.config, logLevel: 'silent' });
  console.log(`bench:webhooks: ${fmt(count)} golden changes to a loopback receiver (SQLite)`);
  try {
    await server.app.get(SourceSystemService).create({ code: 'bench' });
    await server.app.get(WebhookSubscriptionService).create({ url: receiver.url, eventTypes: ['*'] });
    const ingestion = server.app.get(IngestionService);
    const send = (from: number, size: number) =>
      ingestion.ingest({
        entityType: 'customer',
        source: 'bench',
        actor: 'bench',
        records: Array.from({ length: size }, (_, i) => ({ sourceId: `c${from + i}`, familyName: `Family${from + i}`, email: `c${from + i}@example.org` })),
      });

    // Throughput: all changes at once; the dispatcher drains the outbox as fast as it can.
    const burstStarted = performance.now();
    for (let i = 0; i < count; i += 500) await send(i, Math.min(500, count - i));
    await waitUntil(() => receiver.arrivals.size >= count, 600_000);
    const throughput = count / ((performance.now() - burstStarted) / 1000);
    const floor = await floorPostsPerSecond(receiver.url, count);
    reportRatio('webhook deliveries (/s)', throughput, floor, '/s', THROUGHPUT_TARGET);

    // Latency: changes arriving at 500/s, in batches of 25 every 50 ms, from commit time to arrival.
    const paced = Math.min(count, 5000);
    const committed = new Map<string, number>();
    receiver.arrivals.clear();
    for (let i = 0; i < paced; i += 25) {
      const tick = Date.now();
      const result = await send(count + i, 25);
      const at = Date.now();
      for (const r of result.results) if (r.goldenId) committed.set(r.goldenId, at);
      const wait = (25 / PACED_RATE) * 1000 - (Date.now() - tick);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await waitUntil(() => receiver.arrivals.size >= paced, 120_000);
    // Arrival per golden record: the receiver knows webhook ids, the history maps them to golden ids.
    const db = server.app.get(Database);
    const events = await db.query<{ id: string; golden_id: string }>("SELECT id, golden_id FROM golden_event WHERE type = 'created'");
    const latencies = events
      .filter((e) => committed.has(e.golden_id) && receiver.arrivals.has(e.id))
      .map((e) => receiver.arrivals.get(e.id)! - committed.get(e.golden_id)!)
      .sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    console.log(
      `change-to-delivery at ${PACED_RATE}/s           p50 ${percentile(latencies, 50)} ms   p99 ${p99} ms   (target p99 <= ${LATENCY_TARGET_MS} ms: ${p99 <= LATENCY_TARGET_MS ? 'meets' : 'BELOW'})`,
    );
  } finally {
    await server.app.close();
    await receiver.close();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchWebhooks(Number(process.argv[2] ?? 10_000)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
