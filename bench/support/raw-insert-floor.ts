import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/config/canon-config';

const COLUMNS = ['source_id', 'given_name', 'family_name', 'email', 'phone', 'birth_date', 'address_line1', 'city', 'postal_code', 'country'];

/**
 * The floor an ingest benchmark is compared with: the same rows written by a bare batched INSERT (1,000
 * rows per transaction, no ORM, no indexes) into a scratch table of the same database. Returns rows/s.
 */
export async function rawInsertRowsPerSecond(config: DatabaseConfig, rows: readonly (readonly string[])[]): Promise<number> {
  return config.type === 'sqlite' ? sqliteFloor(config.path, rows) : postgresFloor(config.url, rows);
}

function sqliteFloor(path: string, rows: readonly (readonly string[])[]): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, ${COLUMNS.map((c) => `${c} TEXT`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO bench_floor (${COLUMNS.join(',')}) VALUES (${COLUMNS.map(() => '?').join(',')})`);
    const writeBatch = db.transaction((batch: readonly (readonly string[])[]) => {
      for (const row of batch) insert.run(...row);
    });
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1000) writeBatch(rows.slice(i, i + 1000));
    const seconds = (performance.now() - started) / 1000;
    db.exec('DROP TABLE bench_floor');
    return rows.length / seconds;
  } finally {
    db.close();
  }
}

async function postgresFloor(url: string, rows: readonly (readonly string[])[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_floor (id SERIAL PRIMARY KEY, ${COLUMNS.map((c) => `${c} TEXT`).join(', ')})`);
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      const values = batch.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(',')})`).join(',');
      await client.query('BEGIN');
      await client.query(`INSERT INTO bench_floor (${COLUMNS.join(',')}) VALUES ${values}`, batch.flat());
      await client.query('COMMIT');
    }
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_floor');
    return rows.length / seconds;
  } finally {
    await client.end();
  }
}
