export type GtinResult = { readonly gtin14: string } | { readonly error: string };

/**
 * Normalises a GTIN-8, UPC-A (GTIN-12), EAN-13 or GTIN-14 to 14 digits, left-padded with zeros, as GS1
 * recommends for storage. Spaces and hyphens are ignored; the check digit must be right.
 *
 * 9 to 11 digits are read as a code whose leading zeros were lost (a spreadsheet stores a UPC-A such as
 * 036000291452 as the number 36000291452): left-padded, it must still pass the check digit. The risk is
 * small and known: a code that lost a digit elsewhere passes by chance one time in ten, and is then one
 * wrong GTIN as a mistyped digit would be.
 */
export function normalizeGtin(value: string | number): GtinResult {
  const digits = typeof value === 'number' ? digitsOfNumber(value) : value.replace(/[\s-]/g, '');
  if (digits === null || !/^\d+$/.test(digits)) return { error: 'a GTIN has digits only' };
  if (digits.length < 8 || digits.length > 14) {
    return { error: `a GTIN has 8 to 14 digits (GTIN-8, UPC-A, EAN-13, GTIN-14, or one of them without its leading zeros), this one has ${digits.length}` };
  }
  const gtin14 = digits.padStart(14, '0');
  const expected = gtinCheckDigit(gtin14.slice(0, 13));
  if (Number(gtin14[13]) !== expected) return { error: `the check digit is wrong: expected ${expected}, got ${gtin14[13]}` };
  return { gtin14 };
}

/** A GTIN sent as a JSON number: its digits, when it is a whole number JSON carries exactly. */
function digitsOfNumber(value: number): string | null {
  return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
}

/** GS1 mod-10: weights 3 and 1 alternate from the rightmost digit of the payload. */
export function gtinCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const fromRight = payload.length - 1 - i;
    sum += Number(payload[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}
