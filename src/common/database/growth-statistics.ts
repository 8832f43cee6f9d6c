import { Logger } from '@nestjs/common';
import type { Database } from './database';

// Below this many rows a plan hardly matters, so a fresh table is not analyzed batch after batch.
const MIN_ROWS = 1000;

/**
 * Keeps PostgreSQL's planner statistics current on tables a workload grows. PostgreSQL plans from
 * statistics only ANALYZE refreshes; autovacuum runs it, but only when it is on and only once a minute at
 * best. A table filled from empty by one import is planned as if it still had a few rows: the lookup of a
 * batch's 2,000 identities read every row of the source through the index's first two columns
 * (94 ms at 100k records; 19 ms once analyzed). So the rows written by this process are counted, and
 * the tables analyzed each time they have doubled since (a few times per import, logarithmically).
 * SQLite plans without statistics, so this does nothing there.
 */
export class GrowthStatistics {
  private readonly logger = new Logger('GrowthStatistics');
  /** Rows the tables had at the last ANALYZE (PostgreSQL's estimate when first asked). */
  private known: number | undefined;
  private written = 0;

  constructor(
    private readonly database: Pick<Database, 'dialect' | 'query'>,
    /** The tables the workload grows; the first is the one whose rows are counted. */
    private readonly tables: readonly string[],
  ) {}

  /** Notes `rows` written to the first table (after their commit); analyzes the tables once they have doubled. */
  async rowsWritten(rows: number): Promise<void> {
    if (this.database.dialect !== 'postgres' || rows === 0) return;
    // The rows are committed: a failure here is logged, never reported as the batch's.
    try {
      this.known ??= await this.estimate();
      this.written += rows;
      if (this.written < Math.max(MIN_ROWS, this.known)) return;
      // Updated before the ANALYZE runs, so that a concurrent batch does not start another.
      this.known += this.written;
      this.written = 0;
      await this.database.query(`ANALYZE ${this.tables.join(', ')}`);
    } catch (error) {
      // Statistics are an optimisation: a role that may not analyze still ingests, only slower.
      this.known = Infinity;
      this.logger.warn(`could not analyze ${this.tables.join(', ')}: ${(error as Error).message}`);
    }
  }

  private async estimate(): Promise<number> {
    // reltuples is -1 for a table never analyzed (PostgreSQL 14 and later), 0 before.
    const [row] = await this.database.query<{ rows: number }>('SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = ?::regclass', [this.tables[0]]);
    return Math.max(0, Number(row?.rows ?? 0));
  }
}
