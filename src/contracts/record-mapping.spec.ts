import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMapping, checkMappingColumns, checkMappingTargets, DATE_LAYOUTS, loadMapping, MappingError, NUMBER_LAYOUTS, toIsoDate, toNumber, type DateLayout, type MappingWarning } from './record-mapping';

describe('applyMapping', () => {
  it('renames columns and lets unmapped columns pass through', () => {
    expect(applyMapping({ cust_no: 'C-1', last_name: 'Lovelace', email: 'ada@example.com' }, { columns: { cust_no: 'sourceId', last_name: 'familyName' } })).toEqual({
      sourceId: 'C-1',
      familyName: 'Lovelace',
      email: 'ada@example.com',
    });
  });

  it('drops a column mapped to null', () => {
    expect(applyMapping({ id: 'C-1', internal_flag: 'Y' }, { columns: { id: 'sourceId', internal_flag: null } })).toEqual({ sourceId: 'C-1' });
  });

  it('combines columns with a separator, a space by default, skipping missing and empty parts', () => {
    const mapping = { combine: { addressLine1: { from: ['street_no', 'street'] }, phone: { from: ['area', 'number'], separator: '-' } } };
    expect(applyMapping({ street_no: '12', street: 'Main St', area: '02', number: 98765432 }, mapping)).toEqual({ addressLine1: '12 Main St', phone: '02-98765432' });
    expect(applyMapping({ street: 'Main St', street_no: '', area: null }, mapping)).toEqual({ addressLine1: 'Main St' });
  });

  it('consumes combined columns unless they are also renamed', () => {
    const mapping = { combine: { name: { from: ['first', 'last'] } }, columns: { first: 'givenName' } };
    expect(applyMapping({ first: 'Ada', last: 'Lovelace' }, mapping)).toEqual({ name: 'Ada Lovelace', givenName: 'Ada' });
  });

  it('rewrites mapped date fields (after renaming) and leaves other values alone', () => {
    const mapping = { columns: { dob: 'birthDate' }, dates: { birthDate: 'DD/MM/YYYY' as const, updatedAt: 'YYYYMMDD' as const } };
    expect(applyMapping({ dob: '10/12/1815', note: '10/12/1815' }, mapping)).toEqual({ birthDate: '1815-12-10', note: '10/12/1815' });
  });

  it('fills constants only where the row has no value', () => {
    const mapping = { constants: { country: 'AU', deleted: false, price: 0 } };
    expect(applyMapping({ sourceId: 'C-1', country: 'NZ' }, mapping)).toEqual({ sourceId: 'C-1', country: 'NZ', deleted: false, price: 0 });
  });

  it('passes a row through unchanged with an empty mapping', () => {
    expect(applyMapping({ a: '1', b: 2 }, {})).toEqual({ a: '1', b: 2 });
  });

  it('does not change the row', () => {
    const row = { first: 'Ada', last: 'Lovelace' };
    applyMapping(row, { combine: { name: { from: ['first', 'last'] } }, constants: { country: 'GB' } });
    expect(row).toEqual({ first: 'Ada', last: 'Lovelace' });
  });

  it('passes through a column whose name is also an Object.prototype member', () => {
    // The column is not in the mapping, so it keeps its name and the contract reports it as an unknown field.
    expect(applyMapping({ id: 'C-1', constructor: 'x' }, { columns: { id: 'sourceId' } })).toEqual({ sourceId: 'C-1', constructor: 'x' });
  });
});

describe('toIsoDate', () => {
  it.each<[string, DateLayout, string]>([
    ['18151210', 'YYYYMMDD', '1815-12-10'],
    ['1815-12-10', 'YYYY-MM-DD', '1815-12-10'],
    ['1815-1-5', 'YYYY-MM-DD', '1815-01-05'],
    ['10/12/1815', 'DD/MM/YYYY', '1815-12-10'],
    ['5/1/1815', 'DD/MM/YYYY', '1815-01-05'],
    ['12/10/1815', 'MM/DD/YYYY', '1815-12-10'],
    ['10.12.1815', 'DD.MM.YYYY', '1815-12-10'],
    ['1815/12/10', 'YYYY/MM/DD', '1815-12-10'],
    [' 18151210 ', 'YYYYMMDD', '1815-12-10'],
  ])('reads %j in layout %s as %s', (value, layout, iso) => {
    expect(toIsoDate(value, layout)).toBe(iso);
  });

  it('puts a two-digit year in this century up to this year, else in the last: never in the future', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(toIsoDate('12.03.85', 'DD.MM.YY', now)).toBe('1985-03-12');
    expect(toIsoDate('1.2.26', 'DD.MM.YY', now)).toBe('2026-02-01');
    expect(toIsoDate('01/02/27', 'DD/MM/YY', now)).toBe('1927-02-01');
    expect(toIsoDate('02/01/00', 'MM/DD/YY', now)).toBe('2000-02-01');
    expect(toIsoDate('991231', 'YYMMDD', now)).toBe('1999-12-31');
    expect(toIsoDate('12.03.1985', 'DD.MM.YY', now)).toBe('12.03.1985'); // four digits: not this layout
  });

  it('rearranges an impossible date without judging it', () => {
    expect(toIsoDate('92/11/1955', 'DD/MM/YYYY')).toBe('1955-11-92');
  });

  it.each<[string, DateLayout]>([
    ['10/12/1815', 'YYYYMMDD'],
    ['1815-12-10', 'DD.MM.YYYY'],
    ['unknown', 'YYYY-MM-DD'],
    ['181512100', 'YYYYMMDD'],
  ])('returns %j unchanged (trimmed) when it is not in layout %s', (value, layout) => {
    expect(toIsoDate(`  ${value} `, layout)).toBe(value);
  });

  it('supports every declared layout', () => {
    const samples: Record<DateLayout, string> = {
      YYYYMMDD: '20240229',
      'YYYY-MM-DD': '2024-02-29',
      'DD/MM/YYYY': '29/02/2024',
      'MM/DD/YYYY': '02/29/2024',
      'DD.MM.YYYY': '29.02.2024',
      'YYYY/MM/DD': '2024/02/29',
      'DD.MM.YY': '29.02.24',
      'DD/MM/YY': '29/02/24',
      'MM/DD/YY': '02/29/24',
      YYMMDD: '240229',
    };
    for (const layout of DATE_LAYOUTS) expect(toIsoDate(samples[layout], layout)).toBe('2024-02-29');
  });
});

describe('toNumber', () => {
  it.each([
    ['1.299,00', '1.234,56', 1299],
    ['12,99', '1.234,56', 12.99],
    ['1.234.567,5', '1.234,56', 1234567.5],
    ['12,99 €', '1.234,56', 12.99],
    ['1\u202f299,00', '1 234,56', 1299],
    ['1 299,00', '1 234,56', 1299],
    ['$1,234.50', '1,234.56', 1234.5],
    ["1'299.95", "1'234.56", 1299.95],
    ['-3,5', '1234,56', -3.5],
    ['1299', '1.234,56', 1299],
  ] as const)('reads %s written %s', (written, layout, value) => {
    expect(toNumber(written, layout)).toBe(value);
  });

  it.each([
    ['1.29', '1.234,56'], // not grouped by three: another layout, not 129
    ['1,299.00', '1.234,56'],
    ['12,99', '1,234.56'],
    ['twelve', '1234.56'],
    ['1.2.3', '1234.56'],
    ['', '1234.56'],
  ] as const)('does not read %s as %s', (written, layout) => {
    expect(toNumber(written, layout)).toBeNull();
  });

  it('has a pattern for every declared layout', () => {
    for (const layout of NUMBER_LAYOUTS) expect(toNumber(layout, layout)).toBe(1234.56);
  });
});

describe('applyMapping layout notes', () => {
  it('notes a date or number in no layout it reads, for the message of the reject', () => {
    const warnings: MappingWarning[] = [];
    const out = applyMapping({ born: '12-03-1985', price: 'cheap' }, { columns: { born: 'birthDate' }, dates: { birthDate: 'DD.MM.YYYY' }, numbers: { price: '1.234,56' } }, warnings);
    expect(out).toEqual({ birthDate: '12-03-1985', price: 'cheap' });
    expect(warnings).toEqual([
      { field: 'birthDate', code: 'NOT_IN_LAYOUT', message: '"12-03-1985" is not DD.MM.YYYY as the mapping says' },
      { field: 'price', code: 'NOT_IN_LAYOUT', message: '"cheap" is not 1.234,56 as the mapping says' },
    ]);
  });
});

describe('applyMapping numbers', () => {
  it('reads a mapped number field, leaves one it cannot read as written, and warns of one in plain layout', () => {
    const mapping = { columns: { Preis: 'price' }, numbers: { price: '1.234,56' as const } };
    expect(applyMapping({ Preis: '1.299,00' }, mapping)).toEqual({ price: 1299 });
    expect(applyMapping({ Preis: 'auf Anfrage' }, mapping)).toEqual({ price: 'auf Anfrage' });
    const warnings: MappingWarning[] = [];
    expect(applyMapping({ Preis: '12.5' }, mapping, warnings)).toEqual({ price: 12.5 });
    expect(warnings).toEqual([{ field: 'price', code: 'NUMBER_LAYOUT', message: '"12.5" is not 1.234,56 as the mapping says: read as 12.5' }]);
  });
});

describe('loadMapping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-mapping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('reads a valid mapping', () => {
    const mapping = {
      columns: { cust_no: 'sourceId', internal: null },
      combine: { addressLine1: { from: ['no', 'street'], separator: ' ' } },
      dates: { birthDate: 'DD/MM/YYYY' },
      numbers: { price: '1.234,56' },
      constants: { country: 'AU', deleted: false, price: 0 },
    };
    expect(loadMapping(file('valid.json', JSON.stringify(mapping)))).toEqual(mapping);
  });

  it.each([
    ['a column renamed to a number', '{"columns":{"a":1}}', '/columns/a must be string,null'],
    ['a column renamed to an empty name', '{"columns":{"a":""}}', '/columns/a must NOT have fewer than 1 characters'],
    ['an unknown date layout', '{"dates":{"birthDate":"DD-MM-YY"}}', `/dates/birthDate must be equal to one of the allowed values: ${DATE_LAYOUTS.join(', ')}`],
    ['an unknown number layout', '{"numbers":{"price":"1,234"}}', `/numbers/price must be equal to one of the allowed values: ${NUMBER_LAYOUTS.join(', ')}`],
    ['a combine without columns', '{"combine":{"name":{"from":[]}}}', '/combine/name/from must NOT have fewer than 1 items'],
    ['a combine without from', '{"combine":{"name":{"separator":" "}}}', "/combine/name must have required property 'from'"],
    ['an object constant', '{"constants":{"country":{"code":"AU"}}}', '/constants/country must be string,number,boolean'],
    ['an unknown section', '{"colums":{}}', '/ must NOT have additional properties'],
    ['an array', '[]', '/ must be object'],
  ])('rejects %s, naming the file and the problem', (_case, content, problem) => {
    const path = file('invalid.json', content);
    expect(() => loadMapping(path)).toThrow(MappingError);
    expect(() => loadMapping(path)).toThrow(`mapping ${path} is not valid: ${problem}`);
  });

  it('rejects a split pattern that is not a regular expression, naming the file and the column', () => {
    const path = file('split.json', JSON.stringify({ split: { Name: { patterns: ['^(?<familyName>[a-z'] } } }));
    expect(() => loadMapping(path)).toThrow(MappingError);
    expect(() => loadMapping(path)).toThrow(new RegExp(`^mapping ${path} is not valid: split."Name" pattern 1 is not a regular expression`));
  });

  it('rejects a file that is not JSON', () => {
    const path = file('broken.json', '{ columns: ');
    expect(() => loadMapping(path)).toThrow(MappingError);
    expect(() => loadMapping(path)).toThrow(new RegExp(`^mapping ${path}: .*JSON`));
  });

  it('rejects a missing file, naming it', () => {
    const path = join(dir, 'missing.json');
    expect(() => loadMapping(path)).toThrow(`mapping ${path}: ENOENT`);
  });
});

describe('checkMappingTargets', () => {
  const CUSTOMER_FIELDS = 'sourceId, updatedAt, deleted, givenName, familyName, email, phone, birthDate, nationalId, addressLine1, addressLine2, city, postalCode, region, country';

  it('accepts targets that are contract fields, the envelope (sourceId, updatedAt, deleted) included', () => {
    const mapping = {
      columns: { id: 'sourceId', changed: 'updatedAt', gone: 'deleted', first: 'givenName', internal: null },
      combine: { addressLine1: { from: ['no', 'street'] } },
      dates: { birthDate: 'YYYYMMDD' as const, updatedAt: 'YYYY-MM-DD' as const },
      constants: { country: 'AU', deleted: false },
      lenient: ['birthDate', 'email'],
    };
    expect(() => checkMappingTargets(mapping, 'customer', 'mapping m.json')).not.toThrow();
    expect(() => checkMappingTargets({ columns: { ean: 'gtin' }, constants: { currency: 'EUR', price: 0 }, lenient: ['gtin'] }, 'product')).not.toThrow();
  });

  it('rejects a column target that is not a field, naming the mapping, the target, a suggestion and the fields', () => {
    const check = () => checkMappingTargets({ columns: { id: 'sourceId', first: 'firstName' } }, 'customer', 'mapping people.map.json');
    expect(check).toThrow(MappingError);
    expect(check).toThrow(
      `mapping people.map.json: "firstName" (in columns."first") is not a customer field (did you mean givenName?). The customer fields are: ${CUSTOMER_FIELDS}.`,
    );
  });

  it.each([
    ['combine', { combine: { adressLine1: { from: ['no', 'street'] } } }, '"adressLine1" (in combine) is not a customer field (did you mean addressLine1?)'],
    ['dates', { dates: { dateOfBirth: 'YYYYMMDD' as const } }, '"dateOfBirth" (in dates) is not a customer field (did you mean birthDate?)'],
    ['constants', { constants: { Country: 'AU' } }, '"Country" (in constants) is not a customer field (did you mean country?)'],
    ['lenient', { lenient: ['birthdate'] }, '"birthdate" (in lenient) is not a customer field (did you mean birthDate?)'],
    ['lenient, with no close field', { lenient: ['gtin'] }, '"gtin" (in lenient) is not a customer field.'],
  ])('checks the targets of %s too', (_section, mapping, problem) => {
    expect(() => checkMappingTargets(mapping, 'customer')).toThrow(`mapping: ${problem}`);
  });

  it('rejects numbers on a field that is not a number', () => {
    expect(() => checkMappingTargets({ numbers: { price: '1.234,56' } }, 'product')).not.toThrow();
    expect(() => checkMappingTargets({ numbers: { name: '1.234,56' } }, 'product')).toThrow('"name" (in numbers) is not a number field; the product number fields are: price');
    expect(() => checkMappingTargets({ numbers: { prize: '1.234,56' } }, 'product')).toThrow('"prize" (in numbers) is not a product field (did you mean price?)');
  });

  it('checks the fields a split writes, and reads its column from the header', () => {
    const mapping = { split: { Name: { patterns: ['^(?<familyName>[^,]+), (?<givenNam>.+)$'] } } };
    expect(() => checkMappingTargets(mapping, 'customer')).toThrow('"givenNam" (in split."Name") is not a customer field (did you mean givenName?)');
    expect(() => checkMappingColumns({ split: { Name: { patterns: ['(?<familyName>.+)'] } } }, ['id', 'name'], 'people.csv')).toThrow(/Name/);
  });

  it('lists every bad target in one error', () => {
    expect(() => checkMappingTargets({ columns: { a: 'colour' }, lenient: ['sku', 'birthDate'] }, 'product')).toThrow(
      /^mapping: "colour" \(in columns."a"\) is not a product field \(did you mean color\?\); "birthDate" \(in lenient\) is not a product field\. The product fields are: sourceId, /,
    );
  });
});

describe('checkMappingColumns', () => {
  const header = ['id', 'first_name', 'surname', 'street_no', 'street'];

  it('accepts a mapping whose renamed, dropped and combined columns are all in the header', () => {
    const mapping = { columns: { id: 'sourceId', first_name: 'givenName', surname: null }, combine: { addressLine1: { from: ['street_no', 'street'] } } };
    expect(() => checkMappingColumns(mapping, header, 'people.csv')).not.toThrow();
    expect(() => checkMappingColumns({ constants: { country: 'AU' } }, header, 'people.csv')).not.toThrow();
  });

  it('rejects a renamed column missing from the header, naming it and listing the header', () => {
    const check = () => checkMappingColumns({ columns: { id: 'sourceId', firstname: 'givenName' } }, header, 'people.csv', 'mapping m.json');
    expect(check).toThrow(MappingError);
    expect(check).toThrow('mapping m.json: column "firstname" (in columns) is not in the header of people.csv (did you mean first_name?). Its columns are: id, first_name, surname, street_no, street.');
  });

  it('checks dropped and combined columns too', () => {
    expect(() => checkMappingColumns({ columns: { note: null }, combine: { addressLine1: { from: ['street_nr', 'street'] } } }, header, 'people.csv')).toThrow(
      'mapping: column "note" (in columns) is not in the header of people.csv; column "street_nr" (in combine."addressLine1") is not in the header of people.csv (did you mean street_no?). Its columns are:',
    );
  });
});
