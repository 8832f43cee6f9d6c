import { describe, expect, it } from 'vitest';
import { DATE_LAYOUTS, NUMBER_LAYOUTS, toIsoDate, toNumber, type DateLayout } from './value-layouts';

describe('toIsoDate', () => {
  it.each<[string, DateLayout, string]>([
    ['18151210', 'YYYYMMDD', '1815-12-10'],
    ['1815-12-10', 'YYYY-MM-DD', '1815-12-10'],
    ['1815-1-5', 'YYYY-MM-DD', '1815-01-05'],
    ['10/12/1815', 'DD/MM/YYYY', '1815-12-10'],
    ['5/1/1815', 'DD/MM/YYYY', '1815-01-05'],
    ['12/10/1815', 'MM/DD/YYYY', '1815-12-10'],
    ['10.12.1815', 'DD.MM.YYYY', '1815-12-10'],
    ['1815/12/10', 'YYYY/MM/DD', '1815-12-10'],
    [' 18151210 ', 'YYYYMMDD', '1815-12-10'],
  ])('reads %j in layout %s as %s', (value, layout, iso) => {
    expect(toIsoDate(value, layout)).toBe(iso);
  });

  it('puts a two-digit year in this century up to this year, else in the last: never in the future', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(toIsoDate('12.03.85', 'DD.MM.YY', now)).toBe('1985-03-12');
    expect(toIsoDate('1.2.26', 'DD.MM.YY', now)).toBe('2026-02-01');
    expect(toIsoDate('01/02/27', 'DD/MM/YY', now)).toBe('1927-02-01');
    expect(toIsoDate('02/01/00', 'MM/DD/YY', now)).toBe('2000-02-01');
    expect(toIsoDate('991231', 'YYMMDD', now)).toBe('1999-12-31');
    expect(toIsoDate('12.03.1985', 'DD.MM.YY', now)).toBe('12.03.1985'); // four digits: not this layout
  });

  it('rearranges an impossible date without judging it', () => {
    expect(toIsoDate('92/11/1955', 'DD/MM/YYYY')).toBe('1955-11-92');
  });

  it.each<[string, DateLayout]>([
    ['10/12/1815', 'YYYYMMDD'],
    ['1815-12-10', 'DD.MM.YYYY'],
    ['unknown', 'YYYY-MM-DD'],
    ['181512100', 'YYYYMMDD'],
  ])('returns %j unchanged (trimmed) when it is not in layout %s', (value, layout) => {
    expect(toIsoDate(`  ${value} `, layout)).toBe(value);
  });

  it('supports every declared layout', () => {
    const samples: Record<DateLayout, string> = {
      YYYYMMDD: '20240229',
      'YYYY-MM-DD': '2024-02-29',
      'DD/MM/YYYY': '29/02/2024',
      'MM/DD/YYYY': '02/29/2024',
      'DD.MM.YYYY': '29.02.2024',
      'YYYY/MM/DD': '2024/02/29',
      'DD.MM.YY': '29.02.24',
      'DD/MM/YY': '29/02/24',
      'MM/DD/YY': '02/29/24',
      YYMMDD: '240229',
    };
    for (const layout of DATE_LAYOUTS) expect(toIsoDate(samples[layout], layout)).toBe('2024-02-29');
  });
});

describe('toNumber', () => {
  it.each([
    ['1.299,00', '1.234,56', 1299],
    ['12,99', '1.234,56', 12.99],
    ['1.234.567,5', '1.234,56', 1234567.5],
    ['12,99 €', '1.234,56', 12.99],
    ['1\u202f299,00', '1 234,56', 1299],
    ['1 299,00', '1 234,56', 1299],
    ['$1,234.50', '1,234.56', 1234.5],
    ["1'299.95", "1'234.56", 1299.95],
    ['-3,5', '1234,56', -3.5],
    ['1299', '1.234,56', 1299],
  ] as const)('reads %s written %s', (written, layout, value) => {
    expect(toNumber(written, layout)).toBe(value);
  });

  it.each([
    ['1.29', '1.234,56'], // not grouped by three: another layout, not 129
    ['1,299.00', '1.234,56'],
    ['12,99', '1,234.56'],
    ['twelve', '1234.56'],
    ['1.2.3', '1234.56'],
    ['', '1234.56'],
  ] as const)('does not read %s as %s', (written, layout) => {
    expect(toNumber(written, layout)).toBeNull();
  });

  it('has a pattern for every declared layout', () => {
    for (const layout of NUMBER_LAYOUTS) expect(toNumber(layout, layout)).toBe(1234.56);
  });
});
