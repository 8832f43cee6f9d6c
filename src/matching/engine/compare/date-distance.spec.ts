import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates } from './date-distance';

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe(compareDates.name, () => {
  it('compares a date with itself', () => {
    expect(compareDates('1985-04-12', '1985-04-12')).toEqual({ exact: true, transposedDayMonth: false, daysApart: 0, sameYear: true, yearsApart: 0, decadeSlip: false });
  });

  it('spots day and month swapped', () => {
    expect(compareDates('1985-04-12', '1985-12-04')).toEqual({ exact: false, transposedDayMonth: true, daysApart: 236, sameYear: true, yearsApart: 0, decadeSlip: false });
    expect(compareDates('1985-04-04', '1985-04-04')?.transposedDayMonth).toBe(false); // equal, not transposed
    expect(compareDates('1985-04-12', '1986-12-04')?.transposedDayMonth).toBe(false); // another year
  });

  it.each([
    ['1976-05-02', '1966-05-02', true],
    ['1943-03-21', '1953-03-21', true],
    ['1999-05-02', '2009-05-02', false], // ten years, three digits
    ['1976-05-02', '1986-05-03', false], // another day
    ['1956-05-02', '1976-05-02', false], // twenty years: a generation
  ])('tells a slip in the decade: %s and %s', (a, b, slip) => {
    expect(compareDates(a, b)?.decadeSlip).toBe(slip);
  });

  it.each([
    ['1985-04-12', '1985-04-13', { daysApart: 1, sameYear: true, yearsApart: 0 }],
    ['2000-12-31', '2001-01-01', { daysApart: 1, sameYear: false, yearsApart: 1 }],
    ['2000-02-28', '2000-03-01', { daysApart: 2, sameYear: true, yearsApart: 0 }], // 2000 is a leap year
    ['1990-06-15', '1980-06-15', { daysApart: 3652, sameYear: false, yearsApart: 10 }], // two leap days: 1984, 1988,
  ])('measures %s and %s apart', (a, b, expected) => {
    expect(compareDates(a, b)).toMatchObject({ exact: false, transposedDayMonth: false, ...expected });
  });

  it.each([
    ['1985-02-30', '1985-02-28'],
    ['1985-04-12', ''],
    ['12/04/1985', '1985-04-12'],
  ])('returns null when %j or %j is not a calendar date', (a, b) => {
    expect(compareDates(a, b)).toBeNull();
  });

  it('is symmetric and consistent', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const result = compareDates(a, b)!;
        expect(compareDates(b, a)).toEqual(result);
        expect(result.exact).toBe(a === b);
        expect(result.daysApart).toBe(Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000);
        expect(result.sameYear).toBe(a.slice(0, 4) === b.slice(0, 4));
        expect(result.yearsApart).toBe(Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4))));
      }),
    );
  });

  it('finds every day/month transposition that is a real date', () => {
    fc.assert(
      fc.property(isoDate, (a) => {
        const [year, month, day] = a.split('-');
        const swapped = `${year}-${day}-${month}`;
        const result = compareDates(a, swapped);
        if (Number(day) > 12) expect(result).toBeNull();
        else expect(result?.transposedDayMonth).toBe(day !== month);
      }),
    );
  });
});
