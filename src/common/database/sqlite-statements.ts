import { QueryFailedError } from 'typeorm';
import type { SqlValue } from './dialect';
import type { QueryCounter } from './query-counter';

/** What the hub uses of a better-sqlite3 statement. */
interface BetterSqlite3Statement {
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number };
}

/** What the hub uses of a better-sqlite3 connection. */
export interface BetterSqlite3Connection {
  readonly inTransaction: boolean;
  prepare(sql: string): BetterSqlite3Statement;
}

// Statements kept per connection. `IN (…)` lists and the last chunk of a bulk insert vary in length, so a
// busy connection meets a few hundred texts; past this many the cache starts over.
const CACHE_LIMIT = 500;

/**
 * Prepared statements on one better-sqlite3 connection, cached by SQL text and run with the parameters
 * bound as one array. The read connection and the writer's transactions use it directly: through
 * TypeORM's query runner every statement copied its parameters, spread them into the call, went through
 * the event broadcaster, and shared a 200-entry FIFO cache with every `IN (…)` length. Each statement
 * still counts in the QueryCounter, as TypeORM's logger counted it. A driver error is a
 * QueryFailedError, as it was through TypeORM.
 */
export class SqliteStatements {
  private readonly cache = new Map<string, BetterSqlite3Statement>();

  constructor(
    private readonly connection: BetterSqlite3Connection,
    private readonly counter: QueryCounter,
    /** The writer: every statement must run inside the transaction it was given (see `run`). */
    private readonly inTransactionOnly = false,
  ) {}

  /** The rows of a statement that returns rows; [] for one that does not (as TypeORM gave). */
  all<T>(sql: string, params: readonly SqlValue[]): T[] {
    this.check();
    const bound = bindable(params);
    try {
      const statement = this.prepared(sql);
      if (statement.reader) return statement.all(bound) as T[];
      statement.run(bound);
      return [];
    } catch (error) {
      throw new QueryFailedError(sql, bound as unknown[], error as Error);
    }
  }

  /** Runs a statement and returns the number of rows it changed (0 for one that returns rows, as TypeORM gave). */
  run(sql: string, params: readonly SqlValue[]): number {
    this.check();
    const bound = bindable(params);
    try {
      const statement = this.prepared(sql);
      if (statement.reader) {
        statement.all(bound);
        return 0;
      }
      return statement.run(bound).changes;
    } catch (error) {
      throw new QueryFailedError(sql, bound as unknown[], error as Error);
    }
  }

  /**
   * A failed `INSERT OR ROLLBACK` (Tx.insertMany) ends the writer's transaction: whatever the caller runs
   * next must fail too, not commit on its own outside it.
   */
  private check(): void {
    if (this.inTransactionOnly && !this.connection.inTransaction) {
      throw new Error('the transaction was rolled back by a failed statement; nothing more runs in it');
    }
    this.counter.logQuery();
  }

  private prepared(sql: string): BetterSqlite3Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      statement = this.connection.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

/** better-sqlite3 binds no booleans: 0/1, as TypeORM's driver sent them. Copies only when there is one. */
function bindable(params: readonly SqlValue[]): readonly SqlValue[] {
  for (let i = 0; i < params.length; i++) {
    if (typeof params[i] === 'boolean') return params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  }
  return params;
}
