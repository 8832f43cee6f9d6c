import { maskAttribute } from './pii-mask';

// An email address, a phone number written internationally (+ and at least 8 digits), a bare date (a
// birth date; a timestamp has its time attached with T and is left alone), and a national id.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+\d[\d ().-]{6,}\d/g;
const DATE = /\b(\d{4})-\d{2}-\d{2}\b(?!T)/g;
// A national id: written 123-45-6789, or a bare run of 7 to 12 digits (not part of a UUID, a decimal or a word).
const NATIONAL_ID = /(?<![\w.-])(?:\d{3}-\d{2}-\d{4}|\d{7,12})(?![\w.-])/g;

/**
 * Masks email addresses, international phone numbers and dates in free text bound for a log: an unexpected
 * error can quote a value (a database error naming a row, say), and logs must never hold clear PII.
 */
export function redactPii(text: string): string {
  return text
    .replace(EMAIL, (email) => String(maskAttribute('email', email)))
    .replace(PHONE, (phone) => String(maskAttribute('phone', phone)))
    .replace(DATE, (_, year: string) => `${year}-**-**`)
    .replace(NATIONAL_ID, (id) => String(maskAttribute('nationalId', id.replace(/-/g, ''))));
}
