import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyService } from './api-key.service';

/**
 * Authenticates every request to the GraphQL endpoint before GraphQL parses it: a missing, unknown or
 * revoked key is answered 401 with a GraphQL-shaped error and nothing runs.
 */
export function registerGraphQLAuth(fastify: FastifyInstance, apiKeys: ApiKeyService, path = '/graphql'): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // The route fastify matched, not the raw URL: `/%67raphql` and `/graphql#x` route to GraphQL too.
    if (request.routeOptions.url !== path) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const principal = match ? await apiKeys.authenticate(match[1]) : null;
    if (principal) {
      request.principal = principal;
      return;
    }
    const message = match ? 'the API key is unknown, revoked or expired' : 'missing API key: send Authorization: Bearer <key>';
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }));
  });
}
