import { normalizeEmail } from '../normalize/email';
import { normalizeNationalId } from '../normalize/national-id';
import { normalizePhone } from '../normalize/phone';
import { cleanText } from '../normalize/text';
import type { AttributeValue, Attributes, NormalizeContext, NormalizeResult } from '../types';

const TEXT_FIELDS = ['givenName', 'familyName', 'addressLine1', 'addressLine2', 'city', 'region'] as const;

/**
 * Cleanses a validated customer: trims and collapses whitespace, lower-cases the email, writes the phone
 * in E.164 when it is valid for the record's country (or the default region), upper-cases postcode and
 * country, keeps a national id's letters and digits. Idempotent: cleansing a cleansed record changes nothing.
 */
export function normalizeCustomer(attributes: Attributes, context: NormalizeContext = {}): NormalizeResult {
  const out: Record<string, AttributeValue> = {};
  for (const field of TEXT_FIELDS) {
    const value = cleanText(attributes[field]);
    if (value !== null) out[field] = value;
  }
  const email = typeof attributes.email === 'string' ? normalizeEmail(attributes.email) : null;
  if (email) out.email = email;
  const country = cleanText(attributes.country)?.toUpperCase();
  if (country) out.country = country;
  if (typeof attributes.phone === 'string') {
    const phone = normalizePhone(attributes.phone, country ?? context.defaultRegion);
    if (phone.display) out.phone = phone.display;
  }
  const postalCode = cleanText(attributes.postalCode)?.toUpperCase();
  if (postalCode) out.postalCode = postalCode;
  if (typeof attributes.birthDate === 'string') out.birthDate = attributes.birthDate;
  const nationalId = typeof attributes.nationalId === 'string' ? normalizeNationalId(attributes.nationalId) : '';
  if (nationalId) out.nationalId = nationalId;
  return { cleansed: out, errors: [] };
}
