import { describe, expect, it } from 'vitest';
import { claimsOf } from '../features/product-variants';
import { contradicts } from './claims';

describe('claims a title makes and denies', () => {
  it('reads "with X" as a claim and "no X", "without X", "zero X", "X-free" as a denial', () => {
    expect(claimsOf('Pure Premium Orange Juice With Bits 1.4L')).toEqual(['+bits']);
    expect(claimsOf('Pure Premium Orange Juice No Bits 1.4 L')).toEqual(['-bits']);
    expect(claimsOf('Coca-Cola Zero Sugar 330ml')).toEqual(['-sugar']);
    expect(claimsOf('Gluten-Free Pasta 500g')).toEqual(['-gluten']);
    // counts and measures after "with" are no claim
    expect(claimsOf('Drill with 2 x 5.0Ah Batteries')).toEqual([]);
  });

  it('contradicts when one claims what the other denies, in any order, and not otherwise', () => {
    expect(contradicts(['+bits'], ['-bits'])).toBe(true);
    expect(contradicts(['-bits', '+pulp'], ['+bits'])).toBe(true);
    expect(contradicts(['-bits'], ['-bits'])).toBe(false);
    expect(contradicts(['+bits'], ['-sugar'])).toBe(false);
  });
});
