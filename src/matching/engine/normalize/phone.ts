import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** E.164 (`+61412345678`) when the number is valid for its region, else null. */
  readonly e164: string | null;
  /** The value to keep: E.164 when known, else the digits as sent (with a leading + if there was one). */
  readonly display: string | null;
}

/** Parses a phone number using the record's country as the default region for national formats. */
export function normalizePhone(value: string, region?: string): NormalizedPhone {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  if (digits === '') return { e164: null, display: null };
  const parsed = parsePhoneNumberFromString(trimmed, region ? (region.toUpperCase() as CountryCode) : undefined);
  if (parsed?.isValid()) return { e164: parsed.number, display: parsed.number };
  return { e164: null, display: (trimmed.startsWith('+') ? '+' : '') + digits };
}
