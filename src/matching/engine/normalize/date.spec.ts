import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, epochDay, isPlaceholderBirthDate, parseIsoDate } from './date';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

describe(parseIsoDate.name, () => {
  it.each([
    ['1990-07-15', { year: 1990, month: 7, day: 15 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }], // divisible by 400: leap
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['0001-01-01', { year: 1, month: 1, day: 1 }],
    ['9999-12-31', { year: 9999, month: 12, day: 31 }],
  ])('reads %s', (input, expected) => {
    expect(parseIsoDate(input)).toEqual(expected);
  });

  it.each([
    '1900-02-29', // divisible by 100, not 400: no leap day
    '2023-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-1-5',
    '23-01-05',
    '2023/01/05',
    '05-01-2023',
    '2023-01-05T00:00:00Z',
    ' 2023-01-05',
    '２０２３-01-05', // full-width digits
    '',
  ])('rejects %j', (input) => {
    expect(parseIsoDate(input)).toBeNull();
  });

  it('accepts exactly the days Date.UTC keeps as given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const date = new Date(Date.UTC(year, month - 1, day));
        const real = month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        expect(parseIsoDate(iso(year, month, day))).toEqual(real ? { year, month, day } : null);
      }),
    );
  });
});

describe(daysInMonth.name, () => {
  it('gives 365 days to a common year and 366 to a leap year', () => {
    const yearLength = (year: number) => Array.from({ length: 12 }, (_, i) => daysInMonth(year, i + 1)).reduce((a, b) => a + b);
    expect(yearLength(2023)).toBe(365);
    expect(yearLength(2024)).toBe(366);
    expect(yearLength(1900)).toBe(365);
    expect(yearLength(2000)).toBe(366);
  });
});

describe(epochDay.name, () => {
  it.each([
    [{ year: 1970, month: 1, day: 1 }, 0],
    [{ year: 1969, month: 12, day: 31 }, -1],
    [{ year: 2000, month: 3, day: 1 }, 11017],
    [{ year: 1, month: 1, day: 1 }, -719162],
  ])('counts %j as day %i', (date, day) => {
    expect(epochDay(date)).toBe(day);
  });

  it('agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        expect(epochDay(day)).toBe(Math.floor(date.getTime() / 86_400_000));
      }),
    );
  });
});

describe(isPlaceholderBirthDate.name, () => {
  it.each(['1900-01-01', '1901-01-01', '1899-12-30', '1899-12-31', '1800-01-01', '0001-01-01', '1111-11-11', '1000-01-01', '1753-01-01', '1601-01-01'])(
    'knows %s as a system\'s "no date"',
    (value) => expect(isPlaceholderBirthDate(value)).toBe(true),
  );

  it.each(['1970-01-01', '1980-01-01', '1901-01-02', '1900-01-02', '1899-12-29', '1815-12-10', '1111-11-12'])('takes %s for a birth date', (value) => {
    expect(isPlaceholderBirthDate(value)).toBe(false);
  });
});
