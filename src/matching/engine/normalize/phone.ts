import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { lineType } from './phone-line';

export interface NormalizedPhone {
  /** E.164 (`+61412345678`) when the number is valid for its region, else null. Never an extension. */
  readonly e164: string | null;
  /**
   * The value to keep: E.164 when known, else the digits as sent (with a leading + if there was one);
   * then the extension, RFC 3966 style (`+493023456700;ext=280`).
   */
  readonly display: string | null;
}

/** Parses a phone number using the record's country as the default region for national formats. */
export function normalizePhone(value: string, region?: string): NormalizedPhone {
  const text = value.replace(/\s+/g, ' ').trim();
  // An extension is not part of the number, but it is part of the contact: it reaches one desk behind a
  // company's switchboard, so two colleagues who give one number with their own extensions stay two.
  const extension = EXTENSION.exec(text);
  const number = extension ? text.slice(0, extension.index) : text;
  const digits = number.replace(/[^\d]/g, '');
  if (digits === '') return { e164: null, display: null };
  const e164 = parseE164(number, digits, region);
  // A mobile has no switchboard: an extension after one is noise, and would hide the person's own number.
  const ext = extension && !(e164 && lineType(e164) === 'mobile') ? `;ext=${extension[1]}` : '';
  return { e164, display: (e164 ?? (number.startsWith('+') ? '+' : '') + digits) + ext };
}

/** Splits a cleansed phone into its number and its extension ('' when none). */
export function splitExtension(phone: string): { readonly number: string; readonly ext: string } {
  const at = phone.indexOf(';ext=');
  return at < 0 ? { number: phone, ext: '' } : { number: phone.slice(0, at), ext: phone.slice(at + 5) };
}

function parseE164(number: string, digits: string, region?: string): string | null {
  const parsed = parsePhoneNumberFromString(number, region ? (region.toUpperCase() as CountryCode) : undefined);
  if (parsed?.isValid()) return parsed.number;
  // "0061 413 583 822": 00 is the international prefix of most of the world (not of Australia or the
  // US, whose own prefixes the parse above knows), and people write it whatever country they are in.
  if (digits.startsWith('00')) {
    const international = parsePhoneNumberFromString(`+${digits.slice(2)}`);
    if (international?.isValid()) return international.number;
  }
  return null;
}

// `x280`, `ext. 280`, `#280`, and `;ext=280` as this normaliser writes it (so cleansing is idempotent).
const EXTENSION = /\s*(?:;\s*ext=|x|ext\.?|#)\s*(\d+)$/i;
