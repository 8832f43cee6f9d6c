import { describe, expect, it } from 'vitest';
import type { SourceRecordState } from '../golden-records/golden-record.types';
import { canonicalOrder, keptGoldenIds, mostCommon } from './regroup';

const record = (id: string, normalized: Record<string, string>, contentHash = id): SourceRecordState => ({
  id,
  entityType: 'customer',
  source: 'crm',
  sourceId: id,
  contentHash,
  sourceUpdatedAt: null,
  receivedAt: '2026-11-27T00:00:00.000Z',
  deleted: false,
  goldenId: 'g',
  previousGoldenIds: [],
  normalized,
  matchKeys: null,
});

describe(canonicalOrder.name, () => {
  it('puts the fullest records first, then orders by content, whatever order they come in', () => {
    const full = record('r1', { givenName: 'Riley', familyName: 'King', birthDate: '1984-04-19' }, 'c');
    const sparse = record('r2', { familyName: 'King' }, 'a');
    const half = record('r3', { givenName: 'Riley', familyName: 'King' }, 'b');
    const twin = record('r4', { givenName: 'Rily', familyName: 'King' }, 'a');
    const expected = ['r1', 'r4', 'r3', 'r2'];
    expect(canonicalOrder([sparse, half, full, twin]).map((r) => r.id)).toEqual(expected);
    expect(canonicalOrder([twin, full, sparse, half]).map((r) => r.id)).toEqual(expected);
  });

  it('puts a record that tells the matcher more first, however many attributes it fills', () => {
    const withMemory = record('r1', { name: 'MacBook Air M2 16GB RAM 256GB' }, 'b');
    const withoutMemory = record('r2', { name: 'MacBook Air M2 256GB' }, 'a');
    const told = (r: ReturnType<typeof record>) => (String(r.normalized.name).includes('RAM') ? 2 : 1);
    expect(canonicalOrder([withoutMemory, withMemory], told).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(canonicalOrder([withoutMemory, withMemory]).map((r) => r.id)).toEqual(['r2', 'r1']);
  });
});

describe(keptGoldenIds.name, () => {
  const member = (id: string, goldenId: string) => ({ state: record(id, {}), goldenId });

  it('gives each id to the group holding most of its records, across all groups', () => {
    const groups = new Map([
      ['small', [member('r9', 'g-new'), member('r1', 'g-old')]],
      ['large', [member('r2', 'g-old'), member('r3', 'g-old'), member('r4', 'g-old')]],
    ]);
    const kept = keptGoldenIds(groups);
    expect(kept.get('large')).toBe('g-old');
    expect(kept.get('small')).toBe('g-new');
  });

  it('on a tie keeps the id with the group holding its oldest record, and gives a group without one a new id', () => {
    const groups = new Map([
      ['later', [member('r5', 'g')]],
      ['first', [member('r1', 'g')]],
    ]);
    const kept = keptGoldenIds(groups);
    expect(kept.get('first')).toBe('g');
    expect(kept.get('later')).not.toBe('g');
    expect(kept.get('later')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe(mostCommon.name, () => {
  it('picks the most frequent value, ties by value', () => {
    expect(mostCommon(['b', 'a', 'b'])).toBe('b');
    expect(mostCommon(['b', 'a'])).toBe('a');
  });
});
