import { epochDay, parseIsoDate } from '../normalize/date';

export interface DateComparison {
  readonly exact: boolean;
  /** b is a with day and month swapped (2001-03-04 and 2001-04-03), a common data-entry slip; false when equal. */
  readonly transposedDayMonth: boolean;
  readonly daysApart: number;
  readonly sameYear: boolean;
  /** The difference of the calendar years, whatever the months: 2000-12-31 and 2001-01-01 are 1 year apart. */
  readonly yearsApart: number;
  /** Same day and month, the years ten apart and one digit different (1966 and 1976): a keying slip in the decade. */
  readonly decadeSlip: boolean;
}

/** Compares two YYYY-MM-DD dates; null if either is not a real calendar date. */
export function compareDates(a: string, b: string): DateComparison | null {
  const first = parseIsoDate(a);
  const second = parseIsoDate(b);
  if (first === null || second === null) return null;
  const exact = first.year === second.year && first.month === second.month && first.day === second.day;
  const transposedDayMonth = !exact && first.year === second.year && first.day === second.month && first.month === second.day;
  return {
    exact,
    transposedDayMonth,
    daysApart: Math.abs(epochDay(first) - epochDay(second)),
    sameYear: first.year === second.year,
    yearsApart: Math.abs(first.year - second.year),
    decadeSlip: first.month === second.month && first.day === second.day && Math.abs(first.year - second.year) === 10 && oneDigitApart(first.year, second.year),
  };
}

function oneDigitApart(a: number, b: number): boolean {
  const [x, y] = [String(a).padStart(4, '0'), String(b).padStart(4, '0')];
  return [...x].filter((digit, i) => digit !== y[i]).length === 1;
}
