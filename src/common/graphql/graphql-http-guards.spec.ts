import { describe, expect, it } from 'vitest';
import { bracketNesting } from './graphql-http-guards';

describe('bracketNesting', () => {
  it('counts the deepest (), [] and {} of a document', () => {
    expect(bracketNesting('{ customers(first: 1) { edges { node { id } } } }', 100)).toBe(4);
    expect(bracketNesting(`mutation { ingestCustomers(source: "a", records: [${'['.repeat(50)}${']'.repeat(50)}]) { summary { received } } }`, 100)).toBe(53);
  });

  it('ignores brackets in strings, block strings and comments', () => {
    expect(bracketNesting('{ searchCustomers(query: "((((\\"[[[[") { score { x } } } # {{{{{', 100)).toBe(3);
    expect(bracketNesting('{ a(q: """ {{{{ "quoted" ]]]] """) }', 100)).toBe(2);
  });

  it('stops counting once past the limit, so a huge document costs little', () => {
    expect(bracketNesting('['.repeat(1_000_000), 100)).toBe(101);
  });
});
