import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** How the receiver answers one request. */
export interface Reply {
  readonly status?: number;
  readonly delayMs?: number;
  readonly retryAfter?: string;
}

export interface Received {
  readonly id: string;
  /** Path and query the request was sent to. */
  readonly url: string;
  readonly at: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly payload: any;
  /** Which of the secrets the receiver knows verify the request (Webhook.verify on the raw body). */
  readonly verifiedBy: readonly string[];
  readonly status: number;
}

/**
 * A real HTTP receiver for webhook tests: verifies every request with standardwebhooks on the raw body
 * against the secrets it was told, records it, and answers as scripted (status, delay, Retry-After).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  secrets: string[] = [];
  private readonly script: Reply[] = [];
  private readonly scripted = new Map<string, Reply[]>();
  private server!: Server;

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const payload = JSON.parse(body);
        const verifiedBy = this.secrets.filter((secret) => {
          try {
            new Webhook(secret).verify(body, req.headers as Record<string, string>);
            return true;
          } catch {
            return false;
          }
        });
        const perRecord = this.scripted.get(payload?.data?.id)?.shift();
        const reply = perRecord ?? this.script.shift() ?? {};
        const status = reply.status ?? 200;
        this.received.push({ id: String(req.headers['webhook-id']), url: req.url ?? '', at: Date.now(), headers: req.headers, body, payload, verifiedBy, status });
        setTimeout(() => {
          res.writeHead(status, reply.retryAfter ? { 'retry-after': reply.retryAfter } : {});
          res.end('ok');
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The next answers, in order, to any request. */
  reply(...replies: Reply[]): void {
    this.script.push(...replies);
  }

  /** The next answers to requests about one golden record. */
  replyFor(goldenId: string, ...replies: Reply[]): void {
    this.scripted.set(goldenId, [...(this.scripted.get(goldenId) ?? []), ...replies]);
  }

  reset(): void {
    this.received.length = 0;
    this.script.length = 0;
    this.scripted.clear();
  }

  /** Waits until `predicate` holds for what was received (polling), or fails after `timeoutMs`. */
  async waitFor(predicate: (received: readonly Received[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`webhook receiver: condition not met in ${timeoutMs} ms; received ${JSON.stringify(this.received.map((r) => [r.id, r.payload?.type, r.status]))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
