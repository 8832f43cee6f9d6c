import { hash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { CanonError, type ErrorCategory } from '../errors/canon-error';
import { maxParameters, toDialectSql, type Dialect, type SqlValue } from './dialect';
import type { SqliteStatements } from './sqlite-statements';

export type Row = Record<string, unknown>;

/** Runs SQL written with `?` placeholders on either dialect. */
export interface SqlExecutor {
  readonly dialect: Dialect;
  query<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface ConflictClause {
  /** The unique columns that identify an existing row. */
  readonly target: readonly string[];
  /** Columns overwritten from the new row; none means the new row is skipped. */
  readonly update?: readonly string[];
  /** Columns overwritten only when the new row has a value (a null keeps the stored one). */
  readonly keepUnlessGiven?: readonly string[];
}

/** Runs `sql` once per chunk of `values`, so an `IN (…)` list never exceeds the driver's parameter limit. */
export async function queryInChunks<T, V extends SqlValue>(
  executor: SqlExecutor,
  values: readonly V[],
  run: (chunk: readonly V[], placeholders: string) => Promise<T[]>,
  chunkSize = 900,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += chunkSize) {
    const chunk = values.slice(i, i + chunkSize);
    out.push(...(await run(chunk, placeholders(chunk.length))));
  }
  return out;
}

/**
 * Runs a query filtered on `column <condition>` for every one of `values`: on PostgreSQL in one
 * statement, the values bound as one array (`= ANY(?::text[])`); on SQLite as `IN (…)` lists under its
 * parameter limit. PostgreSQL planned and ran a statement per 900 values, each scanning the table
 * again (a batch's candidate lookup took 18 statements and 5× the time). `sql` builds the statement
 * around the condition; `leading` are the parameters before it.
 */
export async function queryWhereIn<T = Row>(
  executor: SqlExecutor,
  values: readonly string[],
  sql: (condition: string) => string,
  leading: readonly SqlValue[] = [],
): Promise<T[]> {
  if (executor.dialect === 'postgres') {
    if (values.length === 0) return [];
    assertStorable(values);
    // node-postgres binds a JS array as a PostgreSQL array: one parameter, whatever the count.
    return executor.query<T>(sql('= ANY(?::text[])'), [...leading, values as unknown as SqlValue]);
  }
  return queryInChunks(executor, values, (chunk, ph) => executor.query<T>(sql(`IN (${ph})`), [...leading, ...chunk]));
}

/**
 * The distinct values of a lookup by many keys, sorted. On SQLite an `IN (…)` list holds at most 900
 * values: sorted, each list reads one stretch of the index (and of the table, for time-ordered UUIDv7
 * ids), where lists in arrival order each walked the whole B-tree and evicted each other's pages from
 * the cache. Callers must not depend on the order of the rows across lists.
 */
export function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function placeholders(count: number): string {
  return count === 0 ? '' : '?' + ',?'.repeat(count - 1);
}

/** The write side of one database transaction. Every write of an ingest batch or a steward decision goes through one. */
export class Tx implements SqlExecutor {
  constructor(
    private readonly runner: QueryRunner,
    readonly dialect: Dialect,
    /** SQLite: the writer connection's statements, run directly (see SqliteStatements). */
    private readonly sqlite?: SqliteStatements,
  ) {}

  async query<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    assertStorable(params);
    if (this.sqlite) return this.sqlite.all<T>(sql, params);
    const result = await this.runner.query(toDialectSql(sql, this.dialect), params as SqlValue[], true);
    return (result.records ?? []) as T[];
  }

  /** Runs a statement and returns the number of rows it changed. */
  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    assertStorable(params);
    if (this.sqlite) return this.sqlite.run(sql, params);
    const result = await this.runner.query(toDialectSql(sql, this.dialect), params as SqlValue[], true);
    return result.affected ?? 0;
  }

  /**
   * Bulk INSERT. SQLite: `VALUES` lists chunked under the parameter limit, or one cached single-row
   * statement per row for an upsert that updates (see below). PostgreSQL: the rows as one JSON array of
   * arrays, `INSERT … SELECT (r->>0)::type, … FROM jsonb_array_elements(…)`, a few thousand rows per
   * statement: binding thousands of scalar parameters cost more than the insert (1.6× measured), and
   * node-postgres's array literals (one per column) cost the hub 2–4× the CPU of JSON.stringify on rows
   * holding JSON text (golden and source records).
   */
  async insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
    conflict?: ConflictClause,
  ): Promise<void> {
    if (rows.length === 0) return;
    const suffix = conflict ? conflictSql(table, conflict) : '';
    if (this.dialect === 'postgres') {
      const types = await this.columnTypes(table);
      const values = columns
        .map((column, i) => {
          const type = types.get(column);
          if (!type) throw new Error(`insertMany: ${table} has no column ${column}`);
          return `(r->>${i})::${type}`;
        })
        .join(',');
      const statement = `INSERT INTO ${table} (${columns.join(',')}) SELECT ${values} FROM jsonb_array_elements(?::jsonb) AS r${suffix}`;
      for (let i = 0; i < rows.length; i += PG_ROWS_PER_INSERT) {
        await this.runner.query(toDialectSql(statement, this.dialect), [jsonRows(rows.slice(i, i + PG_ROWS_PER_INSERT))]);
      }
      return;
    }
    // SQLite. Inside a transaction, a statement that may write several rows and fail part-way (a NOT NULL
    // or UNIQUE constraint under the default ABORT) keeps a statement journal: a copy of every existing page
    // it changes, so that it can be undone alone. A batch never goes on after a failed statement (the whole
    // transaction rolls back), so that copy is wasted: at 100k customers it was 1.7 GB written to temporary
    // files, half of it by the golden_record upserts. Plain inserts therefore say `OR ROLLBACK` (a failure
    // rolls the transaction back at once, and no journal is kept; the writer refuses any statement after
    // it), and upserts that update, where SQLite keeps the journal whatever the OR clause, go one row per
    // statement (a single-row statement needs none).
    const updates = (conflict?.update?.length ?? 0) + (conflict?.keepUnlessGiven?.length ?? 0) > 0;
    if (updates) {
      const statement = `INSERT INTO ${table} (${columns.join(',')}) VALUES (${placeholders(columns.length)})${suffix}`;
      for (const row of rows) {
        if (this.sqlite) {
          assertStorable(row);
          this.sqlite.run(statement, row);
        } else await this.execute(statement, row);
      }
      return;
    }
    const perRow = `(${placeholders(columns.length)})`;
    const rowsPerStatement = Math.max(1, Math.min(500, Math.floor(maxParameters(this.dialect) / columns.length)));
    const head = `INSERT OR ROLLBACK INTO ${table} (${columns.join(',')}) VALUES `;
    // Every statement but the last has the same text: built once. Parameters flattened by hand (Array#flat is slow).
    let full: string | undefined;
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const end = Math.min(rows.length, i + rowsPerStatement);
      const statement = end - i === rowsPerStatement ? (full ??= head + perRow + `,${perRow}`.repeat(rowsPerStatement - 1) + suffix) : head + perRow + `,${perRow}`.repeat(end - i - 1) + suffix;
      const params: SqlValue[] = new Array((end - i) * columns.length);
      let k = 0;
      for (let r = i; r < end; r++) for (const value of rows[r]) params[k++] = value;
      await this.execute(statement, params);
    }
  }

  /**
   * PostgreSQL's type of each column of a table (character varying, text, boolean, …), read once per
   * database. The table is resolved the way the INSERT resolves it (search_path, via regclass).
   */
  private async columnTypes(table: string): Promise<ReadonlyMap<string, string>> {
    const database = this.runner.connection;
    let tables = COLUMN_TYPES.get(database);
    if (!tables) COLUMN_TYPES.set(database, (tables = new Map()));
    let types = tables.get(table);
    if (!types) {
      const rows = await this.query<{ name: string; type: string }>(
        'SELECT attname AS name, atttypid::regtype::text AS type FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped',
        [table],
      );
      types = new Map(rows.map((r) => [r.name, r.type]));
      tables.set(table, types);
    }
    return types;
  }

  /**
   * Serialises writers that touch the same logical keys (record identities, blocking keys, golden ids)
   * across hub processes. PostgreSQL: transaction-scoped advisory locks on the keys' buckets (a key hashed
   * into one of LOCK_BUCKETS per lock space), taken in sorted order so that two batches cannot deadlock
   * on them. Buckets keep a batch of thousands of records within PostgreSQL's lock table (which holds
   * max_locks_per_transaction × max_connections locks in all); two keys in one bucket only serialise a
   * little more. SQLite has a single writer already, so this is a no-op there.
   */
  async lockKeys(space: LockSpace, keys: Iterable<string>): Promise<void> {
    if (this.dialect !== 'postgres') return;
    const buckets = [...new Set([...keys].map(lockBucket))].sort((a, b) => a - b);
    if (buckets.length === 0) return;
    await this.query(`SELECT count(pg_advisory_xact_lock(?::int, b)) AS n FROM (SELECT unnest(?::int[]) AS b) AS locks`, [
      space,
      `{${buckets.join(',')}}`,
    ]);
  }
}

// Rows per PostgreSQL INSERT: the parameter is one JSON text, whatever the row count.
const PG_ROWS_PER_INSERT = 5000;
// Column types per database and table, for casting the JSON values (the schema is fixed once migrated).
const COLUMN_TYPES = new WeakMap<object, Map<string, ReadonlyMap<string, string>>>();

/** Separate lock spaces: a batch locks all its keys first, then the golden records they lead to. */
export enum LockSpace {
  Keys = 1,
  Goldens = 2,
}

export const LOCK_BUCKETS = 1024;

function conflictSql(table: string, conflict: ConflictClause): string {
  const target = ` ON CONFLICT (${conflict.target.join(',')})`;
  const sets = [
    ...(conflict.update ?? []).map((c) => `${c} = excluded.${c}`),
    ...(conflict.keepUnlessGiven ?? []).map((c) => `${c} = COALESCE(excluded.${c}, ${table}.${c})`),
  ];
  return sets.length === 0 ? `${target} DO NOTHING` : `${target} DO UPDATE SET ${sets.join(',')}`;
}

/** A value no column can hold, refused before it reaches the database. */
export class UnstorableValueException extends CanonError {
  readonly category: ErrorCategory = 'BAD_USER_INPUT';

  constructor() {
    super('INVALID_CHARACTER', 'a value contains the character U+0000 (NUL), which text in Canon cannot hold');
  }
}

/**
 * Refuses a parameter holding U+0000: PostgreSQL cannot store it in text (it fails the statement, which
 * would surface as an internal error), and SQLite would store what PostgreSQL cannot. Stored data never
 * holds one (contracts reject control characters, JSON escapes them), so a lookup by such a value could
 * find nothing anyway; refusing it on both engines keeps them alike.
 */
export function assertStorable(params: readonly SqlValue[]): void {
  for (const p of params) if (typeof p === 'string' && p.includes('\u0000')) throw new UnstorableValueException();
}

/**
 * Rows as the JSON text PostgreSQL reads them from. A NUL is refused (see assertStorable); an unpaired
 * surrogate becomes U+FFFD, as it does in any parameter node-postgres sends as UTF-8 (JSON would escape
 * it, and PostgreSQL refuses that escape).
 */
function jsonRows(rows: readonly (readonly SqlValue[])[]): string {
  let wellFormed = true;
  for (const row of rows) {
    for (const value of row) {
      // JSON has no NaN or Infinity (it would write null): no column of Canon's holds one.
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`insertMany: ${value} is not a number a column can hold`);
      if (typeof value !== 'string' || !NUL_OR_LONE_SURROGATE.test(value)) continue;
      if (value.includes('\u0000')) throw new UnstorableValueException();
      wellFormed = false;
    }
  }
  return JSON.stringify(wellFormed ? rows : rows.map((row) => row.map((value) => (typeof value === 'string' ? value.replace(LONE_SURROGATES, '\ufffd') : value))));
}

const NUL_OR_LONE_SURROGATE = /\u0000|\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** The lock bucket of a key (collisions only cost extra serialisation, never correctness). */
export function lockBucket(key: string): number {
  // The one-shot hash: the same digest as createHash's, at a third of the cost (a batch locks ~20k keys).
  return hash('sha256', key, 'buffer').readUInt32BE(0) % LOCK_BUCKETS;
}
