import { isAbsolute, resolve } from 'node:path';
import type { GraphQLLimits } from './graphql-limits';

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string }
  | { readonly type: 'postgres'; readonly url: string };

export interface CanonConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Trained matching rules (`<entity>.rules.json`); entity types without a file here use the shipped defaults. */
  readonly rulesDir: string;
  readonly bootstrapAdminKey?: string;
  readonly production: boolean;
  readonly logLevel: 'silent' | 'error' | 'info';
  /** Overrides of the GraphQL limits and rate limit (tests set them here; see graphql-limits.ts for the environment). */
  readonly graphqlLimits?: Partial<GraphQLLimits>;
}

export class ConfigError extends Error {}

/** Reads and validates the hub's configuration from the environment; throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CanonConfig {
  const dataDir = resolve(env.CANON_DATA_DIR || './data');
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    dataDir,
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    rulesDir: resolve(env.CANON_RULES_DIR || resolve(dataDir, 'rules')),
    bootstrapAdminKey: parseBootstrapKey(env.CANON_BOOTSTRAP_ADMIN_KEY),
    production: env.NODE_ENV === 'production',
    logLevel: parseLogLevel(env.CANON_LOG_LEVEL),
  };
}

/** `sqlite:PATH` (relative to the working directory, `:memory:` allowed) or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: resolve(dataDir, 'canon.sqlite') };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/canon.sqlite');
    return { type: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres:// (got a value of another scheme)');
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`PORT must be an integer 0-65535, got "${value}"`);
  return port;
}

// The bootstrap key is the admin's password and is stored as an unsalted hash: it must be long enough
// that guessing it is hopeless (a generated key has 43 characters).
const MIN_BOOTSTRAP_KEY_LENGTH = 24;

function parseBootstrapKey(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_BOOTSTRAP_KEY_LENGTH || /\s/.test(value)) {
    throw new ConfigError(
      `CANON_BOOTSTRAP_ADMIN_KEY must be at least ${MIN_BOOTSTRAP_KEY_LENGTH} characters without spaces (e.g. the output of openssl rand -base64 32)`,
    );
  }
  return value;
}

function parseLogLevel(value: string | undefined): CanonConfig['logLevel'] {
  if (value === undefined || value === '') return 'info';
  if (value === 'silent' || value === 'error' || value === 'info') return value;
  throw new ConfigError(`CANON_LOG_LEVEL must be silent, error or info, got "${value}"`);
}

/** Nest injection token for the loaded config. */
export const CANON_CONFIG = Symbol('CANON_CONFIG');
