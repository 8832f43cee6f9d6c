import { describe, expect, it } from 'vitest';
import { maskAttribute, maskAttributes } from './pii-mask';

describe('PII masking', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskAttribute('email', 'jane.doe@example.com')).toBe('j***@example.com');
    expect(maskAttribute('email', 'not-an-email')).toBe('***');
  });

  it('keeps the country code and the last four digits of a phone', () => {
    expect(maskAttribute('phone', '+15551234567')).toBe('+1******4567');
    expect(maskAttribute('phone', '+61412345678')).toBe('+61*****5678');
    expect(maskAttribute('phone', '(555) 123-4567')).toBe('******4567');
    expect(maskAttribute('phone', '12345')).toBe('****5');
    // the last digits of the number, not of its extension
    expect(maskAttribute('phone', '+493023456700;ext=280')).toBe('+49******6700');
    expect(maskAttribute('phone', '(555) 123-4567 x12')).toBe('******4567');
  });

  it('never shows more than four digits of a short number', () => {
    const shown = String(maskAttribute('phone', '123456')).replace(/\*/g, '');
    expect(shown.length).toBeLessThanOrEqual(2);
  });

  it('shows the last characters of a national id, never all of a short one', () => {
    expect(maskAttribute('nationalId', '078051120')).toBe('*****1120');
    expect(maskAttribute('nationalId', '8164610')).toBe('*****10');
    expect(maskAttribute('nationalId', 'AB12C')).toBe('*****');
  });

  it('shows only the year of a birth date, and nothing of the street address', () => {
    expect(maskAttribute('birthDate', '1984-03-07')).toBe('1984');
    expect(maskAttribute('addressLine1', '742 Evergreen Terrace')).toBeNull();
    expect(maskAttribute('postalCode', '12345')).toBeNull();
    expect(maskAttribute('region', 'NSW')).toBeNull();
  });

  it('leaves names, city, country and product attributes alone', () => {
    expect(maskAttribute('givenName', 'Jane')).toBe('Jane');
    expect(maskAttribute('city', 'Springfield')).toBe('Springfield');
    expect(maskAttribute('gtin', '00012345678905')).toBe('00012345678905');
  });

  it('masks an attribute object and drops the hidden fields', () => {
    const masked = maskAttributes({ givenName: 'Jane', email: 'jane@example.com', addressLine1: '1 Main St', city: 'Springfield', region: null });
    expect(masked).toEqual({ givenName: 'Jane', email: 'j***@example.com', city: 'Springfield', region: null });
  });
});
