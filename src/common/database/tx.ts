import { hash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { CanonError, type ErrorCategory } from '../errors/canon-error';
import { maxParameters, toDialectSql, type Dialect, type SqlValue } from './dialect';

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
  ) {}

  async query<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    assertStorable(params);
    const result = await this.runner.query(toDialectSql(sql, this.dialect), params as SqlValue[], true);
    return (result.records ?? []) as T[];
  }

  /** Runs a statement and returns the number of rows it changed. */
  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    assertStorable(params);
    const result = await this.runner.query(toDialectSql(sql, this.dialect), params as SqlValue[], true);
    return result.affected ?? 0;
  }

  /**
   * Multi-row INSERT, never one statement per row. SQLite: `VALUES` lists chunked under the parameter
   * limit. PostgreSQL: one array per column, `INSERT … SELECT * FROM unnest(…)`, a few thousand rows per
   * statement: binding thousands of scalar parameters cost more than the insert (1.6× measured).
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
      const arrays = columns
        .map((column) => {
          const type = types.get(column);
          if (!type) throw new Error(`insertMany: ${table} has no column ${column}`);
          return `?::${type}[]`;
        })
        .join(',');
      for (let i = 0; i < rows.length; i += PG_ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + PG_ROWS_PER_INSERT);
        assertStorable(chunk.flat());
        const byColumn = columns.map((_, c) => chunk.map((row) => row[c]));
        await this.runner.query(toDialectSql(`INSERT INTO ${table} (${columns.join(',')}) SELECT * FROM unnest(${arrays})${suffix}`, this.dialect), byColumn);
      }
      return;
    }
    const perRow = `(${placeholders(columns.length)})`;
    const rowsPerStatement = Math.max(1, Math.min(500, Math.floor(maxParameters(this.dialect) / columns.length)));
    const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
    // Every statement but the last has the same text: built once. Parameters flattened by hand (Array#flat is slow).
    let full: string | undefined;
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const end = Math.min(rows.length, i + rowsPerStatement);
      const statement = end - i === rowsPerStatement ? (full ??= head + perRow + `,${perRow}`.repeat(rowsPerStatement - 1) + suffix) : head + perRow + `,${perRow}`.repeat(end - i - 1) + suffix;
      const params: SqlValue[] = [];
      for (let r = i; r < end; r++) for (const value of rows[r]) params.push(value);
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

// Rows per PostgreSQL INSERT: the parameters are one array per column, whatever the row count.
const PG_ROWS_PER_INSERT = 5000;
// Column types per database and table, for casting unnest's arrays (the schema is fixed once migrated).
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

/** The lock bucket of a key (collisions only cost extra serialisation, never correctness). */
export function lockBucket(key: string): number {
  // The one-shot hash: the same digest as createHash's, at a third of the cost (a batch locks ~20k keys).
  return hash('sha256', key, 'buffer').readUInt32BE(0) % LOCK_BUCKETS;
}
