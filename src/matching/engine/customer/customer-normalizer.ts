import { isPlaceholderBirthDate } from '../normalize/date';
import { normalizeEmail } from '../normalize/email';
import { isPlaceholderNationalId, normalizeNationalId } from '../normalize/national-id';
import { normalizePhone } from '../normalize/phone';
import { cleanText } from '../normalize/text';
import type { AttributeValue, Attributes, FieldError, NormalizeContext, NormalizeResult } from '../types';

const TEXT_FIELDS = ['givenName', 'familyName', 'addressLine1', 'addressLine2', 'city', 'region'] as const;

/**
 * Cleanses a validated customer: trims and collapses whitespace, lower-cases the email, writes the phone
 * in E.164 when it is valid for the record's country (or the default region), with its extension after
 * it (`+493023456700;ext=280`), upper-cases postcode and
 * country, keeps a national id's letters and digits. Idempotent: cleansing a cleansed record changes nothing.
 */
export function normalizeCustomer(attributes: Attributes, context: NormalizeContext = {}): NormalizeResult {
  const out: Record<string, AttributeValue> = {};
  const warnings: FieldError[] = [];
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
  if (typeof attributes.birthDate === 'string') {
    // No one is born after today (a day's grace: it is tomorrow already east of UTC).
    if (attributes.birthDate > dayAfter(context.today ?? new Date().toISOString().slice(0, 10))) {
      const message = `${attributes.birthDate} is in the future: no one is born after today`;
      return { cleansed: null, errors: [{ field: 'birthDate', code: 'OUT_OF_RANGE', message }] };
    }
    // 1900-01-01, 1899-12-30, 0001-01-01: a system's "unknown", not a birthday. Kept in the source record as
    // sent, but not cleansed: it neither sets a twin's veto ("a generation apart") nor shows in a golden record.
    if (isPlaceholderBirthDate(attributes.birthDate)) {
      const message = `${attributes.birthDate} is a placeholder for an unknown birth date: left out of matching and the golden record`;
      warnings.push({ field: 'birthDate', code: 'PLACEHOLDER_DROPPED', message });
    } else out.birthDate = attributes.birthDate;
  }
  const nationalId = typeof attributes.nationalId === 'string' ? normalizeNationalId(attributes.nationalId) : '';
  // A placeholder (000000000) is no one's id: kept in the source record as sent, but not cleansed.
  if (nationalId && !isPlaceholderNationalId(nationalId)) out.nationalId = nationalId;
  if (nationalId && out.nationalId === undefined && !['familyName', 'email', 'phone'].some((f) => attributes[f] !== undefined && attributes[f] !== null)) {
    const message = `"${String(attributes.nationalId)}" is a placeholder, not an id: at least one of familyName, email, phone or a real nationalId is required`;
    return { cleansed: null, errors: [{ field: 'nationalId', code: 'MISSING_IDENTITY', message }] };
  }
  return warnings.length > 0 ? { cleansed: out, errors: [], warnings } : { cleansed: out, errors: [] };
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
