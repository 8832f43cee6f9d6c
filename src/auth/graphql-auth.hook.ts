import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiter } from '../common/graphql/rate-limiter';
import type { ApiKeyService } from './api-key.service';

/**
 * Authenticates every request to the GraphQL endpoint before GraphQL parses it: a missing, unknown or
 * revoked key is answered 401 with a GraphQL-shaped error and nothing runs. `failures` counts those per
 * client address: past its limit, only keys this process already knows are looked at (429 for the rest),
 * so a flood of made-up keys costs no database lookups and locks out no real key.
 */
export function registerGraphQLAuth(fastify: FastifyInstance, apiKeys: ApiKeyService, failures: RateLimiter | null, path = '/graphql'): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // The route fastify matched, not the raw URL: `/%67raphql` and `/graphql#x` route to GraphQL too.
    if (request.routeOptions.url !== path) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const known = match ? apiKeys.knownPrincipal(match[1]) : null;
    if (known) {
      request.principal = known;
      return;
    }
    const waitMs = failures?.waitFor(request.ip) ?? 0;
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      const message = `Too many requests without a valid API key from this address; retry in ${seconds} s.`;
      return send(reply.header('retry-after', String(seconds)), 429, message, 'RATE_LIMITED');
    }
    const principal = match ? await apiKeys.authenticate(match[1]) : null;
    if (principal) {
      request.principal = principal;
      return;
    }
    failures?.take(request.ip);
    const message = match ? 'the API key is unknown, revoked or expired' : 'missing API key: send Authorization: Bearer <key>';
    return send(reply.header('www-authenticate', 'Bearer'), 401, message, 'UNAUTHENTICATED');
  });
}

function send(reply: FastifyReply, status: number, message: string, code: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ data: null, errors: [{ message, extensions: { code } }] }));
}
