import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../config/canon-config';

/** A throwaway database for tests, benchmarks and tooling, removed again by `drop()`. */
export interface ScratchDatabase {
  readonly config: DatabaseConfig;
  /** The DATABASE_URL that points at it (for child processes). */
  readonly url: string;
  drop(): Promise<void>;
}

/** Where scratch PostgreSQL databases are created: CANON_TEST_PG_URL, else the local server. */
export function adminPostgresUrl(): string {
  return process.env.CANON_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function createScratchDatabase(dialect: 'sqlite' | 'postgres'): Promise<ScratchDatabase> {
  return dialect === 'sqlite' ? createScratchSqlite() : createScratchPostgres();
}

function createScratchSqlite(): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'canon-'));
  const path = join(dir, 'canon.sqlite');
  return {
    config: { type: 'sqlite', path },
    url: `sqlite:${path}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Creates a database with a random name on the admin server; `drop()` terminates its sessions and drops it. */
async function createScratchPostgres(): Promise<ScratchDatabase> {
  const admin = new URL(adminPostgresUrl());
  const name = `canon_scratch_${randomBytes(6).toString('hex')}`;
  await withAdminClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { type: 'postgres', url: url.toString() },
    url: url.toString(),
    drop: () => dropDatabase(name),
  };
}

/** Drops a database of the admin server, ending its sessions. */
export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient(new URL(adminPostgresUrl()), (client) => client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`));
}

async function withAdminClient<T>(url: URL, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
