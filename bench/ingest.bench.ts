// npm run bench:ingest [-- N]: N generated customers (default 100,000, about 30 % duplicates) imported
// through the real pipeline (the code path of `canon import`) into a fresh SQLite and a fresh PostgreSQL
// database, against a raw batched INSERT of the same rows into the same database. A second argument
// (`sqlite` or `postgres`) runs one dialect only.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../src/common/database/scratch-database';
import { loadConfig } from '../src/config/canon-config';
import { FileImportService } from '../src/ingestion/file-import/file-import.service';
import { ServicesModule } from '../src/services.module';
import { SourceSystemService } from '../src/source-systems/source-system.service';
import { generateCustomers } from './support/generate-customers';
import { rawInsertRowsPerSecond } from './support/raw-insert-floor';
import { fmt, reportRatio } from './support/report';

// Issue 2 asks 2 % of the floor on SQLite, issue 3 3 % on both engines: the stricter one is shown.
const TARGET = 0.03;

export async function benchIngest(count: number, dialects: readonly ('sqlite' | 'postgres')[] = ['sqlite', 'postgres']): Promise<void> {
  const customers = generateCustomers(count);
  const dir = mkdtempSync(join(tmpdir(), 'canon-bench-'));
  const file = join(dir, 'customers.ndjson');
  writeFileSync(file, customers.map((c) => JSON.stringify(c)).join('\n'));
  const rows = customers.map((c) => [c.sourceId, c.givenName, c.familyName, c.email, c.phone, c.birthDate, c.addressLine1, c.city, c.postalCode, c.country]);
  console.log(`bench:ingest: ${fmt(count)} customers, about 30 % duplicates`);
  try {
    for (const dialect of dialects) {
      const scratch = await createScratchDatabase(dialect);
      try {
        // The floor is measured before and after the hub run and the higher figure kept: this machine's
        // speed drifts by ±30 % within minutes, and the ratio should not flatter the hub when it does.
        const floorBefore = await rawInsertRowsPerSecond(scratch.config, rows);
        const config = { ...loadConfig({}), database: scratch.config, logLevel: 'silent' as const };
        const app = await NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: false, abortOnError: false });
        try {
          await app.get(SourceSystemService).create({ code: 'bench' });
          const report = await app.get(FileImportService).import({ entityType: 'customer', source: 'bench', file, actor: 'bench' });
          const floor = Math.max(floorBefore, await rawInsertRowsPerSecond(scratch.config, rows));
          reportRatio(`ingest ${dialect} (records/s)`, report.recordsPerSecond, floor, '/s', TARGET);
          console.log(`  ${fmt(report.created)} source records, ${fmt(report.goldenCreated)} golden records, ${fmt(report.rejected)} rejected, ${report.seconds.toFixed(1)} s`);
        } finally {
          await app.close();
        }
      } finally {
        await scratch.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const only = process.argv[3];
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error(`unknown dialect ${only}: sqlite or postgres`);
  benchIngest(Number(process.argv[2] ?? 100_000), only ? [only] : undefined).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
