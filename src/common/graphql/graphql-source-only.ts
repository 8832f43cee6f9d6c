import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';

/**
 * Canon takes GraphQL documents as source text only. When a document does not parse, Mercurius tries it
 * as a JSON-encoded AST; a "document" such as `0`, `""` or `{}` then reached graphql-js's validator as a
 * non-document and failed with an internal error (500). A source that is JSON is refused before that, as
 * the syntax error it is (400). No GraphQL document is valid JSON, so nothing valid is turned away.
 */
export function acceptGraphQLSourceOnly(fastify: FastifyInstance): void {
  const graphql = (fastify as unknown as { graphql: { addHook(name: 'preParsing', hook: (schema: unknown, source: string) => Promise<void>): void } }).graphql;
  graphql.addHook('preParsing', async (_schema, source) => {
    if (isJson(source)) throw new GraphQLError('Syntax Error: the document is JSON, not GraphQL source text.');
  });
}

// What a JSON text can start with. A GraphQL document starts with a keyword or a selection set (`{`
// then a field name), so almost none gets as far as JSON.parse, whose thrown SyntaxError cost ~18 µs a
// request (9 % of the hub's CPU in bench:read).
const JSON_START = /^\s*(?:[["\-0-9]|\{\s*["}]|true|false|null)/;

export function isJson(source: string): boolean {
  if (!JSON_START.test(source)) return false;
  try {
    JSON.parse(source);
    return true;
  } catch {
    return false;
  }
}
