import { describe, expect, it } from 'vitest';
import { brandName } from './brand';

describe('brandName', () => {
  it.each([
    ['Samsung Electronics Co., Ltd.', 'samsung'],
    ['Apple Inc.', 'apple'],
    ['Luigi Lavazza S.p.A.', 'luigi lavazza'],
    ['Robert Bosch GmbH & Co. KG', 'robert bosch'],
    ['Sony Group Corporation', 'sony'],
    ['The North Face', 'north face'],
    ['Nestlé S.A.', 'nestle'],
  ])('reads the company %j as the brand %j', (company, brand) => {
    expect(brandName(company)).toBe(brand);
  });

  it('leaves a brand without company words as normalizeName folds it', () => {
    expect(brandName('Bosch Professional')).toBe('bosch professional');
    expect(brandName("Levi's")).toBe('levis');
  });

  it('drops company words only at the end, and never the last word', () => {
    expect(brandName('Co-op Group Foods')).toBe('co op group foods');
    expect(brandName('Group')).toBe('group');
    expect(brandName('The')).toBe('the');
    expect(brandName('Electronics Inc.')).toBe('electronics');
  });

  it('joins dotted letters into one word, so an abbreviation is one brand word', () => {
    expect(brandName('P&G')).toBe('pg');
    expect(brandName('P & G')).toBe('pg');
    expect(brandName('H&M')).toBe('hm');
  });

  it('is idempotent', () => {
    for (const value of ['Samsung Electronics Co., Ltd.', 'P&G', 'The North Face', 'Luigi Lavazza S.p.A.']) {
      expect(brandName(brandName(value))).toBe(brandName(value));
    }
  });
});
