import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';

/**
 * How the columns of a source file become contract fields. Applied in this order: `combine` joins source
 * columns into one field; `columns` renames a source column (or drops it with null); `dates` rewrites a
 * field from a source date layout to YYYY-MM-DD; `constants` fills fields the file does not have.
 * Columns not named anywhere keep their name, so an unexpected column is reported as an unknown field.
 */
export interface RecordMapping {
  readonly columns?: Readonly<Record<string, string | null>>;
  readonly combine?: Readonly<Record<string, { readonly from: readonly string[]; readonly separator?: string }>>;
  readonly dates?: Readonly<Record<string, DateLayout>>;
  readonly constants?: Readonly<Record<string, string | number | boolean>>;
  /** Contract fields whose invalid values are dropped with a warning instead of rejecting the record. */
  readonly lenient?: readonly string[];
}

export const DATE_LAYOUTS = ['YYYYMMDD', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD'] as const;
export type DateLayout = (typeof DATE_LAYOUTS)[number];

const MAPPING_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    columns: { type: 'object', additionalProperties: { type: ['string', 'null'], minLength: 1 } },
    combine: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['from'],
        properties: {
          from: { type: 'array', minItems: 1, items: { type: 'string' } },
          separator: { type: 'string' },
        },
      },
    },
    dates: { type: 'object', additionalProperties: { enum: [...DATE_LAYOUTS] } },
    constants: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    lenient: { type: 'array', items: { type: 'string' } },
  },
};

const validateMapping = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(MAPPING_SCHEMA);

export class MappingError extends Error {}

/** Reads and checks a mapping file; the error names the file and what is wrong in it. */
export function loadMapping(path: string): RecordMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MappingError(`mapping ${path}: ${(error as Error).message}`);
  }
  if (!validateMapping(parsed)) {
    const detail = (validateMapping.errors ?? [])
      .map((e) => {
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        return `${e.instancePath || '/'} ${e.message}${extra ? ` ("${extra}")` : ''}`;
      })
      .join('; ');
    throw new MappingError(`mapping ${path} is not valid: ${detail}`);
  }
  return parsed as RecordMapping;
}

/** Applies a mapping to one row of a source file. Empty cells were dropped before, so they stay missing. */
export function applyMapping(row: Readonly<Record<string, unknown>>, mapping: RecordMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const combined = Object.entries(mapping.combine ?? {});
  const consumed = new Set(combined.flatMap(([, rule]) => rule.from));
  const columns = mapping.columns ?? {};
  for (const [column, value] of Object.entries(row)) {
    const renamed = Object.hasOwn(columns, column) ? columns[column] : consumed.has(column) ? null : column;
    if (renamed !== null && renamed !== undefined) out[renamed] = value;
  }
  // A combined field wins over a column that happens to carry the same name.
  for (const [target, rule] of combined) {
    const parts = rule.from.map((column) => (Object.hasOwn(row, column) ? row[column] : undefined)).filter((v) => v !== undefined && v !== null && v !== '');
    if (parts.length > 0) out[target] = parts.map(String).join(rule.separator ?? ' ');
  }
  for (const [field, layout] of Object.entries(mapping.dates ?? {})) {
    if (typeof out[field] === 'string') out[field] = toIsoDate(out[field] as string, layout);
  }
  for (const [field, value] of Object.entries(mapping.constants ?? {})) {
    if (out[field] === undefined) out[field] = value;
  }
  return out;
}

/**
 * Rearranges a date into YYYY-MM-DD without judging it: an impossible date (1955-11-92) stays
 * impossible, and the data contract rejects it with a clear message.
 */
export function toIsoDate(value: string, layout: DateLayout): string {
  const v = value.trim();
  const parts: Record<DateLayout, RegExp> = {
    YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
    'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
    'YYYY/MM/DD': /^(?<y>\d{4})\/(?<m>\d{1,2})\/(?<d>\d{1,2})$/,
    'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
    'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
    'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  };
  const match = parts[layout].exec(v);
  if (!match?.groups) return v;
  const { y, m, d } = match.groups;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
