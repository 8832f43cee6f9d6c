import { normalizeGtin } from '../normalize/gtin';
import { cleanText } from '../normalize/text';
import type { AttributeValue, Attributes, FieldError, NormalizeResult } from '../types';

const TEXT_FIELDS = ['sku', 'brand', 'name', 'description', 'category', 'color', 'size'] as const;

/**
 * Cleanses a validated product: GTIN (a string, or a whole JSON number) to GTIN-14 with its check digit
 * verified (a wrong check digit rejects the record: the identifier is corrupt), whitespace collapsed, currency upper-cased.
 */
export function normalizeProduct(attributes: Attributes): NormalizeResult {
  const out: Record<string, AttributeValue> = {};
  const errors: FieldError[] = [];
  for (const field of TEXT_FIELDS) {
    const value = cleanText(attributes[field]);
    if (value !== null) out[field] = value;
  }
  // A GTIN sent as a JSON number (the contract allows a whole number) is read as its digits.
  const sent = attributes.gtin;
  if ((typeof sent === 'string' && sent.trim() !== '') || typeof sent === 'number') {
    const gtin = normalizeGtin(sent);
    if ('error' in gtin) errors.push({ field: 'gtin', code: 'INVALID_GTIN', message: gtin.error });
    else out.gtin = gtin.gtin14;
  }
  if (typeof attributes.price === 'number') out.price = attributes.price;
  const currency = cleanText(attributes.currency)?.toUpperCase();
  if (currency) out.currency = currency;
  if (out.gtin === undefined && out.name === undefined && errors.length === 0) {
    errors.push({ field: null, code: 'MISSING_IDENTITY', message: 'at least one of gtin, name is required' });
  }
  return errors.length > 0 ? { cleansed: null, errors } : { cleansed: out, errors };
}
