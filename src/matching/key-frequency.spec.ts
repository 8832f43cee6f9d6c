import { describe, expect, it } from 'vitest';
import { isGenericKey, recordCap } from './key-frequency';

describe('isGenericKey', () => {
  const never = () => {
    throw new Error('entities counted');
  };

  it('a key with no more records than its limit is never generic, and its entities are not counted', () => {
    expect(isGenericKey(4, never, 4)).toBe(false);
    expect(isGenericKey(0, never, 4)).toBe(false);
  });

  it('many records of few entities keep the key: one person known to several systems', () => {
    expect(isGenericKey(6, () => 1, 4)).toBe(false);
    expect(isGenericKey(recordCap(4), () => 4, 4)).toBe(false);
  });

  it('more entities than the limit make it generic', () => {
    expect(isGenericKey(5, () => 5, 4)).toBe(true);
  });

  it('past the record cap it is generic without counting entities', () => {
    expect(isGenericKey(recordCap(4) + 1, never, 4)).toBe(true);
  });
});
