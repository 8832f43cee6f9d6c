export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads YYYY-MM-DD only, and only a real day of the (proleptic Gregorian) calendar: 2023-02-29 is null. */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days since 1970-01-01 (negative before), by Howard Hinnant's days-from-civil. Unlike Date.UTC it
 * allocates nothing and does not read years 0–99 as 1900–1999.
 */
export function epochDay({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// Dates systems write when they have none: a type's or a product's day zero or minimum, or a clerk's
// keystrokes to get past a required field. Not 1970-01-01 or a New Year's day of an ordinary year: real
// people are born on them, and a hub that wants them gone can say so in its mapping.
const PLACEHOLDER_BIRTH_DATES: ReadonlySet<string> = new Set([
  '0001-01-01', // .NET DateTime.MinValue, java.time's and many ORMs' "no date"
  '1000-01-01', // MySQL DATE minimum
  '1111-11-11', // keyed
  '1582-10-15', // first Gregorian day (Oracle, Java Calendar, UUID clocks)
  '1601-01-01', // Windows FILETIME and COBOL day zero
  '1753-01-01', // SQL Server datetime minimum
  '1800-01-01',
  '1899-12-30', // Excel, Access and OLE Automation day zero
  '1899-12-31', // Excel's "1900-01-00"
  '1900-01-01', // Excel day one, SQL Server smalldatetime, SAP and most forms' "unknown"
  '1901-01-01',
  '1901-12-13', // the least 32-bit Unix time
]);

/** True for a date a system writes when it knows none (1900-01-01, 1899-12-30, 0001-01-01, …): no one's birth date. */
export function isPlaceholderBirthDate(iso: string): boolean {
  return PLACEHOLDER_BIRTH_DATES.has(iso);
}
