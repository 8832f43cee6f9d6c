import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, QueryFailedError, type DataSourceOptions, type MixedList, type QueryRunner } from 'typeorm';
import type { DatabaseConfig } from '../../config/canon-config';
import { toDialectSql, type Dialect, type SqlValue } from './dialect';
import { createMissingDatabase, isMissingDatabase } from './create-missing-database';
import { Mutex } from './mutex';
import { QueryCounter } from './query-counter';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { SqliteStatements, type BetterSqlite3Connection } from './sqlite-statements';
import { assertStorable, Tx, type Row, type SqlExecutor } from './tx';

export interface DatabaseSchema {
  // TypeORM's own option types: entity classes and migration classes.
  readonly entities: MixedList<Function>;
  readonly migrations: Record<Dialect, MixedList<Function>>;
}

export interface OpenOptions {
  /** Run pending migrations on open (the server and every CLI command do; `canon migrate` reports them). */
  readonly migrate?: boolean;
}

// PostgreSQL errors after which the whole transaction is retried: serialisation failure, deadlock, and a
// unique violation from a concurrent insert of the same row.
const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 5;
const MIGRATION_LOCK_ID = '7277095318425460001';

/** Connects; a PostgreSQL database that does not exist yet is created first, as SQLite creates its file. */
async function initializeCreatingDatabase(dataSource: DataSource, config: DatabaseConfig): Promise<DataSource> {
  try {
    return await dataSource.initialize();
  } catch (error) {
    if (config.type !== 'postgres' || !isMissingDatabase(error)) throw error;
    await createMissingDatabase(config.url);
    return dataSource.initialize();
  }
}

/**
 * The hub's storage: one writer DataSource for transactions and a reader for queries. On SQLite the
 * reader is a second connection to the same WAL file, so reads never see a batch that has not committed
 * and never wait for one; on PostgreSQL both are the same pool.
 */
export class Database implements SqlExecutor {
  private readonly writeMutex = new Mutex();
  /**
   * SQLite: the writer keeps one query runner (for BEGIN and COMMIT), and a transaction's statements go
   * straight to its connection with their own statement cache; reads go straight to the read-only
   * connection with theirs. Through TypeORM a primary-key lookup cost 30 µs; this way about 5.
   */
  private readonly sqlite: { readonly writer: QueryRunner; readonly statements: SqliteStatements; readonly reader: SqliteStatements } | null;

  private constructor(
    readonly dialect: Dialect,
    readonly dataSource: DataSource,
    private readonly reader: DataSource,
    /** Counts every SQL statement on both connections (tests assert constant statement counts with it). */
    readonly queryCounter: QueryCounter,
    private readonly checkpointer: SqliteCheckpointer | null,
  ) {
    this.sqlite =
      dialect === 'sqlite'
        ? {
            writer: dataSource.createQueryRunner(),
            statements: new SqliteStatements((dataSource.driver as unknown as BetterSqlite3Driver).databaseConnection, queryCounter, true),
            reader: new SqliteStatements((reader.driver as unknown as BetterSqlite3Driver).databaseConnection, queryCounter),
          }
        : null;
  }

  static async open(config: DatabaseConfig, schema: DatabaseSchema, options: OpenOptions = {}): Promise<Database> {
    const counter = new QueryCounter();
    const writer = await initializeCreatingDatabase(new DataSource(dataSourceOptions(config, schema, counter, false)), config);
    try {
      if (options.migrate ?? true) await runMigrations(writer, config.type);
      const onDisk = config.type === 'sqlite' && config.path !== ':memory:';
      const reader = onDisk ? await new DataSource(dataSourceOptions(config, schema, counter, true)).initialize() : writer;
      return new Database(config.type, writer, reader, counter, onDisk ? SqliteCheckpointer.start(config.path) : null);
    } catch (error) {
      await writer.destroy();
      throw error;
    }
  }

  /** A read outside any transaction (committed data only). */
  async query<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    assertStorable(params);
    if (this.sqlite) return this.sqlite.reader.all<T>(sql, params);
    return this.reader.query(toDialectSql(sql, this.dialect), params as SqlValue[]);
  }

  /**
   * Runs `work` in one transaction and commits it, or rolls everything back if it throws. On PostgreSQL
   * a serialisation failure or deadlock retries the whole unit; on SQLite writers in this process queue
   * and `BEGIN IMMEDIATE` takes the file's write lock up front.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.writeMutex.run(() => this.runOnce(work, 'BEGIN IMMEDIATE'));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work, 'BEGIN');
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async pendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }

  /** Nest calls this on app.close(): the connections close with the hub. */
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.sqlite?.writer.release();
    if (this.reader !== this.dataSource && this.reader.isInitialized) await this.reader.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async runOnce<T>(work: (tx: Tx) => Promise<T>, begin: string): Promise<T> {
    const runner = this.sqlite?.writer ?? this.dataSource.createQueryRunner();
    try {
      await runner.query(begin);
      const result = await work(new Tx(runner, this.dialect, this.sqlite?.statements));
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      if (!this.sqlite) await runner.release();
    }
  }
}

type BetterSqlite3Driver = { databaseConnection: BetterSqlite3Connection };

function isRetryable(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
  return code !== undefined && RETRYABLE_PG_CODES.has(code);
}

/** Runs pending migrations; on PostgreSQL under a session advisory lock so hub processes starting together take turns. */
async function runMigrations(dataSource: DataSource, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

function dataSourceOptions(
  config: DatabaseConfig,
  schema: DatabaseSchema,
  logger: QueryCounter,
  readonly: boolean,
): DataSourceOptions {
  const common = { entities: schema.entities, migrations: schema.migrations[config.type], logger, synchronize: false };
  if (config.type === 'postgres') {
    return { ...common, type: 'postgres', url: config.url, extra: { max: 10 } };
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.path,
    readonly,
    enableWAL: !readonly,
    statementCacheSize: 200,
    // NORMAL is durable across a process crash in WAL mode (only a power cut can lose the last commits);
    // the busy timeout lets a second process wait for the write lock instead of failing at once.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('busy_timeout = 10000');
      db.pragma('cache_size = -65536'); // 64 MB of pages: the blocking index stays in memory
      if (readonly) return;
      db.pragma('synchronous = NORMAL');
      // A worker thread checkpoints (see SqliteCheckpointer); this only bounds the WAL (≈400 MB) if it cannot.
      db.pragma('wal_autocheckpoint = 100000');
    },
  };
}
