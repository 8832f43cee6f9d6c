import { describe, expect, it } from 'vitest';
import { isJson } from './graphql-source-only';

describe('isJson (a GraphQL source that is JSON is refused)', () => {
  it('is true for every kind of JSON text, whitespace around it', () => {
    for (const source of ['0', '-1.5e3', '""', '"query { a }"', '{}', ' { "query": "{ a }" } ', '[]', '[1, "a"]', 'true', 'false', 'null', '\n\t{}\r\n']) {
      expect(isJson(source), source).toBe(true);
    }
  });

  it('is false for GraphQL documents, whichever way they start', () => {
    const documents = ['{ customers(first: 1) { edges { node { id } } } }', '{customer(id: "1"){id}}', 'query Q { a }', 'mutation { b }', 'fragment F on Customer { id }', '  \n { a }', '"""doc""" type T { a: Int }'];
    for (const source of documents) expect(isJson(source), source).toBe(false);
  });

  it('is false for what only starts like JSON', () => {
    for (const source of ['{ "a" ', '[1,', 'nul', 'trueish', '-', '"unterminated']) expect(isJson(source), source).toBe(false);
  });
});
