import { describe, expect, it } from 'vitest';
import { applySplit, splitProblem, splitTargets, type ColumnSplit } from './column-split';
import type { MappingWarning } from './record-mapping';

const NAME: ColumnSplit = {
  patterns: ['^(?<familyName>[^,]+),\\s*(?<givenName>.+)$', '^(?<givenName>\\S+)\\s+(?<familyName>.+)$'],
  else: 'familyName',
};
const ADDRESS: ColumnSplit = { patterns: ['^(?<addressLine1>.+?),\\s*(?<postalCode>\\d{4,5})\\s+(?<city>\\p{L}[\\p{L} .-]*)$'] };

function split(rule: ColumnSplit, value: unknown): { out: Record<string, unknown>; warnings: MappingWarning[] } {
  const out: Record<string, unknown> = {};
  const warnings: MappingWarning[] = [];
  applySplit('col', value, rule, out, warnings);
  return { out, warnings };
}

describe('applySplit', () => {
  it('fills the fields of the first pattern that matches, trimmed', () => {
    expect(split(NAME, ' Doe,  John ').out).toEqual({ familyName: 'Doe', givenName: 'John' });
    expect(split(NAME, 'Jane van der Berg').out).toEqual({ givenName: 'Jane', familyName: 'van der Berg' });
    expect(split(ADDRESS, 'Via Roma 12, 20121 Milano').out).toEqual({ addressLine1: 'Via Roma 12', postalCode: '20121', city: 'Milano' });
    expect(split(ADDRESS, 'Storgatan 5, 11122 Göteborg').out).toEqual({ addressLine1: 'Storgatan 5', postalCode: '11122', city: 'Göteborg' });
  });

  it('puts a value no pattern matches in `else`, or leaves it out with a warning', () => {
    expect(split(NAME, 'Madonna')).toEqual({ out: { familyName: 'Madonna' }, warnings: [] });
    expect(split(ADDRESS, 'Unit 5')).toEqual({
      out: {},
      warnings: [{ field: 'col', code: 'SPLIT_NO_MATCH', message: '"Unit 5" matches no pattern of split."col": left out' }],
    });
  });

  it('does nothing with an empty or missing value', () => {
    expect(split(NAME, '  ')).toEqual({ out: {}, warnings: [] });
    expect(split(NAME, undefined)).toEqual({ out: {}, warnings: [] });
  });
});

describe('splitTargets and splitProblem', () => {
  it('names the fields a split writes', () => {
    expect(splitTargets(NAME).sort()).toEqual(['familyName', 'givenName']);
    expect(splitTargets(ADDRESS).sort()).toEqual(['addressLine1', 'city', 'postalCode']);
  });

  it('finds a pattern that is no regular expression, or that names no field', () => {
    expect(splitProblem('name', NAME)).toBeNull();
    expect(splitProblem('name', { patterns: ['^(?<familyName>[a-z'] })).toMatch(/^split."name" pattern 1 is not a regular expression: /);
    expect(splitProblem('name', { patterns: ['^(?<familyName>.+)$', '^(.+), (.+)$'] })).toBe('split."name" pattern 2 names no field: write one as (?<familyName>…)');
  });
});
