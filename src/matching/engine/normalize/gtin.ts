export type GtinResult = { readonly gtin14: string } | { readonly error: string };

/**
 * Normalises a GTIN-8, UPC-A (GTIN-12), EAN-13 or GTIN-14 to 14 digits, left-padded with zeros, as GS1
 * recommends for storage. Spaces and hyphens are ignored; the check digit must be right.
 */
export function normalizeGtin(value: string): GtinResult {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { error: 'a GTIN has digits only' };
  if (![8, 12, 13, 14].includes(digits.length)) {
    return { error: `a GTIN has 8, 12, 13 or 14 digits, this one has ${digits.length}` };
  }
  const gtin14 = digits.padStart(14, '0');
  const expected = gtinCheckDigit(gtin14.slice(0, 13));
  if (Number(gtin14[13]) !== expected) return { error: `the check digit is wrong: expected ${expected}, got ${gtin14[13]}` };
  return { gtin14 };
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
