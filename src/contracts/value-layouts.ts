// The layouts a mapping may give a source column's dates and numbers, and reading a value written in one.

export const DATE_LAYOUTS = [
  'YYYYMMDD',
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'YYYY/MM/DD',
  'DD.MM.YY',
  'DD/MM/YY',
  'MM/DD/YY',
  'YYMMDD',
] as const;
export type DateLayout = (typeof DATE_LAYOUTS)[number];

/** How a number is written, shown on 1234.56: the thousands separator (if any) and the decimal mark. */
const NUMBER_SEPARATORS = {
  '1234.56': { group: '', decimal: '.' },
  '1,234.56': { group: ',', decimal: '.' },
  '1234,56': { group: '', decimal: ',' },
  '1.234,56': { group: '.', decimal: ',' },
  '1 234,56': { group: ' ', decimal: ',' },
  "1'234.56": { group: "'", decimal: '.' },
} as const;
export type NumberLayout = keyof typeof NUMBER_SEPARATORS;
export const NUMBER_LAYOUTS = Object.keys(NUMBER_SEPARATORS) as NumberLayout[];

// A currency sign before or after the amount ("12,99 €", "$1,234.50") is not part of the number.
const CURRENCY_SIGN = /^[€$£¥]\s*|\s*[€$£¥]$/g;

/**
 * A number written in `layout`, or null when it is not written so. Thousands separators must group by
 * three ("1.299,00", never "1.29"): a column whose rows mix layouts is noticed, not misread a hundredfold.
 */
export function toNumber(written: string, layout: NumberLayout): number | null {
  const { pattern, group, decimal } = NUMBER_PATTERNS[layout];
  const value = written.trim().replace(CURRENCY_SIGN, '');
  if (!pattern.test(value)) return null;
  return Number((group ? value.replace(group, '') : value).replace(decimal, '.'));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Per layout: the whole number it accepts, and its separators as patterns (a space group takes the
// no-break and narrow no-break spaces that French locales write too).
const NUMBER_PATTERNS = Object.fromEntries(
  NUMBER_LAYOUTS.map((layout) => {
    const { group, decimal } = NUMBER_SEPARATORS[layout];
    const groupChars = group === ' ' ? '[ \u00a0\u202f]' : group ? escape(group) : '';
    const integer = group ? `(?:\\d{1,3}(?:${groupChars}\\d{3})+|\\d+)` : '\\d+';
    return [
      layout,
      { pattern: new RegExp(`^[-+]?${integer}(?:${escape(decimal)}\\d+)?$`), group: group ? new RegExp(groupChars, 'g') : null, decimal },
    ];
  }),
) as Record<NumberLayout, { pattern: RegExp; group: RegExp | null; decimal: string }>;

const LAYOUT_PARTS: Record<DateLayout, RegExp> = {
  YYMMDD: /^(?<y>\d{2})(?<m>\d{2})(?<d>\d{2})$/,
  'DD.MM.YY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{2})$/,
  'DD/MM/YY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{2})$/,
  'MM/DD/YY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{2})$/,
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  'YYYY/MM/DD': /^(?<y>\d{4})\/(?<m>\d{1,2})\/(?<d>\d{1,2})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
};

/** Whether `value` is written in `layout`. */
export function inDateLayout(value: string, layout: DateLayout): boolean {
  return LAYOUT_PARTS[layout].test(value);
}

/**
 * Rearranges a date into YYYY-MM-DD without judging it: an impossible date (1955-11-92) stays
 * impossible, and the data contract rejects it with a clear message. A two-digit year is in this
 * century up to this year's two digits, else in the last (`now` 2026: 26 is 2026, 27 is 1927), so no
 * date lies in the future: birth dates, the dates such exports carry, never do.
 */
export function toIsoDate(value: string, layout: DateLayout, now: Date = new Date()): string {
  const v = value.trim();
  const match = LAYOUT_PARTS[layout].exec(v);
  if (!match?.groups) return v;
  const { y, m, d } = match.groups;
  return `${y.length === 2 ? fullYear(Number(y), now) : y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function fullYear(twoDigits: number, now: Date): number {
  const century = Math.floor(now.getUTCFullYear() / 100) * 100;
  return twoDigits <= now.getUTCFullYear() - century ? century + twoDigits : century - 100 + twoDigits;
}
