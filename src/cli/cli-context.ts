import { userInfo } from 'node:os';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ServicesModule } from '../services.module';
import { loadConfig } from '../config/canon-config';
import { loggerFor } from '../common/quiet-logger';

/** Boots the hub's services without HTTP (storage from DATABASE_URL, migrated), runs `work`, and shuts down. */
export async function withServices<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = { ...loadConfig(), logLevel: 'error' as const };
  const app = await NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: loggerFor(config), abortOnError: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** Who the audit log names for a command: `cli:<OS user>`, or `cli` where the user has no name (some containers). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
