import { ConsoleLogger } from '@nestjs/common';
import type { CanonConfig } from '../config/canon-config';

// Nest announces every module and route at start; useful when debugging Nest, noise for an operator.
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'GraphQLModule', 'NestApplication']);

/** Nest's console logger without the start-up chatter. */
export class QuietLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}

/** The logger for the configured level: none, errors only, or errors, warnings and notices. */
export function loggerFor(config: CanonConfig): QuietLogger | false {
  if (config.logLevel === 'silent') return false;
  return new QuietLogger({ logLevels: config.logLevel === 'error' ? ['error'] : ['log', 'warn', 'error'] });
}
