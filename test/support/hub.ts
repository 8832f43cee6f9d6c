import { Database } from '../../src/common/database/database';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '../../src/common/database/scratch-database';
import type { CanonConfig } from '../../src/config/canon-config';
import { startServer, type RunningServer } from '../../src/server';

/** Every storage test runs on both engines. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

/** A hub listening on a random port over a scratch database, with a known admin key. */
export interface TestHub {
  readonly url: string;
  readonly adminKey: string;
  readonly scratch: ScratchDatabase;
  readonly server: RunningServer;
  /** Stops the hub and starts it again on the same database, with these rules files in its rules folder. */
  restart(rules?: Readonly<Record<string, unknown>>): Promise<void>;
  /** Stops the hub (app.close(), as SIGTERM does); `start` starts it again on the same database. */
  stop(): Promise<void>;
  start(): Promise<void>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any top-level error. */
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<T>;
  close(): Promise<void>;
}

/** `overrides` change the config, e.g. `{ production: true }` or `{ graphqlLimits: { rateLimit: 5 } }`. */
export async function startTestHub(dialect: TestDialect, overrides: Partial<CanonConfig> = {}): Promise<TestHub> {
  const scratch = await createScratchDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-hub-'));
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const config: CanonConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    rulesDir: join(dataDir, 'rules'),
    database: scratch.config,
    bootstrapAdminKey: adminKey,
    production: false,
    logLevel: 'silent',
    ...overrides,
  };
  let server: RunningServer | null = await startServer(config);
  const gql = async <T,>(query: string, variables?: Record<string, unknown>, key: string | null = adminKey) => {
    const response = await fetch(`${server!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };
  const stop = async () => {
    await server?.app.close();
    server = null;
  };
  const start = async () => {
    server = await startServer(config);
  };
  return {
    get url() {
      return server!.url;
    },
    adminKey,
    scratch,
    get server() {
      return server!;
    },
    async restart(rules = {}) {
      await stop();
      mkdirSync(config.rulesDir, { recursive: true });
      for (const [entityType, content] of Object.entries(rules)) writeFileSync(join(config.rulesDir, `${entityType}.rules.json`), JSON.stringify(content));
      await start();
    },
    stop,
    start,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>, key?: string) {
      const response = await gql<T>(query, variables, key ?? adminKey);
      if (response.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
      return response.body.data as T;
    },
    async close() {
      await stop();
      await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const INGEST_CUSTOMERS = `mutation Ingest($source: String!, $records: [JSON!]!) {
  ingestCustomers(source: $source, records: $records) {
    summary { received created updated unchanged rejected goldenCreated goldenUpdated }
    results { index sourceId outcome goldenId errors { field code message } warnings { field code message } }
    userErrors { code field message }
  }
}`;

export const INGEST_PRODUCTS = INGEST_CUSTOMERS.replace('ingestCustomers', 'ingestProducts');

export async function addSource(hub: TestHub, code: string, extra: Record<string, unknown> = {}): Promise<void> {
  const data = await hub.data<{ createSourceSystem: { userErrors: unknown[] } }>(
    `mutation($input: CreateSourceSystemInput!) { createSourceSystem(input: $input) { userErrors { code message } } }`,
    { input: { code, ...extra } },
  );
  if (data.createSourceSystem.userErrors.length) throw new Error(JSON.stringify(data.createSourceSystem.userErrors));
}

/** Deletes every record, golden record and decision (source systems and keys stay): a fresh start for the next run. */
export async function emptyHub(hub: TestHub): Promise<void> {
  await hub.server.app.get(Database).transaction(async (tx) => {
    for (const table of ['match_constraint', 'review_task', 'golden_event', 'match_key', 'recent_match_key', 'source_record', 'golden_record']) await tx.execute(`DELETE FROM ${table}`);
  });
}
