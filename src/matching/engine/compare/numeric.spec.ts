import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeDifference } from './numeric';

describe(relativeDifference.name, () => {
  it.each([
    [100, 110, 10 / 110],
    [110, 100, 10 / 110],
    [0, 0, 0],
    [0, 5, 1],
    [-2, 2, 2], // opposite signs
    [499.99, 499.99, 0],
  ])('gives %f and %f a relative difference of %f', (a, b, expected) => {
    expect(relativeDifference(a, b)).toBeCloseTo(expected, 12);
  });

  it('is symmetric, 0 for equal numbers, within [0, 1] for numbers of one sign, and scale-free', () => {
    const amount = fc.double({ min: 0, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(amount, amount, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (a, b, scale) => {
        const difference = relativeDifference(a, b);
        expect(relativeDifference(b, a)).toBe(difference);
        expect(relativeDifference(a, a)).toBe(0);
        expect(difference).toBeGreaterThanOrEqual(0);
        expect(difference).toBeLessThanOrEqual(1);
        expect(relativeDifference(-a, -b)).toBe(difference);
        if (Math.max(a, b) * scale > 1e-300) expect(relativeDifference(a * scale, b * scale)).toBeCloseTo(difference, 9);
      }),
    );
  });
});
