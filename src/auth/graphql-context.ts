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
  // The auth hook rejects unauthenticated requests before GraphQL runs; reaching here without one is a bug.
  if (!principal) throw new Error('GraphQL request without an authenticated principal');
  return principal;
}
