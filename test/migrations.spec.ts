import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { adminPostgresUrl, createScratchDatabase, dropDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { CANON_SCHEMA } from '../src/entities';
import { DIALECTS } from './support/hub';

describe.each(DIALECTS)('migrations (%s)', (dialect) => {
  let scratch: ScratchDatabase | undefined;
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    await scratch?.drop();
    database = undefined;
    scratch = undefined;
  });

  it('migrate a fresh database to exactly the schema the entities describe', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    expect(await database.pendingMigrations()).toBe(false);
    const drift = await database.dataSource.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('run down to an empty database and up again', async () => {
    scratch = await createScratchDatabase(dialect);
    database = await Database.open(scratch.config, CANON_SCHEMA);
    const migrations = CANON_SCHEMA.migrations[dialect] as unknown[];
    for (let i = 0; i < migrations.length; i++) await database.dataSource.undoLastMigration({ transaction: 'all' });
    expect(await database.pendingMigrations()).toBe(true);
    const tables = await database.dataSource.createQueryRunner().getTables(['golden_record', 'source_record']);
    expect(tables).toEqual([]);
    await database.dataSource.runMigrations({ transaction: 'all' });
    const drift = await database.dataSource.driver.createSchemaBuilder().log();
    expect(drift.upQueries).toEqual([]);
  });

  it('let two hubs starting at once migrate the same database without conflict', async () => {
    scratch = await createScratchDatabase(dialect);
    const opened = await Promise.all([Database.open(scratch.config, CANON_SCHEMA), Database.open(scratch.config, CANON_SCHEMA)]);
    for (const db of opened) expect(await db.pendingMigrations()).toBe(false);
    await Promise.all(opened.map((db) => db.close()));
  });
});

describe('a PostgreSQL database that does not exist yet', () => {
  it('is created on open, as a SQLite file is', async () => {
    const url = new URL(adminPostgresUrl());
    url.pathname = `/canon_missing_${randomBytes(6).toString('hex')}`;
    const database = await Database.open({ type: 'postgres', url: url.toString() }, CANON_SCHEMA);
    try {
      expect(await database.pendingMigrations()).toBe(false);
      expect(await database.query('SELECT current_database() AS name')).toEqual([{ name: url.pathname.slice(1) }]);
    } finally {
      await database.close();
      await dropDatabase(url.pathname.slice(1));
    }
  });
});
