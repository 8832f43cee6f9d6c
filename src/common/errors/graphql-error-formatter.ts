import { HttpException } from '@nestjs/common';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { CanonError, type ErrorCategory } from './canon-error';

type FormattedError = GraphQLFormattedError & { extensions: Record<string, unknown> };

const HTTP_STATUS_CATEGORY: Record<number, ErrorCategory> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

/**
 * Turns every error of a GraphQL execution into `{ message, path, extensions: { code } }`: expected
 * errors keep their message and code; anything unexpected becomes INTERNAL_SERVER_ERROR with a generic
 * message (the details go to the log, never to the client).
 */
export function formatGraphQLErrors(
  execution: ExecutionResult,
  logUnexpected: (error: unknown) => void,
): { statusCode: number; response: FormattedExecutionResult } {
  const errors = (execution.errors ?? []).flatMap((error) => expandErrors(error)).map((e) => formatOne(e, logUnexpected));
  const hasData = execution.data !== undefined && execution.data !== null;
  return { statusCode: hasData ? 200 : statusFor(errors), response: { data: execution.data ?? null, errors } };
}

// Mercurius wraps all validation errors of a request into one error whose originalError lists them.
function expandErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(inner)) return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String(e?.message ?? e))));
  return [error];
}

function formatOne(error: GraphQLError, logUnexpected: (error: unknown) => void): FormattedError {
  const base = { message: error.message, locations: error.locations, path: error.path };
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    // An error in the document itself: it does not parse, or does not fit the schema.
    const code = error.extensions?.code ?? (error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED');
    return { ...base, extensions: { code } };
  }
  if (original instanceof CanonError) {
    return {
      ...base,
      extensions: { code: original.category, reason: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  if (original instanceof HttpException) {
    const category = HTTP_STATUS_CATEGORY[original.getStatus()];
    if (category) return { ...base, extensions: { code: category } };
  }
  logUnexpected(original);
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

// A document that does not parse or validate is a bad request; an error while executing a valid one
// is reported with 200, as GraphQL over HTTP asks for application/json.
function statusFor(errors: FormattedError[]): number {
  const codes = new Set(errors.map((e) => e.extensions.code));
  if (codes.has('UNAUTHENTICATED')) return 401;
  if (codes.has('GRAPHQL_VALIDATION_FAILED') || codes.has('GRAPHQL_PARSE_FAILED')) return 400;
  if (codes.has('INTERNAL_SERVER_ERROR')) return 500;
  return 200;
}
