import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertQueryCost, queryCost } from './query-cost';

const schema = buildSchema(`
  type Item { id: ID, child: Item, children(first: Int! = 5): [Item!]! }
  type Query { item(id: ID): Item, items(first: Int! = 20): [Item!]! }
`);

describe('queryCost', () => {
  it('counts 1 per field plus its children, times `first` for a page (its default when not given)', () => {
    expect(queryCost(schema, parse('{ item { id child { id } } }'))).toBe(4);
    expect(queryCost(schema, parse('{ items(first: 3) { id } }'))).toBe(6); // 3 × (1 + 1)
    expect(queryCost(schema, parse('{ items(first: 3) { children { id } } }'))).toBe(3 * (1 + 5 * (1 + 1)));
    expect(queryCost(schema, parse('{ items { id } }'))).toBe(40);
  });
});

describe('assertQueryCost', () => {
  it('takes `first` from the variables of each request, although the document is the same object', () => {
    const document = parse('query($n: Int!) { items(first: $n) { id } }');
    expect(() => assertQueryCost(10, schema, document, { n: 5 })).not.toThrow(); // 10
    expect(() => assertQueryCost(10, schema, document, { n: 6 })).toThrow('Query cost limit of 10 exceeded, found 12.');
    expect(() => assertQueryCost(10, schema, document, { n: 5 })).not.toThrow();
  });

  it('takes @include and @skip conditions from the variables too', () => {
    const document = parse('query($all: Boolean!) { items(first: 2) { id children @include(if: $all) { id } } }');
    expect(() => assertQueryCost(10, schema, document, { all: false })).not.toThrow(); // 2 × (1 + 1)
    expect(() => assertQueryCost(10, schema, document, { all: true })).toThrow('found 24'); // 2 × (1 + 1 + 5 × (1 + 1));
  });

  it('costs the operation that runs, by name', () => {
    const document = parse('query Small { item { id } } query Big { items(first: 100) { id } }');
    expect(() => assertQueryCost(10, schema, document, {}, 'Small')).not.toThrow();
    expect(() => assertQueryCost(10, schema, document, {}, 'Big')).toThrow('found 200');
  });

  it('refuses a fragment bomb without expanding it all', () => {
    const depth = 16;
    const fragments = Array.from({ length: depth }, (_, i) =>
      i + 1 < depth ? `fragment F${i} on Item { a: child { ...F${i + 1} } b: child { ...F${i + 1} } }` : `fragment F${i} on Item { id }`,
    );
    const document = parse(`{ item { ...F0 } } ${fragments.join(' ')}`);
    expect(() => assertQueryCost(100_000, schema, document)).toThrow('more than 10,000 fields once fragments are expanded');
  });
});
