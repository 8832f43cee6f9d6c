import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { Database } from '../src/common/database/database';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { loadConfig } from '../src/config/canon-config';
import { IngestionService } from '../src/ingestion/ingestion.service';
import { ServicesModule } from '../src/services.module';
import { SourceSystemService } from '../src/source-systems/source-system.service';

// Two hubs on one PostgreSQL database (two service stacks with their own connection pools) ingest
// overlapping duplicates at the same time: every person must still end up with exactly one golden record.
describe('two hubs ingesting the same people at once (postgres)', () => {
  let scratch: ScratchDatabase;
  let hubs: INestApplicationContext[];

  beforeAll(async () => {
    scratch = await createScratchDatabase('postgres');
    const config = { ...loadConfig({}), database: scratch.config, logLevel: 'silent' as const };
    hubs = await Promise.all([1, 2].map(() => NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: false })));
    await hubs[0].get(SourceSystemService).create({ code: 'crm' });
    await hubs[0].get(SourceSystemService).create({ code: 'shop' });
  });
  afterAll(async () => {
    await Promise.all((hubs ?? []).map((h) => h.close()));
    await scratch?.drop();
  });

  it('creates one golden record per person, whatever the interleaving', async () => {
    const people = Array.from({ length: 200 }, (_, i) => ({ familyName: `Person${i}`, email: `person${i}@example.com` }));
    // Each hub sends every person from its own source, in its own order, in small concurrent batches.
    const batches = (source: string, order: typeof people) =>
      Array.from({ length: order.length / 20 }, (_, b) =>
        order.slice(b * 20, b * 20 + 20).map((p) => ({ sourceId: `${source}-${p.familyName}`, ...p })),
      );
    const work = [
      ...batches('crm', people).map((records) => hubs[0].get(IngestionService).ingest({ entityType: 'customer', source: 'crm', records, actor: 'a' })),
      ...batches('shop', [...people].reverse()).map((records) =>
        hubs[1].get(IngestionService).ingest({ entityType: 'customer', source: 'shop', records, actor: 'b' }),
      ),
    ];
    const results = await Promise.all(work);
    expect(results.flatMap((r) => r.results).every((r) => r.outcome === 'CREATED')).toBe(true);

    const database = hubs[0].get(Database);
    const goldens = await database.query<{ n: string }>(`SELECT count(*) AS n FROM golden_record WHERE status = 'active'`);
    expect(Number(goldens[0].n)).toBe(people.length);
    const perGolden = await database.query<{ golden_id: string; n: string }>(
      `SELECT golden_id, count(*) AS n FROM source_record GROUP BY golden_id HAVING count(*) <> 2`,
    );
    expect(perGolden).toEqual([]);
  });

  it('a batch waits for a trust change in flight and ranks with the new trust, never the old one', async () => {
    const sources = hubs[0].get(SourceSystemService);
    await sources.create({ code: 'erp', defaultTrust: 50 });
    await sources.create({ code: 'web', defaultTrust: 10 });
    const ingestion = hubs[0].get(IngestionService);
    const person = { familyName: 'Trusty', email: 'trusty@example.com', updatedAt: '2024-01-01T00:00:00Z' };
    await ingestion.ingest({ entityType: 'customer', source: 'erp', records: [{ sourceId: 'e1', ...person, city: 'Erpton' }], actor: 'a' });

    // An admin raises web's trust above erp's in a transaction that has not committed yet.
    const admin = new Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query(`UPDATE source_system SET trust = $1 WHERE code = 'web'`, [JSON.stringify({ default: 90, attributes: {} })]);
      let settled = false;
      const batch = ingestion.ingest({ entityType: 'customer', source: 'web', records: [{ sourceId: 'w1', ...person, city: 'Webville' }], actor: 'b' });
      void batch.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await admin.query('COMMIT');
      const [result] = (await batch).results;
      const [golden] = await hubs[0].get(Database).query<{ attributes: string }>('SELECT attributes FROM golden_record WHERE id = ?', [result.goldenId]);
      expect(JSON.parse(golden.attributes).city).toBe('Webville');
    } finally {
      await admin.end();
    }
  });
});
