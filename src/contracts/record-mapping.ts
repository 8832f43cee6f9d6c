import Ajv2020 from 'ajv/dist/2020';
import { distance } from 'fastest-levenshtein';
import { readFileSync } from 'node:fs';
import type { EntityType } from '../common/entity-type';
import { applySplit, splitProblem, splitTargets, type ColumnSplit } from './column-split';
import { loadContractSchema } from './contract-registry';
import { closestPath, parsePath, sourceTree, valueAt, walkRecord, type SourceNode, type SourceTrace } from './source-paths';
import { DATE_LAYOUTS, inDateLayout, NUMBER_LAYOUTS, toIsoDate, toNumber, type DateLayout, type NumberLayout } from './value-layouts';

/**
 * How the columns of a source file become contract fields. Applied in this order: `combine` joins source
 * columns into one field; `split` cuts one into several (see column-split.ts); `columns` renames a source column (or drops it with null); `dates` rewrites a
 * field from a source date layout to YYYY-MM-DD; `numbers` reads a field written with a decimal comma or
 * thousands separators (1.299,00); `constants` fills fields the file does not have.
 * A source column may be a path into a nested NDJSON record (`shipping_address.street`, `phones.0.number`;
 * see source-paths.ts). Columns not named anywhere keep their name (a nested one its path), so an
 * unexpected column is reported as an unknown field.
 */
export interface RecordMapping {
  readonly columns?: Readonly<Record<string, string | null>>;
  readonly combine?: Readonly<Record<string, { readonly from: readonly string[]; readonly separator?: string }>>;
  readonly split?: Readonly<Record<string, ColumnSplit>>;
  readonly dates?: Readonly<Record<string, DateLayout>>;
  readonly numbers?: Readonly<Record<string, NumberLayout>>;
  readonly constants?: Readonly<Record<string, string | number | boolean>>;
  /** Contract fields whose invalid values are dropped with a warning instead of rejecting the record. */
  readonly lenient?: readonly string[];
}

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
    split: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['patterns'],
        properties: {
          patterns: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          else: { type: 'string', minLength: 1 },
        },
      },
    },
    dates: { type: 'object', additionalProperties: { enum: [...DATE_LAYOUTS] } },
    numbers: { type: 'object', additionalProperties: { enum: [...NUMBER_LAYOUTS] } },
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
        const params = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
        const extra = params.additionalProperty ? ` ("${params.additionalProperty}")` : '';
        // An enum (a date layout) lists what it accepts, so the fix is in the message.
        const allowed = params.allowedValues ? `: ${params.allowedValues.join(', ')}` : '';
        return `${e.instancePath || '/'} ${e.message}${extra}${allowed}`;
      })
      .join('; ');
    throw new MappingError(`mapping ${path} is not valid: ${detail}`);
  }
  const mapping = parsed as RecordMapping;
  const problems = Object.entries(mapping.split ?? {}).flatMap(([column, rule]) => splitProblem(column, rule) ?? []);
  if (problems.length > 0) throw new MappingError(`mapping ${path} is not valid: ${problems.join('; ')}`);
  return mapping;
}

/**
 * The contract fields that hold quantities (what `numbers` may read): typed number or integer, and not
 * also string (a GTIN may come as a number, but it is a code, never written "1.234,56").
 */
function numberFields(entityType: EntityType): string[] {
  const properties = (loadContractSchema(entityType).properties ?? {}) as Record<string, { type?: unknown }>;
  const types = (field: string) => [properties[field].type].flat();
  return Object.keys(properties).filter((field) => types(field).some((t) => t === 'number' || t === 'integer') && !types(field).includes('string'));
}

/** The fields a mapping may write for an entity type: its contract's fields, the envelope (sourceId, updatedAt, deleted) included. */
export function contractFields(entityType: EntityType): string[] {
  return Object.keys((loadContractSchema(entityType).properties ?? {}) as object);
}

/**
 * Checks that every field a mapping writes (`columns` targets, `combine`, `dates` and `constants` keys,
 * `lenient` entries) is a field of the entity's contract, so that a misspelt target fails the import
 * before any record is read instead of rejecting every record as an unknown field. `origin` names the
 * mapping (its file) in the error.
 */
export function checkMappingTargets(mapping: RecordMapping, entityType: EntityType, origin = 'mapping'): void {
  const fields = contractFields(entityType);
  const known = new Set(fields);
  const targets: [target: string, where: string][] = [
    ...Object.entries(mapping.columns ?? {}).flatMap(([column, target]): [string, string][] => (target === null ? [] : [[target, `columns."${column}"`]])),
    ...Object.keys(mapping.combine ?? {}).map((target): [string, string] => [target, 'combine']),
    ...Object.entries(mapping.split ?? {}).flatMap(([column, rule]) => splitTargets(rule).map((target): [string, string] => [target, `split."${column}"`])),
    ...Object.keys(mapping.dates ?? {}).map((target): [string, string] => [target, 'dates']),
    ...Object.keys(mapping.numbers ?? {}).map((target): [string, string] => [target, 'numbers']),
    ...Object.keys(mapping.constants ?? {}).map((target): [string, string] => [target, 'constants']),
    ...(mapping.lenient ?? []).map((target): [string, string] => [target, 'lenient']),
  ];
  const problems = targets
    .filter(([target]) => !known.has(target))
    .map(([target, where]) => {
      const guess = closestName(target, fields, FIELD_ALIASES);
      return `"${target}" (in ${where}) is not a ${entityType} field${guess ? ` (did you mean ${guess}?)` : ''}`;
    });
  const numeric = numberFields(entityType);
  for (const target of Object.keys(mapping.numbers ?? {})) {
    if (known.has(target) && !numeric.includes(target)) problems.push(`"${target}" (in numbers) is not a number field; the ${entityType} number fields are: ${numeric.join(', ') || 'none'}`);
  }
  if (problems.length > 0) {
    throw new MappingError(`${origin}: ${problems.join('; ')}. The ${entityType} fields are: ${fields.join(', ')}.`);
  }
}

/** The source columns a mapping reads: the columns it renames or drops, and those it combines. */
export function mappingSourceColumns(mapping: RecordMapping): [column: string, where: string][] {
  const columns = new Map<string, string>();
  for (const column of Object.keys(mapping.columns ?? {})) columns.set(column, 'columns');
  for (const [target, rule] of Object.entries(mapping.combine ?? {})) {
    for (const column of rule.from) if (!columns.has(column)) columns.set(column, `combine."${target}"`);
  }
  for (const column of Object.keys(mapping.split ?? {})) if (!columns.has(column)) columns.set(column, 'split');
  return [...columns];
}

/**
 * Checks that every source column a mapping names is in the header of a CSV file, so that a misspelt
 * column fails the import up front instead of being silently ignored. (NDJSON records may each carry
 * different keys, so there is no header to compare with: see absentSourceWarnings.)
 */
export function checkMappingColumns(mapping: RecordMapping, header: readonly string[], file: string, origin = 'mapping'): void {
  const present = new Set(header);
  const problems = mappingSourceColumns(mapping)
    .filter(([column]) => !present.has(column))
    .map(([column, where]) => {
      const guess = closestName(column, header);
      return `column "${column}" (in ${where}) is not in the header of ${file}${guess ? ` (did you mean ${guess}?)` : ''}`;
    });
  if (problems.length > 0) {
    throw new MappingError(`${origin}: ${problems.join('; ')}. Its columns are: ${header.join(', ')}.`);
  }
}

// Common names of contract fields that edit distance does not find (firstName is four edits from givenName).
const FIELD_ALIASES: Readonly<Record<string, string>> = {
  first: 'givenName',
  firstname: 'givenName',
  forename: 'givenName',
  last: 'familyName',
  lastname: 'familyName',
  surname: 'familyName',
  dob: 'birthDate',
  dateofbirth: 'birthDate',
  birthday: 'birthDate',
  mail: 'email',
  emailaddress: 'email',
  telephone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  zip: 'postalCode',
  zipcode: 'postalCode',
  postcode: 'postalCode',
  state: 'region',
  province: 'region',
  address: 'addressLine1',
  street: 'addressLine1',
  town: 'city',
  ssn: 'nationalId',
  id: 'sourceId',
  ean: 'gtin',
  upc: 'gtin',
  barcode: 'gtin',
  title: 'name',
  productname: 'name',
  colour: 'color',
};

/** The candidate a (misspelt) name most likely meant: an alias, the same name in other case or punctuation, or one a few edits away. */
function closestName(name: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | null {
  const simple = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = simple(name);
  const alias = aliases[wanted];
  if (alias && candidates.includes(alias)) return alias;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(wanted, simple(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(wanted.length / 3)) ? best : null;
}

/** A note on a mapped row that does not stop it: a date in another layout than the mapping says. */
export interface MappingWarning {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Applies a mapping to one row of a source file. Empty cells were dropped before, so they stay missing.
 * A date written YYYY-MM-DD where the mapping says another layout is read, and noted in `warnings`: the
 * contract accepts it, but a column whose layout changes from row to row deserves a look (is 03/04 then
 * April or March?).
 */
export function applyMapping(row: Readonly<Record<string, unknown>>, mapping: RecordMapping, warnings: MappingWarning[] = [], trace?: SourceTrace): Record<string, unknown> {
  const plan = planOf(mapping);
  const out: Record<string, unknown> = {};
  walkRecord(row, plan.sources, out, trace);
  // A combined field wins over a column that happens to carry the same name.
  for (const [target, rule, from] of plan.combined) {
    const parts = from.map(([column, path]) => valueAt(row, column, path)).filter((v) => v !== undefined && v !== null && v !== '');
    if (parts.length > 0) out[target] = parts.map(String).join(rule.separator ?? ' ');
  }
  // So do the fields a split fills.
  for (const [column, rule, path] of plan.splits) applySplit(column, valueAt(row, column, path), rule, out, warnings);
  for (const [field, layout] of Object.entries(mapping.dates ?? {})) {
    if (typeof out[field] !== 'string') continue;
    const written = (out[field] as string).trim();
    // 00.00.0000, 0000-00-00: how many systems write "unknown". No date at all, not an impossible one.
    if (/^[0\W_]+$/.test(written) && /0/.test(written)) {
      delete out[field];
      warnings.push({ field, code: 'PLACEHOLDER_DROPPED', message: `"${written}" is a placeholder for an unknown date: left out` });
      continue;
    }
    out[field] = toIsoDate(written, layout);
    if (inDateLayout(written, layout)) continue;
    if (inDateLayout(written, 'YYYY-MM-DD')) {
      warnings.push({ field, code: 'DATE_LAYOUT', message: `"${written}" is not ${layout} as the mapping says: read as YYYY-MM-DD` });
    } else warnings.push(notInLayout(field, written, layout));
  }
  for (const [field, layout] of Object.entries(mapping.numbers ?? {})) {
    if (typeof out[field] !== 'string') continue;
    const written = (out[field] as string).trim();
    const read = toNumber(written, layout);
    out[field] = read ?? written; // as written, the contract says what is wrong with it
    if (read !== null) continue;
    const plain = toNumber(written, '1234.56');
    if (plain !== null) {
      out[field] = plain;
      warnings.push({ field, code: 'NUMBER_LAYOUT', message: `"${written}" is not ${layout} as the mapping says: read as ${plain}` });
    } else warnings.push(notInLayout(field, written, layout));
  }
  for (const [field, value] of Object.entries(mapping.constants ?? {})) {
    if (out[field] === undefined) out[field] = value;
  }
  return out;
}

/** A mapping as applyMapping uses it, built once (the mapping is plain data, handed to a worker thread). */
interface MappingPlan {
  readonly sources: SourceNode;
  readonly combined: [target: string, rule: { readonly separator?: string }, from: [column: string, path: string[]][]][];
  readonly splits: [column: string, rule: ColumnSplit, path: string[]][];
}

const PLANS = new WeakMap<RecordMapping, MappingPlan>();

function planOf(mapping: RecordMapping): MappingPlan {
  let plan = PLANS.get(mapping);
  if (plan) return plan;
  const renames = Object.entries(mapping.columns ?? {}).map(([column, rename]) => [column, { rename }] as const);
  const combine = Object.entries(mapping.combine ?? {});
  const splits = Object.entries(mapping.split ?? {});
  const reads = [...combine.flatMap(([, rule]) => rule.from), ...splits.map(([column]) => column)].map((column) => [column, { read: true } as const] as const);
  plan = {
    sources: sourceTree([...renames, ...reads]),
    combined: combine.map(([target, rule]) => [target, rule, rule.from.map((column): [string, string[]] => [column, parsePath(column)])]),
    splits: splits.map(([column, rule]) => [column, rule, parsePath(column)]),
  };
  PLANS.set(mapping, plan);
  return plan;
}

/** A source column or path a mapping reads that no record of an NDJSON file had. */
export const MAPPED_KEY_ABSENT = 'MAPPED_KEY_ABSENT';

/**
 * Notes each source name of the mapping that no record of a file had (`seen`, from applyMapping's trace):
 * records differ, so a key missing from some is normal, but one missing from all is almost certainly a
 * typo, and its values are then imported under their own name (an unknown field) or not at all. `paths`
 * are names the records had, to guess from.
 */
export function absentSourceWarnings(mapping: RecordMapping, seen: ReadonlySet<string>, paths: Iterable<string>): MappingWarning[] {
  const candidates = [...paths];
  return mappingSourceColumns(mapping)
    .filter(([column]) => !seen.has(column))
    .map(([column, where]) => {
      const guess = closestPath(column, candidates);
      return {
        field: column,
        code: MAPPED_KEY_ABSENT,
        message: `"${column}" (in ${where}) is in no record of the file${guess ? ` (did you mean ${guess}?)` : ''}: nothing was read from it`,
      };
    });
}

/**
 * A value in no layout the mapping reads: the contract rejects it (or drops it, when lenient), and the
 * import adds this to that message, which otherwise would only say what the contract wants.
 */
export const NOT_IN_LAYOUT = 'NOT_IN_LAYOUT';

function notInLayout(field: string, written: string, layout: string): MappingWarning {
  return { field, code: NOT_IN_LAYOUT, message: `"${written}" is not ${layout} as the mapping says` };
}
