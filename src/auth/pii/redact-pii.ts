import { maskAttribute } from './pii-mask';

// An email address, and a phone number written internationally (+ and at least 8 digits).
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+\d[\d ().-]{6,}\d/g;

/**
 * Masks email addresses and international phone numbers in free text bound for a log: an unexpected
 * error can quote a value (a database error naming a row, say), and logs must never hold clear PII.
 */
export function redactPii(text: string): string {
  return text.replace(EMAIL, (email) => String(maskAttribute('email', email))).replace(PHONE, (phone) => String(maskAttribute('phone', phone)));
}
