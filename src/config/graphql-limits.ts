import { ConfigError, type CanonConfig } from './canon-config';

/** What one GraphQL request may ask of the hub. Defaults below; see README, "GraphQL limits". */
export interface GraphQLLimits {
  /** Nested selections, introspection not counted. */
  readonly maxDepth: number;
  /** Every field costs 1 plus its children; a field with `first: n` costs n × that. */
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens of the document; parsing stops past it. */
  readonly maxTokens: number;
  /** Request body; larger is 413 before anything is parsed. */
  readonly maxBodyBytes: number;
  /** Requests per key per window (a token bucket per key and hub process); 0 turns the rate limit off. */
  readonly rateLimit: number;
  readonly rateLimitWindowSeconds: number;
  /** Requests with a missing or unknown key per client address per window; 0 turns it off. */
  readonly authFailureLimit: number;
}

// Room for every query the hub's own clients and tests send, with a margin: a page of 100 customers
// with all their fields, source records, provenance and 20 events of history each costs about 32,000
// and is 8 deep; a review task's candidate with its golden record's history is 11 deep; GraphiQL's
// introspection query has about 200 tokens. The rate limit allows 1,000 requests a second per key,
// sustained, and bursts of up to a minute's worth: it stops a runaway client, not a busy one.
export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxDepth: 15,
  maxCost: 100_000,
  maxAliases: 30,
  maxDirectives: 30,
  maxTokens: 10_000,
  maxBodyBytes: 1024 * 1024,
  rateLimit: 60_000,
  rateLimitWindowSeconds: 60,
  // Guessing a 256-bit key is hopeless anyway; this stops a flood of made-up keys, each a database lookup.
  authFailureLimit: 600,
};

const ENV: Partial<Record<keyof GraphQLLimits, string>> = {
  maxDepth: 'CANON_GRAPHQL_MAX_DEPTH',
  maxCost: 'CANON_GRAPHQL_MAX_COST',
  rateLimit: 'CANON_RATE_LIMIT',
  rateLimitWindowSeconds: 'CANON_RATE_LIMIT_WINDOW',
  authFailureLimit: 'CANON_AUTH_FAILURE_LIMIT',
};

/** The limits in force: the defaults, then the environment, then what the config sets in code (tests). */
export function graphqlLimits(config: CanonConfig, env: NodeJS.ProcessEnv = process.env): GraphQLLimits {
  const fromEnv: Partial<Record<keyof GraphQLLimits, number>> = {};
  for (const [field, name] of Object.entries(ENV) as [keyof GraphQLLimits, string][]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
    fromEnv[field] = Number(value);
  }
  const limits = { ...DEFAULT_GRAPHQL_LIMITS, ...fromEnv, ...config.graphqlLimits };
  if (limits.rateLimitWindowSeconds <= 0) throw new ConfigError('CANON_RATE_LIMIT_WINDOW must be at least 1 second');
  return limits;
}
