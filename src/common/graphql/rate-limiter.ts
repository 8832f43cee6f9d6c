/**
 * A token bucket per key, in memory: each key may send `limit` requests at once and gets them back at
 * `limit` per `windowSeconds`, continuously. Per hub process: several processes each allow the limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.refillPerMs = limit / (windowSeconds * 1000);
  }

  /** Milliseconds until the key has a request to spend, without spending it: 0 if it has one now. */
  waitFor(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.limit, bucket.tokens + (this.now() - bucket.at) * this.refillPerMs);
    return tokens >= 1 ? 0 : (1 - tokens) / this.refillPerMs;
  }

  /** Takes one request from the key's bucket: 0 if allowed, else the milliseconds until it would be. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.refillPerMs;
  }
}
