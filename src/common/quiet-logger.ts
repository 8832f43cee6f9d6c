import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { redactPii } from '../auth/pii/redact-pii';
import type { CanonConfig } from '../config/canon-config';

// Nest announces every module and route at start; useful when debugging Nest, noise for an operator.
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'GraphQLModule', 'NestApplication']);

/** Nest's console logger without the start-up chatter, and with emails and phone numbers masked. */
export class QuietLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context)) return;
    super.log(message, context);
  }

  protected override formatMessage(
    logLevel: LogLevel,
    message: unknown,
    pidMessage: string,
    formattedLogLevel: string,
    contextMessage: string,
    timestampDiff: string,
    params?: Record<string, unknown>,
  ): string {
    return redactPii(super.formatMessage(logLevel, message, pidMessage, formattedLogLevel, contextMessage, timestampDiff, params));
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? redactPii(stack) : stack);
  }
}

/** The logger for the configured level: none, errors only, or errors, warnings and notices. */
export function loggerFor(config: CanonConfig): QuietLogger | false {
  if (config.logLevel === 'silent') return false;
  return new QuietLogger({ logLevels: config.logLevel === 'error' ? ['error'] : ['log', 'warn', 'error'] });
}
