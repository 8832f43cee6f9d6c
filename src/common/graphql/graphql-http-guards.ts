import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLLimits } from '../../config/graphql-limits';
import { isJson } from './graphql-source-only';
import { RateLimiter } from './rate-limiter';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * HTTP-level protection of the GraphQL endpoint, before Mercurius sees a request: the rate limit per
 * API key (429), the body size (413 from Content-Length, before the body is read), the shape of the
 * request (one operation as a JSON object; a batch is 400). And the response media type: GraphQL over
 * HTTP's application/graphql-response+json when the client asks for it. A document is refused before
 * Mercurius parses it when it is too deeply nested or is JSON (see graphql-source-only.ts). Register after the auth hook,
 * which sets the principal the rate limit counts against.
 */
export function registerGraphQLHttpGuards(fastify: FastifyInstance, limits: GraphQLLimits, path = '/graphql'): void {
  const isGraphQL = (request: FastifyRequest) => request.routeOptions.url === path;
  const limiter = limits.rateLimit > 0 ? new RateLimiter(limits.rateLimit, limits.rateLimitWindowSeconds) : null;

  fastify.addHook('onRequest', async (request, reply) => {
    if (!isGraphQL(request)) return;
    const waitMs = limiter && request.principal ? limiter.take(request.principal.keyId) : 0;
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      reply.header('retry-after', String(seconds));
      const message = `Rate limit of ${limits.rateLimit} requests per ${limits.rateLimitWindowSeconds} s exceeded for this API key; retry in ${seconds} s.`;
      return sendRequestError(reply, 429, 'RATE_LIMITED', message);
    }
    const length = Number(request.headers['content-length']);
    if (length > limits.maxBodyBytes) {
      // Closing the connection saves reading a body nobody will parse.
      reply.header('connection', 'close');
      return sendRequestError(reply, 413, 'PAYLOAD_TOO_LARGE', `Request body too large: ${length} bytes, the limit is ${limits.maxBodyBytes} bytes.`);
    }
  });

  fastify.addHook('preValidation', async (request, reply) => {
    if (!isGraphQL(request)) return;
    const problem = request.method === 'GET' ? getRequestProblem(request.query) : postRequestProblem(request.body);
    if (problem) return sendRequestError(reply, 400, 'BAD_REQUEST', problem);
    // GraphQL over HTTP allows "extensions": null; Mercurius would reject it, so it is dropped here.
    const body = request.body as { extensions?: unknown };
    if (request.method !== 'GET' && body.extensions === null) delete body.extensions;
    const query = ((request.method === 'GET' ? request.query : request.body) as { query: string }).query;
    if (isJson(query)) return sendRequestError(reply, 400, 'GRAPHQL_PARSE_FAILED', 'Syntax Error: the document is JSON, not GraphQL source text.');
    const nesting = bracketNesting(query, MAX_NESTING);
    if (nesting > MAX_NESTING) {
      return sendRequestError(reply, 400, 'GRAPHQL_PARSE_FAILED', `The document nests brackets more than ${MAX_NESTING} deep; no query needs that.`);
    }
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (isGraphQL(request) && prefersGraphQLResponse(request.headers.accept) && String(reply.getHeader('content-type')).startsWith('application/json')) {
      reply.header('content-type', `${GRAPHQL_RESPONSE}; charset=utf-8`);
    }
    return payload;
  });
}

// The parser recurses once per bracket: thousands of them would run its stack out before the depth
// limit (counted on the parsed document) could refuse them. No real query comes near this.
const MAX_NESTING = 100;

/** The deepest nesting of (), [] and {} outside strings and comments, counting stops past `stopAbove`. */
export function bracketNesting(document: string, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < document.length; i++) {
    const c = document[i];
    if (c === '#') {
      while (i < document.length && document[i] !== '\n') i++;
    } else if (c === '"') {
      const block = document.startsWith('"""', i);
      const close = block ? document.indexOf('"""', i + 3) : findStringEnd(document, i + 1);
      if (close < 0) return deepest;
      i = block ? close + 2 : close;
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
      if (deepest > stopAbove) return deepest;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return deepest;
}

function findStringEnd(document: string, from: number): number {
  for (let i = from; i < document.length; i++) {
    if (document[i] === '\\') i++;
    else if (document[i] === '"') return i;
    else if (document[i] === '\n') return i;
  }
  return -1;
}

function postRequestProblem(body: unknown): string | undefined {
  if (Array.isArray(body)) return 'Batched requests are not supported: send one operation per request, as a JSON object, not an array.';
  if (!isObject(body)) return 'The request body must be a JSON object with a "query" string.';
  const { query, operationName, variables, extensions } = body;
  if (typeof query !== 'string') return '"query" must be a string holding the GraphQL document.';
  if (operationName != null && typeof operationName !== 'string') return '"operationName" must be a string or null.';
  if (variables != null && !isObject(variables)) return '"variables" must be an object or null.';
  if (extensions != null && !isObject(extensions)) return '"extensions" must be an object or null.';
  return undefined;
}

function getRequestProblem(query: unknown): string | undefined {
  return isObject(query) && typeof query.query === 'string' ? undefined : 'A GET request needs a "query" parameter holding the GraphQL document.';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A refusal in the shape of a GraphQL response: no data, one error with a code. */
function sendRequestError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Whether the Accept header ranks application/graphql-response+json above application/json (by q, then order). */
function prefersGraphQLResponse(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { type, q: Number.isNaN(q) ? 0 : q, index };
    })
    .filter((m) => (m.type === GRAPHQL_RESPONSE || m.type === 'application/json') && m.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.type === GRAPHQL_RESPONSE;
}
