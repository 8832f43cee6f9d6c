import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { absentSourceWarnings, applyMapping, checkMappingColumns, checkMappingTargets, loadMapping, MappingError, type MappingWarning } from './record-mapping';
import type { SourceTrace } from './source-paths';
import { DATE_LAYOUTS, NUMBER_LAYOUTS } from './value-layouts';

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

describe('applyMapping nested records', () => {
  const order = {
    id: 'o-1',
    customer: { first: 'Ann', last: 'Lee', email: 'ann@example.com' },
    shipping_address: { street: 'Main St', number: '12', city: 'Perth', zip: '6000' },
    phones: [{ type: 'mobile', number: '0400 000 000' }],
    placed: '03/04/2024',
  };
  const mapping = {
    columns: { id: 'sourceId', 'customer.email': 'email', 'shipping_address.city': 'city', 'shipping_address.zip': 'postalCode', 'phones.0.number': 'phone', 'phones.0.type': null, placed: null },
    combine: { addressLine1: { from: ['shipping_address.number', 'shipping_address.street'] } },
    split: { 'customer.first': { patterns: ['^(?<givenName>.+)$'] } },
    constants: { country: 'AU' },
  };

  it('renames, combines and splits values named by their path', () => {
    expect(applyMapping(order, { ...mapping, columns: { ...mapping.columns, 'customer.last': 'familyName' } })).toEqual({
      sourceId: 'o-1',
      email: 'ann@example.com',
      familyName: 'Lee',
      city: 'Perth',
      postalCode: '6000',
      phone: '0400 000 000',
      addressLine1: '12 Main St',
      givenName: 'Ann',
      country: 'AU',
    });
  });

  it('passes a nested value the mapping does not name through under its path, for the contract to reject', () => {
    const out = applyMapping({ ...order, phones: [...order.phones, { type: 'home', number: '08 9999 9999' }] }, mapping);
    expect(out['customer.last']).toBe('Lee');
    expect(out['phones.1']).toEqual({ type: 'home', number: '08 9999 9999' });
    expect(Object.keys(out).filter((k) => k.includes('.'))).toEqual(['customer.last', 'phones.1']);
  });

  it('maps the same record whether it is nested or flattened with dots (a CSV exported by json_normalize)', () => {
    const flat = { id: 'o-1', 'customer.email': 'ann@example.com', 'shipping_address.city': 'Perth', 'shipping_address.street': 'Main St', 'customer.first': 'Ann' };
    const nested = { id: 'o-1', customer: { email: 'ann@example.com', first: 'Ann' }, shipping_address: { city: 'Perth', street: 'Main St' } };
    expect(applyMapping(flat, mapping)).toEqual(applyMapping(nested, mapping));
  });
});

describe('absentSourceWarnings', () => {
  const mapping = {
    columns: { id: 'sourceId', 'customer.emial': 'email', 'phones.0.number': 'phone' },
    combine: { addressLine1: { from: ['shipping_address.number', 'shipping_address.street'] } },
  };

  it('names each source key no record had, where the mapping names it, and the key it most likely meant', () => {
    const trace: SourceTrace = { seen: new Set() };
    const records = [
      { id: 'o-1', customer: { email: 'a@example.com' }, shipping_address: { street: 'Main St' } },
      { id: 'o-2', phones: [{ number: '1' }], shipping_address: { street: 'High St' } },
    ];
    for (const record of records) applyMapping(record, mapping, [], trace);
    expect(absentSourceWarnings(mapping, trace.seen, ['id', 'customer', 'customer.email', 'shipping_address', 'shipping_address.street'])).toEqual([
      { field: 'customer.emial', code: 'MAPPED_KEY_ABSENT', message: '"customer.emial" (in columns) is in no record of the file (did you mean customer.email?): nothing was read from it' },
      { field: 'shipping_address.number', code: 'MAPPED_KEY_ABSENT', message: '"shipping_address.number" (in combine."addressLine1") is in no record of the file: nothing was read from it' },
    ]);
  });

  it('says nothing when every key was in some record', () => {
    const trace: SourceTrace = { seen: new Set(['id', 'customer.emial', 'phones.0.number', 'shipping_address.number', 'shipping_address.street']) };
    expect(absentSourceWarnings(mapping, trace.seen, [])).toEqual([]);
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

describe('applyMapping placeholder dates', () => {
  it.each(['00.00.0000', '0.0.0000', '0000-00-00'])('leaves out %s, a system\'s "unknown", with a note instead of rejecting the record', (written) => {
    const warnings: MappingWarning[] = [];
    const out = applyMapping({ born: written, name: 'Jansen' }, { columns: { born: 'birthDate', name: 'familyName' }, dates: { birthDate: 'DD.MM.YYYY' } }, warnings);
    expect(out).toEqual({ familyName: 'Jansen' });
    expect(warnings).toEqual([{ field: 'birthDate', code: 'PLACEHOLDER_DROPPED', message: `"${written}" is a placeholder for an unknown date: left out` }]);
  });

  it('still reads a real date with zeros in it', () => {
    expect(applyMapping({ born: '01.10.2000' }, { columns: { born: 'birthDate' }, dates: { birthDate: 'DD.MM.YYYY' } })).toEqual({ birthDate: '2000-10-01' });
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
