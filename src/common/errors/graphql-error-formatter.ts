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

// Errors about the request itself, raised before anything executes, and their HTTP status.
const REQUEST_ERROR_STATUS: Record<string, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

// Fastify and Mercurius refuse a malformed HTTP request (bad JSON, empty body, wrong media type, body
// too large, a mutation over GET) with a 4xx error of their own; it keeps its status.
const HTTP_CLIENT_ERROR_CODE: Record<number, string> = { 400: 'BAD_REQUEST', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

export interface ErrorFormatOptions {
  /** Production: drop graphql-js's "Did you mean …?" hints, which reveal the schema piece by piece. */
  readonly hideSuggestions?: boolean;
}

/**
 * Turns every error of a GraphQL execution into `{ message, path, extensions: { code } }`: expected
 * errors keep their message and code; anything unexpected becomes INTERNAL_SERVER_ERROR with a generic
 * message (the details go to the log, never to the client). A request refused before execution has no
 * `data` entry, as GraphQL over HTTP asks.
 */
export function formatGraphQLErrors(
  execution: ExecutionResult,
  logUnexpected: (error: unknown) => void,
  options: ErrorFormatOptions = {},
): { statusCode: number; response: FormattedExecutionResult } {
  const errors = (execution.errors ?? [])
    .flatMap((error) => expandErrors(error))
    .map((e) => formatOne(e, logUnexpected))
    .map((e) => (options.hideSuggestions ? { ...e, message: e.message.replace(/ ?Did you mean [^?]*\?/g, '') } : e));
  const hasData = execution.data !== undefined && execution.data !== null;
  const statusCode = hasData ? 200 : statusFor(errors);
  if (!hasData && errors.some((e) => Object.hasOwn(REQUEST_ERROR_STATUS, String(e.extensions.code)))) return { statusCode, response: { errors } };
  return { statusCode, response: { data: execution.data ?? null, errors } };
}

// Mercurius wraps all validation errors of a request into one error (status 400) whose originalError lists them.
function expandErrors(error: GraphQLError): GraphQLError[] {
  const original = error.originalError as { errors?: unknown; statusCode?: number } | undefined;
  const inner = original?.errors;
  if (original?.statusCode === 400 && Array.isArray(inner)) {
    return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String(e?.message ?? e))));
  }
  return [error];
}

function formatOne(error: GraphQLError, logUnexpected: (error: unknown) => void): FormattedError {
  const base = { message: error.message, locations: error.locations, path: error.path };
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    // An error in the document itself: it does not parse, or does not fit the schema.
    const tokens = /^Syntax Error: Document contains more that (\d+) tokens/.exec(error.message); // graphql-js's wording at its maxTokens
    if (tokens) return { ...base, message: `Token limit of ${tokens[1]} exceeded: parsing stopped there.`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
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
  const httpCode = httpClientErrorCode(original);
  if (httpCode) {
    // Mercurius's 405 says only "Method not allowed"; the reason is in its inner error.
    const inner = (original as { errors?: { message?: string }[] }).errors?.[0]?.message;
    return { ...base, message: inner ?? original.message, extensions: { code: httpCode } };
  }
  logUnexpected(original);
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function httpClientErrorCode(error: Error): string | undefined {
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof code !== 'string' || !/^(FST_|MER_ERR_)/.test(code) || typeof statusCode !== 'number') return undefined;
  return HTTP_CLIENT_ERROR_CODE[statusCode] ?? (statusCode >= 400 && statusCode < 500 ? 'BAD_REQUEST' : undefined);
}

// A request that is malformed, or whose document does not parse or validate, is a client error (4xx);
// an error while executing a valid one is reported with 200, as GraphQL over HTTP asks for application/json.
function statusFor(errors: FormattedError[]): number {
  const codes = new Set(errors.map((e) => String(e.extensions.code)));
  if (codes.has('UNAUTHENTICATED')) return 401;
  for (const code of codes) if (Object.hasOwn(REQUEST_ERROR_STATUS, code)) return REQUEST_ERROR_STATUS[code];
  if (codes.has('INTERNAL_SERVER_ERROR')) return 500;
  return 200;
}
