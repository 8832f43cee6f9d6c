import { Client } from 'pg';

// PostgreSQL's "invalid_catalog_name" (no such database) and "duplicate_database".
const NO_SUCH_DATABASE = '3D000';
const DATABASE_EXISTS = '42P04';

/** Whether an error says the database a connection asked for does not exist. */
export function isMissingDatabase(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === NO_SUCH_DATABASE;
}

/**
 * Creates the database a postgres:// URL names, connecting to the server's `postgres` database as the
 * same user: DATABASE_URL=postgres://…/canon then starts on an empty server as `sqlite:` starts on a
 * missing file. A user without CREATEDB gets an error that says what to do.
 */
export async function createMissingDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    if ((error as { code?: unknown }).code === DATABASE_EXISTS) return; // another hub created it first
    throw new Error(`database "${name}" does not exist and could not be created (${(error as Error).message}): create it first, e.g. createdb ${name}`);
  } finally {
    await client.end();
  }
}
