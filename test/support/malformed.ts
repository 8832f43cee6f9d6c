import fc from 'fast-check';

/**
 * Generators of malformed source records for the fuzz tests. Each record carries exactly one defect and
 * says what the hub must answer: the field it must name (null for a defect of the whole record) and the
 * codes that describe it. One defect per record keeps the oracle exact.
 */
export interface Malformed {
  readonly record: unknown;
  /** What was done to it, for failure messages. */
  readonly defect: string;
  readonly field: string | null;
  readonly codes: readonly string[];
}

export type FuzzEntity = 'customer' | 'product';

/** Strings that look like SQL, LIKE patterns, regexes, JSON paths or template syntax. */
export const INJECTION_STRINGS = [
  `' OR 1=1 --`,
  `' OR '1'='1`,
  `"; DROP TABLE golden_record; --`,
  `'; DELETE FROM source_record; --`,
  `1; SELECT pg_sleep(5); --`,
  `' UNION SELECT key_hash FROM api_key --`,
  `%`,
  `_`,
  `%%`,
  `a%b`,
  `a_b`,
  `\\`,
  `\\'`,
  `\\%`,
  `$1`,
  `?`,
  `*`,
  `.*`,
  `[a-z]`,
  `{"$ne": null}`,
  `\${7*7}`,
  `{{7*7}}`,
  `<script>alert(1)</script>`,
  `../../etc/passwd`,
  `' AND extractvalue(1,concat(0x7e,version())) --`,
  `admin'--`,
  `1' ORDER BY 1--+`,
] as const;

const CONTROL_CHARS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\r'.includes(c)), '\u007f'];
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800'];

const CUSTOMER_TEXT = ['givenName', 'familyName', 'addressLine1', 'addressLine2', 'city', 'postalCode', 'region'] as const;
const PRODUCT_TEXT = ['sku', 'brand', 'name', 'description', 'category', 'color', 'size'] as const;
const MAX_LENGTH: Record<string, number> = {
  sourceId: 256,
  givenName: 200,
  familyName: 200,
  email: 320,
  phone: 40,
  addressLine1: 300,
  addressLine2: 300,
  city: 200,
  postalCode: 20,
  region: 100,
  gtin: 20,
  sku: 100,
  brand: 200,
  name: 500,
  description: 20000,
  category: 200,
  color: 100,
  size: 100,
};
const CUSTOMER_FIELDS = ['sourceId', 'updatedAt', 'deleted', 'email', 'phone', 'birthDate', 'country', ...CUSTOMER_TEXT];
const PRODUCT_FIELDS = ['sourceId', 'updatedAt', 'deleted', 'gtin', 'price', 'currency', ...PRODUCT_TEXT];

export function contractFields(entity: FuzzEntity): string[] {
  return entity === 'customer' ? CUSTOMER_FIELDS : PRODUCT_FIELDS;
}

// ---------------------------------------------------------------------------------------------------
// Valid records, the base every defect is applied to.

const word = fc.stringMatching(/^[A-Z][a-z]{1,9}$/);
const sourceId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{3,20}$/);

/** A GTIN-13 with a correct check digit. */
export const validGtin = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((digits) => {
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return `${digits.join('')}${(10 - (sum % 10)) % 10}`;
});

export const validCustomer = fc.record(
  {
    sourceId,
    givenName: word,
    familyName: word,
    email: fc.tuple(word, fc.nat(9999)).map(([w, n]) => `${w.toLowerCase()}.${n}@example.com`),
    phone: fc.constantFrom('+61 2 9876 5432', '+1 212 555 0134', '+44 20 7946 0958'),
    birthDate: fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    city: word,
    country: fc.constantFrom('AU', 'DE', 'US', 'GB'),
  },
  { requiredKeys: ['sourceId', 'familyName', 'email'] },
);

export const validProduct = fc.record(
  {
    sourceId,
    name: fc.tuple(word, word, fc.nat(999)).map(([a, b, n]) => `${a} ${b} ${n}`),
    brand: word,
    gtin: validGtin,
    price: fc.integer({ min: 0, max: 100000 }).map((c) => c / 100),
    currency: fc.constantFrom('EUR', 'USD', 'AUD'),
    category: word,
  },
  { requiredKeys: ['sourceId', 'name', 'gtin'] },
);

export function validRecord(entity: FuzzEntity): fc.Arbitrary<Record<string, unknown>> {
  return entity === 'customer' ? validCustomer : validProduct;
}

// ---------------------------------------------------------------------------------------------------
// Values of the wrong shape.

/** An object or array nested `depth` levels deep. */
export function deep(depth: number, kind: 'object' | 'array' = 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.integer({ min: 2, max: 400 }).map((d) => deep(d)),
  fc.integer({ min: 2, max: 400 }).map((d) => deep(d, 'array')),
);

function insertAt(base: string, insert: string, position: number): string {
  const at = Math.min(base.length, position);
  return `${base.slice(0, at)}${insert}${base.slice(at)}`;
}

// ---------------------------------------------------------------------------------------------------
// Defects: each maps a valid record to a malformed one with what the hub must say about it.

type Defect = fc.Arbitrary<(record: Record<string, unknown>) => Malformed>;

const withValue = (field: string, value: unknown, defect: string, codes: readonly string[], reportedField: string | null = field) => (record: Record<string, unknown>): Malformed => ({
  record: { ...record, [field]: value },
  defect: `${defect} in ${field}`,
  field: reportedField,
  codes,
});

function wrongType(entity: FuzzEntity): Defect {
  const fields = contractFields(entity);
  return fc.tuple(fc.constantFrom(...fields), notAString, fc.constantFrom('yes', 1, 'true', {})).map(([field, value, notBoolean]) =>
    field === 'deleted'
      ? withValue('deleted', notBoolean, 'a non-boolean', ['WRONG_TYPE'])
      : field === 'price'
        ? withValue('price', typeof value === 'number' ? String(value) : value, 'a non-number', ['WRONG_TYPE'])
        : // A GTIN may come as a whole number (a spreadsheet's): not a wrong type there.
          withValue(field, field === 'gtin' && typeof value === 'number' ? [value] : value, 'a value of the wrong type', ['WRONG_TYPE', 'INVALID_VALUE']),
  );
}

function tooLong(entity: FuzzEntity): Defect {
  const fields = contractFields(entity).filter((f) => MAX_LENGTH[f] !== undefined);
  return fc.tuple(fc.constantFrom(...fields), fc.integer({ min: 1, max: 3000 }), fc.constantFrom('x', 'é', '9', '😀')).map(([field, extra, unit]) => {
    // One code unit too many at least (an emoji is two); digits keep a long phone or GTIN in its pattern.
    // ajv counts code points, so an emoji is one character however many code units it takes.
    const length = MAX_LENGTH[field] + extra;
    const char = field === 'phone' || field === 'gtin' ? '9' : unit;
    let value = char.repeat(length);
    if (field === 'email') value = `${'a'.repeat(length)}@example.com`;
    return withValue(field, value, `a string of ${length} characters`, ['TOO_LONG', 'INVALID_FORMAT', 'INVALID_GTIN']);
  });
}

function textFields(entity: FuzzEntity): string[] {
  return entity === 'customer' ? ['sourceId', ...CUSTOMER_TEXT, 'email'] : ['sourceId', ...PRODUCT_TEXT, 'currency', 'gtin'];
}

function controlCharacter(entity: FuzzEntity): Defect {
  return fc.tuple(fc.constantFrom(...textFields(entity)), fc.constantFrom(...CONTROL_CHARS), fc.nat(8)).map(([field, char, at]) => (record) => {
    const base = typeof record[field] === 'string' ? (record[field] as string) : 'Value';
    // Strictly inside: at either end, trimming would remove a vertical tab or form feed.
    return withValue(field, insertAt(base, char, 1 + (at % (base.length - 1))), `control character U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`, [
      'INVALID_CHARACTER',
      'INVALID_FORMAT',
      'INVALID_VALUE',
    ])(record);
  });
}

function loneSurrogate(entity: FuzzEntity): Defect {
  return fc.tuple(fc.constantFrom(...textFields(entity)), fc.constantFrom(...LONE_SURROGATES), fc.nat(8)).map(([field, char, at]) => (record) => {
    const base = typeof record[field] === 'string' ? (record[field] as string) : 'Value';
    return withValue(field, insertAt(base, char, at), 'an unpaired UTF-16 surrogate', ['INVALID_CHARACTER', 'INVALID_FORMAT', 'INVALID_VALUE'])(record);
  });
}

/** Injection strings where the contract wants a format: they must fail that format, not reach SQL. */
function injectionInFormattedField(entity: FuzzEntity): Defect {
  const fields = entity === 'customer' ? ['email', 'birthDate', 'country', 'updatedAt', 'phone'] : ['currency', 'updatedAt', 'gtin'];
  return fc.tuple(fc.constantFrom(...fields), fc.constantFrom(...INJECTION_STRINGS)).map(([field, value]) =>
    withValue(field, field === 'email' ? `${value} @example.com` : value, `injection string ${JSON.stringify(value)}`, ['INVALID_FORMAT', 'INVALID_VALUE', 'INVALID_GTIN', 'TOO_LONG']),
  );
}

const UNKNOWN_FIELD_NAMES = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  'valueOf',
  '',
  ' ',
  'Email',
  'FAMILYNAME',
  'given_name',
  'email ',
  ' familyName',
  'id',
  'goldenId',
  'golden_id',
  '$where',
  'a.b',
  'attributes',
  'source',
  'x'.repeat(300),
  ...INJECTION_STRINGS,
];

function unknownField(entity: FuzzEntity): Defect {
  const known = new Set(contractFields(entity));
  const name = fc.oneof(fc.constantFrom(...UNKNOWN_FIELD_NAMES), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 10 })).filter((n) => !known.has(n) && n !== '__proto__');
  const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean(), fc.constant({ nested: true }));
  return fc.tuple(name, value).map(([field, v]) => (record) => ({ record: { ...record, [field]: v }, defect: `unknown field ${JSON.stringify(field)}`, field, codes: ['UNKNOWN_FIELD'] }));
}

const BAD_DATES = ['2023-02-30', '2023-13-01', '2021-04-31', '1999-1-1', '31/12/2000', '12/31/2000', '', '0000-00-00', '2020-02-29T00:00:00Z', '١٩٩٩-٠١-٠١', '+002021-01-01', 'yesterday', '2000-00-10', '20000101', '2000-01-01 '.repeat(2)];
const BAD_TIMESTAMPS = ['2024-01-01', '2024-01-01T00:00:00', 'now', '2024-13-01T00:00:00Z', '', '2024-02-30T10:00:00Z', '2024-01-01T25:00:00Z', '1714557600', 'Mon, 01 Jan 2024 00:00:00 GMT'];
const BAD_COUNTRIES = ['au', 'Au', 'XX', 'AUS', 'ZZ', '', ' ', 'U S', '12', 'ÄÖ', 'EU', 'UK', 'A'];
const BAD_EMAILS = ['not-an-email', 'a@', '@b.com', 'a@b@c.com', 'a b@c.com', 'a@b..com', 'a@-b.com', '"unclosed@b.com'];
const BAD_PHONES = ['abc', '12a34', 'phone: 123', '+61 (2) 9876 5432 ext', '☎ 123', '1-800-FLOWERS'];
const BAD_CURRENCIES = ['usd', 'US$', 'EURO', '€', '', 'U', 'ABCD'];

function badFormat(entity: FuzzEntity): Defect {
  if (entity === 'customer') {
    return fc.oneof(
      fc.constantFrom(...BAD_DATES).map((v) => withValue('birthDate', v, `bad date ${JSON.stringify(v)}`, ['INVALID_FORMAT'])),
      fc.constantFrom(...BAD_TIMESTAMPS).map((v) => withValue('updatedAt', v, `bad timestamp ${JSON.stringify(v)}`, ['INVALID_FORMAT'])),
      fc.constantFrom(...BAD_COUNTRIES).map((v) => withValue('country', v, `bad country ${JSON.stringify(v)}`, ['INVALID_VALUE'])),
      fc.constantFrom(...BAD_EMAILS).map((v) => withValue('email', v, `bad email ${JSON.stringify(v)}`, ['INVALID_FORMAT'])),
      fc.constantFrom(...BAD_PHONES).map((v) => withValue('phone', v, `bad phone ${JSON.stringify(v)}`, ['INVALID_FORMAT'])),
    );
  }
  const wrongCheckDigit = validGtin.map((g) => `${g.slice(0, 12)}${(Number(g[12]) + 1) % 10}`);
  const badGtin = fc.oneof(
    wrongCheckDigit,
    fc.constantFrom('12345678901X', '1234567', '123456789012345678', 'ABCDEFGHIJKLM', '12345', '4006381333932'),
  );
  return fc.oneof(
    badGtin.map((v) => withValue('gtin', v, `bad GTIN ${JSON.stringify(v)}`, ['INVALID_GTIN', 'INVALID_FORMAT'])),
    fc.constantFrom(...BAD_TIMESTAMPS).map((v) => withValue('updatedAt', v, `bad timestamp ${JSON.stringify(v)}`, ['INVALID_FORMAT'])),
    fc.constantFrom(...BAD_CURRENCIES).map((v) => withValue('currency', v, `bad currency ${JSON.stringify(v)}`, ['INVALID_VALUE'])),
    fc.double({ min: -1e9, max: -0.0001, noNaN: true }).map((v) => withValue('price', v, `negative price ${v}`, ['OUT_OF_RANGE'])),
  );
}

function badSourceId(): Defect {
  return fc.oneof(
    fc.constant((record: Record<string, unknown>): Malformed => {
      const { sourceId: _, ...rest } = record;
      return { record: rest, defect: 'no sourceId', field: 'sourceId', codes: ['REQUIRED'] };
    }),
    fc.constantFrom('', ' ', '\t \n').map((v) => withValue('sourceId', v, `blank sourceId ${JSON.stringify(v)}`, ['REQUIRED'])),
    fc.constantFrom(null, 42, true, ['a'], { id: 1 }).map((v) => withValue('sourceId', v, `sourceId ${JSON.stringify(v)}`, ['WRONG_TYPE'])),
  );
}

function missingIdentity(entity: FuzzEntity): Defect {
  const identity = entity === 'customer' ? ['familyName', 'email', 'phone'] : ['gtin', 'name'];
  return fc.constantFrom('absent', 'null', 'blank').map((how) => (record: Record<string, unknown>): Malformed => {
    const rest: Record<string, unknown> = { ...record };
    for (const field of identity) {
      if (how === 'absent') delete rest[field];
      else rest[field] = how === 'null' ? null : '   ';
    }
    // A blank email fails the email format, which names the problem well enough: blank the others only.
    if (how === 'blank' && entity === 'customer') delete rest.email;
    return { record: rest, defect: `identity fields ${how}`, field: null, codes: ['MISSING_IDENTITY'] };
  });
}

const notAnObject: Defect = fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 })).map((value) => () => ({
  record: value,
  defect: `a record that is ${JSON.stringify(value)}`,
  field: null,
  codes: ['NOT_AN_OBJECT'],
}));

/** One malformed record of `entity`. */
export function malformedRecord(entity: FuzzEntity): fc.Arbitrary<Malformed> {
  const defect = fc.oneof(
    { arbitrary: wrongType(entity), weight: 4 },
    { arbitrary: tooLong(entity), weight: 2 },
    { arbitrary: controlCharacter(entity), weight: 2 },
    { arbitrary: loneSurrogate(entity), weight: 2 },
    { arbitrary: injectionInFormattedField(entity), weight: 2 },
    { arbitrary: unknownField(entity), weight: 3 },
    { arbitrary: badFormat(entity), weight: 3 },
    { arbitrary: badSourceId(), weight: 1 },
    { arbitrary: missingIdentity(entity), weight: 1 },
    { arbitrary: notAnObject, weight: 1 },
  );
  return fc.tuple(validRecord(entity), defect).map(([record, apply]) => apply(record));
}

/** The sourceId the hub should report for a rejected record: the (trimmed) sourceId when it is a string. */
export function reportedSourceId(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const id = (record as Record<string, unknown>).sourceId;
  return typeof id === 'string' ? id.trim() : null;
}

/**
 * Why a rejected result does not name its record's defect, or null when it does: it is rejected, at the
 * right index and sourceId, with errors that all carry a code and a message, one of them naming the
 * defect's field with one of its codes.
 */
export function misreport(m: Malformed, index: number, result: any): string | null {
  const show = () => `${m.defect}: ${JSON.stringify(result)?.slice(0, 600)}`;
  if (!result) return `no result for record ${index} (${m.defect})`;
  if (result.outcome !== 'REJECTED') return `accepted (${result.outcome}) ${show()}`;
  if (result.index !== index) return `index ${result.index}, expected ${index}: ${show()}`;
  if (result.sourceId !== reportedSourceId(m.record)) return `sourceId ${JSON.stringify(result.sourceId)}, expected ${JSON.stringify(reportedSourceId(m.record))}: ${show()}`;
  if (result.goldenId !== null) return `a rejected record with a golden id: ${show()}`;
  const errors: any[] = result.errors ?? [];
  if (errors.length === 0) return `rejected without errors: ${show()}`;
  if (errors.some((e) => typeof e.code !== 'string' || !e.code || typeof e.message !== 'string' || !e.message)) return `an error without code or message: ${show()}`;
  if (!errors.some((e) => e.field === m.field && m.codes.includes(e.code))) return `no error names field ${JSON.stringify(m.field)} with ${m.codes.join('/')}: ${show()}`;
  return null;
}
