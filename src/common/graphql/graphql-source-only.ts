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

function isJson(source: string): boolean {
  try {
    JSON.parse(source);
    return true;
  } catch {
    return false;
  }
}
