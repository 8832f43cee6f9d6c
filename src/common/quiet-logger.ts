import { ConsoleLogger } from '@nestjs/common';

// Nest announces every module and route at start; useful when debugging Nest, noise for an operator.
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'GraphQLModule', 'NestApplication']);

/** Nest's console logger without the start-up chatter. */
export class QuietLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}
