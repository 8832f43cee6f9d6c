import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** ISO 8601 timestamps. The hub stores them as UTC ISO strings, so strings pass through; Dates are converted. */
export const GraphQLDateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time string in UTC, such as 2024-05-01T09:54:33.000Z (ISO 8601).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): string {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 date-time string');
  return date.toISOString();
}
