import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows `limit` requests at once, then refills one every window / limit, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 6, () => now); // 3 per 6 s: one back every 2,000 ms
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(2000);
    expect(limiter.take('b')).toBe(0); // another key has its own bucket

    now = 1500;
    expect(limiter.take('a')).toBe(500);
    now = 2000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(2000);
  });

  it('never holds more than `limit` however long a key was idle', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1, () => now);
    now = 60_000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });
});
