import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './canon-config';
import { DEFAULT_GRAPHQL_LIMITS, graphqlLimits } from './graphql-limits';

describe('graphqlLimits', () => {
  const config = loadConfig({});

  it('has defaults for an empty environment', () => {
    expect(graphqlLimits(config, {})).toEqual(DEFAULT_GRAPHQL_LIMITS);
    expect(DEFAULT_GRAPHQL_LIMITS).toMatchObject({ maxBodyBytes: 1024 * 1024, rateLimit: 60_000, rateLimitWindowSeconds: 60 });
  });

  it('reads the environment, and the config set in code wins over it', () => {
    const env = { CANON_RATE_LIMIT: '100', CANON_RATE_LIMIT_WINDOW: '10', CANON_GRAPHQL_MAX_COST: '5000', CANON_GRAPHQL_MAX_DEPTH: '8' };
    expect(graphqlLimits(config, env)).toMatchObject({ rateLimit: 100, rateLimitWindowSeconds: 10, maxCost: 5000, maxDepth: 8 });
    expect(graphqlLimits({ ...config, graphqlLimits: { rateLimit: 3 } }, env)).toMatchObject({ rateLimit: 3, maxCost: 5000 });
    expect(graphqlLimits(config, { CANON_RATE_LIMIT: '0' }).rateLimit).toBe(0); // off
  });

  it('rejects a value that is not a whole number, naming the variable', () => {
    expect(() => graphqlLimits(config, { CANON_RATE_LIMIT: '10/s' })).toThrow(new ConfigError('CANON_RATE_LIMIT must be a whole number, got "10/s"'));
    expect(() => graphqlLimits(config, { CANON_RATE_LIMIT_WINDOW: '0' })).toThrow(ConfigError);
  });
});
