import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './uuid';

const MAX_TIMESTAMP = 2 ** 48 - 1;
const timestamp = fc.integer({ min: 0, max: MAX_TIMESTAMP });

describe('uuidv7', () => {
  it('is a lower-case RFC 9562 UUID of version 7 and variant 10xx', () => {
    fc.assert(
      fc.property(timestamp, (now) => {
        const id = uuidv7(now);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(isUuid(id)).toBe(true);
      }),
    );
  });

  it('encodes the timestamp in milliseconds in its first 48 bits', () => {
    fc.assert(
      fc.property(timestamp, (now) => {
        expect(parseInt(uuidv7(now).replace(/-/g, '').slice(0, 12), 16)).toBe(now);
      }),
    );
    expect(uuidv7(0).startsWith('00000000-0000-7')).toBe(true);
    expect(uuidv7(MAX_TIMESTAMP).startsWith('ffffffff-ffff-7')).toBe(true);
  });

  it('uses the current time by default', () => {
    const before = Date.now();
    const ms = parseInt(uuidv7().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('sorts as a string in the order of its timestamps', () => {
    fc.assert(
      fc.property(fc.uniqueArray(timestamp, { minLength: 2, maxLength: 20 }), (times) => {
        const ids = times.map((t) => ({ t, id: uuidv7(t) }));
        const byId = [...ids].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => x.t);
        expect(byId).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });

  it('differs between ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});

describe('isUuid', () => {
  it.each(['0190b6a4-3c2e-7d5f-8a1b-2c3d4e5f6a7b', '123E4567-E89B-12D3-A456-426614174000', '00000000-0000-0000-0000-000000000000'])('accepts %s', (value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each(['', 'not-a-uuid', '0190b6a43c2e7d5f8a1b2c3d4e5f6a7b', '0190b6a4-3c2e-7d5f-8a1b-2c3d4e5f6a7', '0190b6a4-3c2e-7d5f-8a1b-2c3d4e5f6a7bc', 'g190b6a4-3c2e-7d5f-8a1b-2c3d4e5f6a7b', ' 0190b6a4-3c2e-7d5f-8a1b-2c3d4e5f6a7b'])(
    'rejects %j',
    (value) => {
      expect(isUuid(value)).toBe(false);
    },
  );
});
