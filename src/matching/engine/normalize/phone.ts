import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** E.164 (`+61412345678`) when the number is valid for its region, else null. */
  readonly e164: string | null;
  /** The value to keep: E.164 when known, else the digits as sent (with a leading + if there was one). */
  readonly display: string | null;
}

/** Parses a phone number using the record's country as the default region for national formats. */
export function normalizePhone(value: string, region?: string): NormalizedPhone {
  const text = value.replace(/\s+/g, ' ').trim();
  // An extension is not part of the number: leave it out of the digits kept for an invalid number too.
  const digits = text.replace(EXTENSION, '').replace(/[^\d]/g, '');
  if (digits === '') return { e164: null, display: null };
  const parsed = parsePhoneNumberFromString(text, region ? (region.toUpperCase() as CountryCode) : undefined);
  if (parsed?.isValid()) return { e164: parsed.number, display: parsed.number };
  // "0061 413 583 822": 00 is the international prefix of most of the world (not of Australia or the
  // US, whose own prefixes the parse above knows), and people write it whatever country they are in.
  if (digits.startsWith('00')) {
    const international = parsePhoneNumberFromString(`+${digits.slice(2)}`);
    if (international?.isValid()) return { e164: international.number, display: international.number };
  }
  return { e164: null, display: (text.startsWith('+') ? '+' : '') + digits };
}

const EXTENSION = /\s*(?:x|ext\.?|#)\s*\d+$/i;
