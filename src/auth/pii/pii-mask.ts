import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

type Masker = (value: unknown) => unknown;

/**
 * The personal data of a customer and how a key without PII access sees it: enough to recognise a
 * record (the mail domain, the last digits of a phone or id, the birth year, the city and country), not
 * enough to contact or identify the person. Product attributes hold no personal data.
 */
const MASKERS: Readonly<Record<string, Masker>> = {
  email: maskEmail,
  phone: maskPhone,
  birthDate: birthYear,
  nationalId: maskIdentifier,
  addressLine1: hide,
  addressLine2: hide,
  postalCode: hide,
  region: hide,
};

export const PII_ATTRIBUTES: readonly string[] = Object.keys(MASKERS);

export function isPiiAttribute(attribute: string): boolean {
  return Object.hasOwn(MASKERS, attribute);
}

/** The masked form of one attribute's value; values of other attributes pass unchanged. */
export function maskAttribute(attribute: string, value: unknown): unknown {
  if (value === null || value === undefined || !isPiiAttribute(attribute)) return value;
  return MASKERS[attribute](value);
}

/** An attribute object (a golden record's or a source record's) with its personal data masked. */
export function maskAttributes<T extends Record<string, unknown> | null | undefined>(attributes: T): T {
  if (!attributes || typeof attributes !== 'object') return attributes;
  const masked: Record<string, unknown> = {};
  for (const [attribute, value] of Object.entries(attributes)) {
    const shown = maskAttribute(attribute, value);
    if (shown !== null || value === null) masked[attribute] = shown;
  }
  return masked as T;
}

/** `jane.doe@example.com` → `j***@example.com`. */
function maskEmail(value: unknown): string {
  const text = String(value);
  const at = text.lastIndexOf('@');
  return at > 0 ? `${text[0]}***${text.slice(at)}` : '***';
}

/** `+15551234567` → `+1******4567`: the country code and the last four digits stay (of the number: an extension is left out). */
function maskPhone(value: unknown): string {
  const text = String(value).replace(/\s*(?:;\s*ext=|x|ext\.?|#)\s*\d+$/i, '');
  const digits = text.replace(/\D/g, '');
  const countryCode = text.trim().startsWith('+') ? (parsePhoneNumberFromString(text)?.countryCallingCode ?? '') : '';
  const national = digits.slice(countryCode.length);
  const keep = national.length > 6 ? 4 : Math.max(0, national.length - 4);
  return `${countryCode ? `+${countryCode}` : ''}${'*'.repeat(national.length - keep)}${national.slice(national.length - keep)}`;
}

/** `078051120` → `*****1120`: the last four characters of a long id, the last two of a short one. */
function maskIdentifier(value: unknown): string {
  const text = String(value);
  const keep = text.length >= 8 ? 4 : text.length >= 6 ? 2 : 0;
  return `${'*'.repeat(Math.max(3, text.length - keep))}${text.slice(text.length - keep)}`;
}

/** `1984-03-07` → `1984`. */
function birthYear(value: unknown): string | null {
  return /\b(\d{4})\b/.exec(String(value))?.[1] ?? null;
}

function hide(): null {
  return null;
}
