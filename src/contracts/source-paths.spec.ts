import { describe, expect, it } from 'vitest';
import { addPaths, closestPath, escapeKey, parsePath, sourceTree, valueAt, walkRecord, type SourceTrace, type SourceUse } from './source-paths';

describe('parsePath', () => {
  it.each([
    ['email', ['email']],
    ['shipping_address.street', ['shipping_address', 'street']],
    ['phones.0.number', ['phones', '0', 'number']],
    ['meta.utm\\.source', ['meta', 'utm.source']],
    ['a\\\\.b', ['a\\', 'b']],
    ['C:\\tmp', ['C:\\tmp']], // a backslash before anything else is itself
    ['Kd.-Nr.', ['Kd', '-Nr', '']],
    ['phones[type=mobile].number', ['phones', '[type=mobile]', 'number']],
    ['phones.[type=mobile].number', ['phones', '[type=mobile]', 'number']],
    ['contact.emails[kind=work]', ['contact', 'emails', '[kind=work]']],
    ['links[url=a.b/c].id', ['links', '[url=a.b/c]', 'id']], // a dot inside a selector is the value's
    ['notes[1]', ['notes[1]']], // no "=": a bracket like any other character
    ['a\\[type=x]', ['a[type=x]']],
  ])('reads %s', (name, segments) => {
    expect(parsePath(name)).toEqual(segments);
  });

  it('is undone by escapeKey', () => {
    for (const key of ['plain', 'utm.source', 'a\\b', 'x.\\.y', 'tags[kind=a]']) expect(parsePath(['top', key].map(escapeKey).join('.'))).toEqual(['top', key]);
  });
});

describe('valueAt', () => {
  const order = {
    id: 'o-1',
    customer: { first: 'Ann', email: 'ann@example.com' },
    phones: [{ type: 'mobile', number: '0400 000 000' }, { type: 'home', number: '02 9999 9999' }],
    meta: { 'utm.source': 'mail' },
    'flat.key': 'flat',
  };

  it('follows a path into objects and arrays', () => {
    expect(valueAt(order, 'customer.email')).toBe('ann@example.com');
    expect(valueAt(order, 'phones.1.number')).toBe('02 9999 9999');
    expect(valueAt(order, 'meta.utm\\.source')).toBe('mail');
  });

  it('picks the first array item a selector matches, without regard to case or spaces', () => {
    expect(valueAt(order, 'phones[type=home].number')).toBe('02 9999 9999');
    expect(valueAt(order, 'phones[type= Mobile ].number')).toBe('0400 000 000');
    expect(valueAt({ phones: [{ type: 'home', n: 1 }, { type: 'home', n: 2 }] }, 'phones[type=home].n')).toBe(1);
    expect(valueAt(order, 'phones[type=work].number')).toBeUndefined();
    expect(valueAt(order, 'customer[first=Ann].email')).toBeUndefined(); // a selector reads arrays only
    expect(valueAt({ phones: [{ primary: true, n: 1 }] }, 'phones[primary=true].n')).toBe(1);
  });

  it('takes a key of the record as written before a path', () => {
    expect(valueAt(order, 'flat.key')).toBe('flat');
    expect(valueAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
  });

  it('is undefined where the record has nothing, and never reads what JSON did not write', () => {
    expect(valueAt(order, 'customer.phone')).toBeUndefined();
    expect(valueAt(order, 'phones.2.number')).toBeUndefined();
    expect(valueAt(order, 'id.length')).toBeUndefined(); // into a string
    expect(valueAt(order, 'phones.length')).toBeUndefined();
    expect(valueAt(order, 'phones.01.number')).toBeUndefined();
    expect(valueAt(order, 'customer.constructor')).toBeUndefined();
  });
});

describe('walkRecord', () => {
  const uses = (columns: Record<string, string | null>, reads: string[] = []): [string, SourceUse][] => [
    ...Object.entries(columns).map(([name, rename]): [string, SourceUse] => [name, { rename }]),
    ...reads.map((name): [string, SourceUse] => [name, { read: true }]),
  ];
  const walked = (record: Record<string, unknown>, columns: Record<string, string | null>, reads: string[] = [], trace?: SourceTrace) => {
    const out: Record<string, unknown> = {};
    walkRecord(record, sourceTree(uses(columns, reads)), out, trace);
    return out;
  };

  it('renames nested values and passes the rest through under their path, so the contract reports them', () => {
    const record = { id: 'o-1', customer: { first: 'Ann', email: 'ann@example.com', vip: true }, shipping_address: { city: 'Perth' } };
    expect(walked(record, { id: 'sourceId', 'customer.first': 'givenName', 'customer.email': 'email' })).toEqual({
      sourceId: 'o-1',
      givenName: 'Ann',
      email: 'ann@example.com',
      'customer.vip': true,
      shipping_address: { city: 'Perth' }, // not entered at all: it keeps its name, as a flat key does
    });
  });

  it('names what is left in an array by its index, and escapes a dot in a key', () => {
    const record = { phones: [{ type: 'mobile', number: '1' }, { type: 'home', number: '2' }], meta: { 'utm.source': 'mail', id: 7 } };
    expect(walked(record, { 'phones.0.number': 'phone', 'meta.id': null })).toEqual({ phone: '1', 'phones.0.type': 'mobile', 'phones.1': { type: 'home', number: '2' }, 'meta.utm\\.source': 'mail' });
  });

  it('maps array items picked by a selector, and names the items no selector picked by their index', () => {
    const record = { phones: [{ type: 'home', number: '2' }, { type: 'Mobile', number: '1' }, { type: 'fax', number: '3' }] };
    expect(walked(record, { 'phones[type=mobile].number': 'phone', 'phones[type=mobile].type': null })).toEqual({ phone: '1', 'phones.0': { type: 'home', number: '2' }, 'phones.2': { type: 'fax', number: '3' } });
    expect(walked(record, { phones: null, 'phones[type=mobile].number': 'phone' })).toEqual({ phone: '1' });
    // an item reached by its index and by a selector gives to both
    expect(walked(record, { phones: null, 'phones.1.number': 'phone', 'phones[type=mobile].number': 'mobile' })).toEqual({ phone: '1', mobile: '1' });
    // no item matches: nothing mapped, the items stay visible
    expect(walked({ phones: [{ type: 'home', number: '2' }] }, { 'phones[type=mobile].number': 'phone' })).toEqual({ 'phones.0': { type: 'home', number: '2' } });
  });

  it('notes a selector name as seen only when an item matched it', () => {
    const trace: SourceTrace = { seen: new Set() };
    walked({ phones: [{ type: 'home', number: '2' }] }, { phones: null, 'phones[type=mobile].number': 'phone', 'phones[type=home].number': 'landline' }, [], trace);
    expect([...trace.seen].sort()).toEqual(['phones', 'phones[type=home].number']);
  });

  it('drops what is left under a dropped name, and keeps the names under it that the mapping takes', () => {
    const record = { phones: [{ type: 'mobile', number: '1' }, { type: 'home', number: '2' }], customer: { email: 'a@b.c', notes: 'x' } };
    expect(walked(record, { phones: null, 'phones.0.number': 'phone', customer: null, 'customer.email': 'email' })).toEqual({ phone: '1', email: 'a@b.c' });
  });

  it('takes what is left under a renamed or read name with it', () => {
    expect(walked({ a: { b: 1, c: 2 } }, { a: 'x', 'a.b': 'y' })).toEqual({ x: { b: 1, c: 2 }, y: 1 });
    expect(walked({ a: { b: 1, c: 2 } }, {}, ['a'])).toEqual({});
  });

  it('passes a value through where the mapping expected an object', () => {
    expect(walked({ customer: 'Ann' }, { 'customer.first': 'givenName' })).toEqual({ customer: 'Ann' });
  });

  it('reads a dotted key as written, at the top of the record', () => {
    expect(walked({ 'Kd.-Nr.': 'K1', 'Str.': 'Hauptstr. 1' }, { 'Kd.-Nr.': 'sourceId', 'Str.': 'addressLine1' })).toEqual({ sourceId: 'K1', addressLine1: 'Hauptstr. 1' });
  });

  it('maps a flat record as before: renamed, dropped, read, and passed through', () => {
    expect(walked({ id: '1', x: 'drop', first: 'Ann', last: 'Lee', city: 'Perth' }, { id: 'sourceId', x: null, first: 'givenName' }, ['first', 'last'])).toEqual({
      sourceId: '1',
      givenName: 'Ann',
      city: 'Perth',
    });
  });

  it('notes the source names a record has, present even when null', () => {
    const trace: SourceTrace = { seen: new Set() };
    walked({ customer: { email: null }, phones: [] }, { 'customer.email': 'email', 'customer.emial': 'email', 'phones.0.number': 'phone' }, ['customer.first'], trace);
    expect([...trace.seen]).toEqual(['customer.email']);
  });
});

describe('addPaths', () => {
  it('lists every path of a record, up to a limit', () => {
    const paths = new Set<string>();
    addPaths({ id: 1, customer: { email: 'e', 'a.b': 1 }, phones: [{ number: '1' }] }, paths, 100);
    expect([...paths]).toEqual(['id', 'customer', 'customer.email', 'customer.a\\.b', 'phones', 'phones.0', 'phones.0.number']);
    const few = new Set<string>();
    addPaths({ a: { b: 1, c: 2 }, d: 3 }, few, 2);
    expect([...few]).toEqual(['a', 'a.b']);
  });
});

describe('closestPath', () => {
  const paths = ['id', 'customer', 'customer.email', 'customer.first', 'shipping_address', 'shipping_address.street', 'phones.0.number'];

  it.each([
    ['customer.emial', 'customer.email'],
    ['custmer.email', 'customer.email'],
    ['Customer.Email', 'customer.email'],
    ['phones.0.nmber', 'phones.0.number'],
    ['shipping_adress.street', 'shipping_address.street'],
    ['shipping_address.number', null],
    ['customer.email.address', null], // deeper than any path
    ['zip', null],
  ])('guesses %s as %s', (name, guess) => {
    expect(closestPath(name, paths)).toBe(guess);
  });
});
