import { AuthException, AuthExceptionCode } from './auth.exception';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './role';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** What every resolver receives as its GraphQL context. */
export interface GraphQLContext {
  readonly req: FastifyRequest;
  readonly reply?: FastifyReply;
}

export function principalOf(context: GraphQLContext): Principal {
  const principal = context.req.principal;
  // The auth hook rejects unauthenticated requests before GraphQL runs; should one slip past it, it is
  // still refused as unauthenticated, never served.
  if (!principal) throw new AuthException(AuthExceptionCode.MISSING_KEY, 'missing API key: send Authorization: Bearer <key>');
  return principal;
}
