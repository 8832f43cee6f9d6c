import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { EntityType } from '../common/entity-type';
import type { AttributeValue, Attributes, FieldError } from '../matching/engine/types';

/** A record that passed its data contract: the envelope split from the entity attributes (nulls dropped). */
export interface ValidRecord {
  readonly sourceId: string;
  /** ISO 8601 in UTC, so timestamps from different sources order correctly as strings. */
  readonly updatedAt: string | null;
  readonly deleted: boolean;
  readonly attributes: Attributes;
}

export type ValidationResult =
  | { readonly ok: true; readonly record: ValidRecord }
  | { readonly ok: false; readonly sourceId: string | null; readonly errors: readonly FieldError[] };

const ENVELOPE_FIELDS = new Set(['sourceId', 'updatedAt', 'deleted']);

/**
 * Validates inbound records against one JSON Schema data contract with ajv and explains each failure as
 * `{ field, code, message }`. With `coerce`, strings from CSV files become the numbers and booleans the
 * contract asks for; JSON input is checked as sent.
 */
const ENVELOPE = new Set(['sourceId', 'updatedAt', 'deleted']);

export class ContractValidator {
  private readonly validateFn: ValidateFunction;
  readonly contractName: string;
  /** The entity's attributes: the contract's fields but the envelope (sourceId, updatedAt, deleted). */
  readonly attributes: readonly string[];

  constructor(
    readonly entityType: EntityType,
    readonly schema: Record<string, unknown>,
    options: { coerce?: boolean } = {},
  ) {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
      verbose: true, // keeps the failing value on the error, for hints such as "use upper case"
      coerceTypes: options.coerce ?? false,
    });
    addFormats(ajv, ['date', 'date-time', 'email']);
    this.validateFn = ajv.compile(schema);
    this.attributes = Object.keys((schema.properties ?? {}) as object).filter((name) => !ENVELOPE.has(name));
    this.contractName = String(schema.$id ?? entityType).replace(/^.*\//, '').replace(/\.json$/, '');
  }

  validate(input: unknown): ValidationResult {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, sourceId: null, errors: [{ field: null, code: 'NOT_AN_OBJECT', message: 'a record must be a JSON object' }] };
    }
    // Validate a copy (coercion rewrites values in place); surrounding whitespace is never meaningful
    // and would only fail formats such as email, so strings are trimmed first. The copy has no prototype,
    // so a "__proto__" key is a field like any other (reported as unknown), not the copy's prototype.
    const record: Record<string, unknown> = Object.create(null);
    const characterErrors: FieldError[] = [];
    for (const [field, value] of Object.entries(input)) {
      record[field] = typeof value === 'string' ? value.trim() : value;
      if (typeof value === 'string') {
        const bad = invalidCharacter(value);
        if (bad) characterErrors.push({ field, code: 'INVALID_CHARACTER', message: bad });
        else if (looksMasked(field, value)) {
          characterErrors.push({ field, code: 'MASKED_VALUE', message: `"${value}" is a value masked by Canon (keys without PII access read them so); send the real value` });
        }
      }
    }
    const valid: boolean = this.validateFn(record);
    if (!valid || characterErrors.length > 0) {
      const sourceId = typeof record.sourceId === 'string' ? record.sourceId : null;
      return { ok: false, sourceId, errors: [...characterErrors, ...(valid ? [] : this.explain(this.validateFn.errors ?? [], record))] };
    }
    const attributes: Record<string, AttributeValue> = {};
    for (const [field, value] of Object.entries(record)) {
      if (!ENVELOPE_FIELDS.has(field) && value !== null && value !== undefined) attributes[field] = value as AttributeValue;
    }
    const updatedAt = typeof record.updatedAt === 'string' ? toUtcIso(record.updatedAt) : null;
    return {
      ok: true,
      record: { sourceId: record.sourceId as string, updatedAt, deleted: record.deleted === true, attributes },
    };
  }

  private explain(errors: readonly ErrorObject[], record: Readonly<Record<string, unknown>>): FieldError[] {
    // The branches of `anyOf` fail with `required` errors of their own, and `if` adds a generic failure;
    // one summary error says it better.
    const relevant = errors.filter((e) => !e.schemaPath.includes('/anyOf/') && e.keyword !== 'if');
    const seen = new Set<string>();
    const out: FieldError[] = [];
    for (const error of relevant) {
      const explained = this.explainOne(error, record);
      const key = `${explained.field}|${explained.code}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(explained);
      }
    }
    return out;
  }

  private explainOne(error: ErrorObject, record: Readonly<Record<string, unknown>>): FieldError {
    const field = error.instancePath ? error.instancePath.slice(1).split('/')[0] : null;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'additionalProperties':
        return {
          field: String(params.additionalProperty),
          code: 'UNKNOWN_FIELD',
          message: `unknown field "${params.additionalProperty}": the ${this.contractName} contract has no such field`,
        };
      case 'required':
        return { field: String(params.missingProperty), code: 'REQUIRED', message: `"${params.missingProperty}" is required` };
      case 'anyOf': {
        const branches = (this.schema.else as { anyOf?: { required: string[] }[] } | undefined)?.anyOf ?? [];
        const options = branches.map((b) => b.required[0]);
        return { field: null, code: 'MISSING_IDENTITY', message: `at least one of ${options.join(', ')} is required` };
      }
      case 'type': {
        const value = field === null ? undefined : record[field];
        // "12,99" from a spreadsheet in a decimal-comma locale: the fix is a line of the mapping.
        const hint = typeof value === 'string' && DECIMAL_COMMA.test(value) ? `, not "${value}": for a decimal comma, map the column with "numbers": { "${field}": "1.234,56" }` : '';
        return { field, code: 'WRONG_TYPE', message: `must be ${describeType(params.type)}${hint}` };
      }
      case 'format':
        return { field, code: 'INVALID_FORMAT', message: formatMessage(String(params.format)) };
      case 'maxLength':
        return { field, code: 'TOO_LONG', message: `is too long: at most ${params.limit} characters` };
      case 'minLength':
      case 'pattern':
        return field === 'sourceId'
          ? { field, code: 'REQUIRED', message: 'must not be empty' }
          : { field, code: 'INVALID_FORMAT', message: `is not a valid ${field === 'phone' ? 'phone number' : 'value'}` };
      case 'minimum':
        return { field, code: 'OUT_OF_RANGE', message: `must be ${params.comparison} ${params.limit}` };
      case 'enum':
        return { field, code: 'INVALID_VALUE', message: this.enumMessage(field, error) };
      default:
        return { field, code: 'INVALID_VALUE', message: error.message ?? 'is not valid' };
    }
  }

  private enumMessage(field: string | null, error: ErrorObject): string {
    const standard = field === 'country' ? 'an ISO 3166-1 alpha-2 country code' : field === 'currency' ? 'an ISO 4217 currency code' : 'an allowed value';
    const value = error.data;
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    if (typeof value === 'string' && allowed.includes(value.trim().toUpperCase())) {
      return `must be ${standard} in upper case: "${value.trim().toUpperCase()}"`;
    }
    return `must be ${standard}`;
  }
}

// A number written with a decimal comma, thousands grouped or not: 12,99 · 1.299,00 · 1 299,00.
const DECIMAL_COMMA = /^[-+]?\d{1,3}(?:[.\s\u00a0\u202f']?\d{3})*,\d+$/;

// C0 control characters but tab, line feed and carriage return, and DEL; and UTF-16 surrogates without their pair.
const INVALID_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string value cannot be master data, or null when it can: a control character is garbage from a
 * broken export, and an unpaired surrogate is not Unicode at all (no storage engine can hold it as it is:
 * it would silently become U+FFFD, and PostgreSQL refuses U+0000 outright).
 */
function invalidCharacter(value: string): string | null {
  const match = INVALID_CHARACTER.exec(value);
  if (!match) return null;
  const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what = match[0].charCodeAt(0) >= 0xd800 ? `an unpaired UTF-16 surrogate (${code}), which is not valid Unicode` : `the control character ${code}`;
  return `contains ${what} at character ${match.index + 1}`;
}

/**
 * An email or phone as Canon shows it to keys without PII access (`j***@example.com`, `+1******4567`):
 * an integration that reads a record and writes it back must not replace the real value with its mask.
 */
function looksMasked(field: string, value: string): boolean {
  return (field === 'email' || field === 'phone' || field === 'nationalId') && value.includes('***');
}

/** UTC ISO 8601; a leap second (23:59:60, which the format allows but Date cannot hold) counts as :59. */
function toUtcIso(timestamp: string): string {
  return new Date(timestamp.replace(/:60(?=(\.\d+)?(Z|[+-]))/i, ':59')).toISOString();
}

function describeType(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  return types.map((t) => (t === 'object' ? 'an object' : t === 'integer' ? 'an integer' : `a ${t}`)).join(' or ');
}

function formatMessage(format: string): string {
  switch (format) {
    case 'date':
      return 'must be a real calendar date written YYYY-MM-DD';
    case 'date-time':
      return 'must be an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T12:00:00Z';
    case 'email':
      return 'is not a valid email address';
    default:
      return `must be a valid ${format}`;
  }
}
