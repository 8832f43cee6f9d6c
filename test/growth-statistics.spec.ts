import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { GrowthStatistics } from '../src/common/database/growth-statistics';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { CANON_SCHEMA } from '../src/entities';
import { DIALECTS } from './support/hub';

describe.each(DIALECTS)('planner statistics on growing tables (%s)', (dialect) => {
  let scratch: ScratchDatabase | undefined;
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    await scratch?.drop();
  });

  async function open(): Promise<Database> {
    scratch = await createScratchDatabase(dialect);
    return (database = await Database.open(scratch.config, CANON_SCHEMA));
  }

  it.runIf(dialect === 'postgres')('analyzes the tables each time they have doubled since the last time, from 1,000 rows', async () => {
    const db = await open();
    const analyzed = async () => {
      const rows = await db.query<{ table: string; count: number }>(
        "SELECT relname AS table, analyze_count::int AS count FROM pg_stat_user_tables WHERE relname IN ('source_record', 'match_key') ORDER BY relname",
      );
      return Object.fromEntries(rows.map((r) => [r.table, Number(r.count)]));
    };
    const statistics = new GrowthStatistics(db, ['source_record', 'match_key']);
    const counts: Record<string, number>[] = [];
    for (const rows of [500, 499, 1, 999, 1, 1999, 1]) {
      await statistics.rowsWritten(rows);
      counts.push(await analyzed());
    }
    // Analyzed at 1,000 rows written, then at 2,000 and 4,000: never in between.
    expect(counts.map((c) => c.source_record)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(counts.map((c) => c.match_key)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it.runIf(dialect === 'postgres')('never fails the batch that already committed: a table it cannot analyze is logged and left', async () => {
    const db = await open();
    const statistics = new GrowthStatistics(db, ['no_such_table']);
    await expect(statistics.rowsWritten(5000)).resolves.toBeUndefined();
    await expect(statistics.rowsWritten(5000)).resolves.toBeUndefined();
  });

  it.runIf(dialect === 'sqlite')('does nothing on SQLite, which plans without statistics', async () => {
    const db = await open();
    const before = db.queryCounter.count;
    await new GrowthStatistics(db, ['source_record', 'match_key']).rowsWritten(5000);
    expect(db.queryCounter.count).toBe(before);
  });
});
