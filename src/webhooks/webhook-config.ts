import { ConfigError } from '../config/canon-config';
import { parseAllowlist } from './ssrf-guard';

/** Svix's schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (seconds before each attempt). */
export const DEFAULT_RETRY_SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];
const FIVE_DAYS_SECONDS = 5 * 24 * 3600;

export interface WebhookSettings {
  /** Seconds to wait before each attempt; its length is the number of attempts. */
  readonly retrySchedule: readonly number[];
  /** CANON_WEBHOOK_ALLOW: CIDRs and host names that may be private (internal receivers). */
  readonly allow: readonly string[];
  /** An endpoint failing without a success for this long is disabled. */
  readonly disableAfterSeconds: number;
  /** CANON_SECRET_KEY: encrypts webhook secrets at rest; generated into the data directory when unset. */
  readonly secretKey: string | undefined;
  readonly production: boolean;
  /** How long a dispatcher holds a claimed delivery; a crashed one's deliveries go again after it. */
  readonly leaseSeconds: number;
  /** CANON_WEBHOOK_DISPATCH=off: this process writes the outbox but leaves sending to other hub processes. */
  readonly dispatch: boolean;
  /** CANON_WEBHOOK_TIMEOUT: seconds an endpoint has to answer (15). */
  readonly timeoutSeconds: number;
}

/** Reads the webhook settings from the environment; a ConfigError names the variable at fault. */
export function webhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return {
    retrySchedule: parseSchedule(env.CANON_WEBHOOK_RETRY_SCHEDULE),
    allow: parseAllowlistVariable(env.CANON_WEBHOOK_ALLOW),
    disableAfterSeconds: parseSeconds('CANON_WEBHOOK_DISABLE_AFTER', env.CANON_WEBHOOK_DISABLE_AFTER, FIVE_DAYS_SECONDS),
    secretKey: env.CANON_SECRET_KEY || undefined,
    production: env.NODE_ENV === 'production',
    leaseSeconds: parseSeconds('CANON_WEBHOOK_LEASE', env.CANON_WEBHOOK_LEASE, 60),
    dispatch: parseSwitch(env.CANON_WEBHOOK_DISPATCH),
    timeoutSeconds: parseSeconds('CANON_WEBHOOK_TIMEOUT', env.CANON_WEBHOOK_TIMEOUT, 15),
  };
}

function parseSchedule(value: string | undefined): number[] {
  if (!value) return DEFAULT_RETRY_SCHEDULE;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) {
    throw new ConfigError(`CANON_WEBHOOK_RETRY_SCHEDULE must be seconds separated by commas (e.g. 0,5,300), got "${value}"`);
  }
  return parts.map(Number);
}

function parseSeconds(name: string, value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number of seconds, got "${value}"`);
  return Number(value);
}

function parseSwitch(value: string | undefined): boolean {
  if (!value || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`CANON_WEBHOOK_DISPATCH must be on or off, got "${value}"`);
}

function parseAllowlistVariable(value: string | undefined): string[] {
  try {
    return parseAllowlist(value);
  } catch (error) {
    throw new ConfigError(`CANON_WEBHOOK_ALLOW: ${(error as Error).message}`);
  }
}
