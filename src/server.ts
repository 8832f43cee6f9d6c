import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ApiKeyService } from './auth/api-key.service';
import { registerGraphQLAuth } from './auth/graphql-auth.hook';
import type { CanonConfig } from './config/canon-config';
import { graphqlLimits } from './config/graphql-limits';
import { registerGraphQLHttpGuards } from './common/graphql/graphql-http-guards';
import { RateLimiter } from './common/graphql/rate-limiter';
import { loggerFor } from './common/quiet-logger';

export interface RunningServer {
  readonly app: NestFastifyApplication;
  readonly url: string;
  /** Set when this start created the hub's first admin key (an empty database and no bootstrap key). */
  readonly firstAdminKey: string | null;
}

/** Builds the hub, seeds the admin key, and listens on the configured port. */
export async function startServer(config: CanonConfig): Promise<RunningServer> {
  const limits = graphqlLimits(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter({ bodyLimit: limits.maxBodyBytes }), {
    logger: loggerFor(config),
    abortOnError: false,
    // Fastify's own JSON parser: Nest's wrapper builds a parser per request (≈5 µs of a ~150 µs read).
    // Nor does it add a form parser: GraphQL takes JSON, so a form body is answered 415 unread.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const apiKeys = app.get(ApiKeyService);
  const authFailures = limits.authFailureLimit > 0 ? new RateLimiter(limits.authFailureLimit, limits.rateLimitWindowSeconds) : null;
  registerGraphQLAuth(fastify, apiKeys, authFailures);
  registerGraphQLHttpGuards(fastify, limits);
  app.enableShutdownHooks();
  await app.init();

  let firstAdminKey: string | null = null;
  if (config.bootstrapAdminKey) await apiKeys.ensureKey(config.bootstrapAdminKey, 'admin', 'bootstrap-admin');
  else firstAdminKey = await apiKeys.createFirstAdminKey();

  await app.listen({ port: config.port, host: config.host });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const allInterfaces = config.host === '0.0.0.0' || config.host === '::';
  // The log names the address actually bound; the returned URL is one a local client can connect to.
  const bound = `http://${urlHost(config.host)}:${port}`;
  new Logger('Canon').log(`listening on ${bound}/graphql (${allInterfaces ? 'all interfaces; ' : ''}${config.database.type})`);
  return { app, url: allInterfaces ? `http://127.0.0.1:${port}` : bound, firstAdminKey };
}

/** A host as written in a URL: an IPv6 address goes in brackets. */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
