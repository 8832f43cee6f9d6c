import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { CanonError } from '../common/errors/canon-error';
import { ENTITY_TYPES, type EntityType } from '../common/entity-type';
import { loadConfig } from '../config/canon-config';
import type * as CliServices from './cli-services';
import { ProgressBar } from './progress-bar';

// Commands load the hub's modules when they run, not when the CLI starts: `canon --help` stays instant
// and no command pays for what it does not use.
const services = (): typeof CliServices => require('./cli-services');

const program = new Command()
  .name('canon')
  .description('Canon master data hub. Every command uses DATABASE_URL (default: sqlite:./data/canon.sqlite).')
  .showHelpAfterError();

const entityOption = () =>
  new Option('--entity <type>', 'customer or product').choices([...ENTITY_TYPES]).makeOptionMandatory();

program
  .command('serve')
  .description('start the hub (GraphQL at /graphql, health at /health/live and /health/ready)')
  .action(async () => {
    const { startServer } = require('../server') as typeof import('../server');
    const { firstAdminKey } = await startServer(loadConfig());
    if (firstAdminKey) process.stdout.write(`\nNew admin API key (shown once): ${firstAdminKey}\n\n`);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const { Database, CANON_SCHEMA } = services();
    const database = await Database.open(loadConfig().database, CANON_SCHEMA, { migrate: false });
    try {
      const applied = await database.dataSource.runMigrations({ transaction: 'all' });
      console.log(applied.length === 0 ? 'database is up to date' : applied.map((m) => `applied ${m.name}`).join('\n'));
    } finally {
      await database.close();
    }
  });

const source = program.command('source').description('manage source systems');
source
  .command('add <code>')
  .description('register a source system')
  .option('--name <name>', 'display name')
  .option('--trust <rank>', 'default trust rank 0-100 for survivorship (default 50)', parseInteger)
  .option('--attribute-trust <list>', 'per-attribute ranks, e.g. email=90,phone=40', parseTrustList)
  .option('--unique-records', 'the source holds each real entity at most once (a product catalogue): its records never merge with each other')
  .option('--country <code>', 'ISO 3166-1 alpha-2 country of a record that names none: its national phone numbers are read in it (GB: 07911 123456 is +447911123456)')
  .action((code: string, options: { name?: string; trust?: number; attributeTrust?: Record<string, number>; uniqueRecords?: boolean; country?: string }) =>
    withServices(async (app, s) => {
      const input = {
        code,
        name: options.name,
        defaultTrust: options.trust,
        attributeTrust: options.attributeTrust,
        uniqueRecords: options.uniqueRecords,
        defaultCountry: options.country,
      };
      const system = await app.get(s.SourceSystemService).create(input, s.cliActor());
      console.log(`source system ${system.code} added (${system.name}, trust ${system.trust.default})`);
    }),
  );
source
  .command('list')
  .description('list source systems')
  .action(() =>
    withServices(async (app, s) => {
      for (const system of await app.get(s.SourceSystemService).list()) {
        const ranks = Object.entries(system.trust.attributes).map(([a, r]) => `${a}=${r}`).join(',');
        const country = system.defaultCountry ? `country=${system.defaultCountry}` : '';
        console.log([system.code, system.name, `trust=${system.trust.default}`, ranks, system.uniqueRecords ? 'unique-records' : '', country].filter(Boolean).join('\t'));
      }
    }),
  );

const keys = program.command('keys').description('manage API keys');
keys
  .command('create')
  .description('create an API key; the key is printed once')
  .addOption(new Option('--role <role>', 'admin, steward, reader or source').choices(['admin', 'steward', 'reader', 'source']).makeOptionMandatory())
  .option('--source <code>', 'the source system a source key writes as')
  .option('--name <name>', 'a name to recognise the key by')
  .option('--pii', 'let a reader or source key see personal data (email, phone, birth date, street address) in clear')
  .option('--expires <when>', 'when the key stops working: an ISO timestamp, or a lifetime such as 90d, 12h, 30m')
  .action((options: { role: string; source?: string; name?: string; pii?: boolean; expires?: string }) =>
    withServices(async (app, s) => {
      const { apiKey, key } = await app.get(s.ApiKeyService).create({ ...options, expiresAt: expiryFrom(options.expires) }, s.cliActor());
      console.error(`created ${apiKey.role} key "${apiKey.name}" (id ${apiKey.id}); store it now, it is not shown again:`);
      console.log(key);
    }),
  );
keys
  .command('list')
  .description('list API keys (never the keys themselves)')
  .action(() =>
    withServices(async (app, s) => {
      for (const k of await app.get(s.ApiKeyService).list()) {
        console.log([k.id, k.name, k.role, k.source ?? '-', k.pii ? 'pii' : '-', `${k.keyPrefix}…`, keyState(k)].join('\t'));
      }
    }),
  );
keys
  .command('revoke <id>')
  .description('revoke an API key')
  .action((id: string) =>
    withServices(async (app, s) => {
      const key = await app.get(s.ApiKeyService).revoke(id, s.cliActor());
      console.log(key.alreadyRevoked ? `key "${key.name}" (${key.id}) was already revoked (${key.revokedAt})` : `revoked key "${key.name}" (${key.id})`);
    }),
  );

program
  .command('import')
  .description('import a CSV (with header) or NDJSON file of source records; rejects go to FILE.rejects.ndjson, warnings to FILE.warnings.ndjson')
  .addOption(entityOption())
  .requiredOption('--source <code>', 'the source system the records come from')
  .requiredOption('--file <path>', '.csv or .ndjson')
  .option('--map <mapping.json>', 'rename, drop, combine or reformat source columns')
  .option('--batch-size <n>', 'records per transaction (1-5000, default 2000)', parseBatchSize)
  .option('--encoding <name>', 'the file\'s encoding when it is not UTF-8: windows-1252 (latin1), iso-8859-15, windows-1250…')
  .option('--reports-dir <dir>', 'where FILE.rejects.ndjson and FILE.warnings.ndjson go (default: beside the file)')
  .action((options: { entity: EntityType; source: string; file: string; map?: string; batchSize?: number; encoding?: string; reportsDir?: string }) =>
    withServices(async (app, s) => {
      const mapping = options.map ? s.loadMapping(options.map) : undefined;
      // Open review tasks before and after: what this import left for a steward to decide.
      const openTasks = async () =>
        Number((await app.get(s.Database).query<{ n: number | string }>(`SELECT count(*) AS n FROM review_task WHERE entity_type = ? AND status = 'open'`, [options.entity]))[0].n);
      const tasksBefore = await openTasks();
      const progress = new ProgressBar();
      const report = await app.get(s.FileImportService).import({
        entityType: options.entity,
        source: options.source,
        file: options.file,
        mapping,
        mappingFile: options.map,
        encoding: options.encoding,
        reportsDir: options.reportsDir,
        batchSize: options.batchSize,
        actor: s.cliActor(), // the same actor in golden history as in the audit log
        onProgress: (p) => progress.update(p.bytesRead, p.totalBytes, p.records, p.rejected),
      });
      progress.finish();
      const tasksAfter = await openTasks();
      const n = (value: number) => value.toLocaleString('en-US').padStart(10);
      const byCode = Object.entries(report.warnings).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
      const warned = byCode.reduce((sum, [, count]) => sum + count, 0);
      const warningCounts = byCode.map(([code, count]) => `${count.toLocaleString('en-US')} ${code}`).join(', ');
      console.log(
        [
          `imported ${options.file} as ${options.entity} records of source ${options.source} in ${report.seconds.toFixed(1)} s`,
          `  records read    ${n(report.records)}`,
          `  accepted        ${n(report.created + report.updated)}   (created ${report.created.toLocaleString('en-US')}, updated ${report.updated.toLocaleString('en-US')})`,
          `  unchanged       ${n(report.unchanged)}`,
          `  rejected        ${n(report.rejected)}${report.rejectsFile ? `   -> ${report.rejectsFile}` : ''}`,
          `  warnings        ${n(warned)}${warned > 0 ? `   (${warningCounts})   -> ${report.warningsFile}` : ''}`,
          // A warning on the whole file (a mapped key no record had) is shown in full: it is about the mapping, and there are few.
          ...report.fileWarnings.map((w) => `    ${w.code}: ${w.message}`),
          `  golden created  ${n(report.goldenCreated)}`,
          `  golden updated  ${n(report.goldenUpdated)}`,
          `  review tasks    ${n(tasksAfter)} open${tasksAfter !== tasksBefore ? `   (${tasksAfter > tasksBefore ? '+' : ''}${(tasksAfter - tasksBefore).toLocaleString('en-US')} by this import; list them: reviewTasks in GraphQL)` : ''}`,
          `  throughput      ${n(Math.round(report.recordsPerSecond))} records/s`,
        ].join('\n'),
      );
    }),
  );

const rules = program.command('rules').description('matching rules: check them, train them on your data');
rules
  .command('check')
  .description('validate the rules in use (CANON_RULES_DIR, else the shipped defaults), or one file')
  .option('--file <rules.json>', 'a rules file to check instead')
  .addOption(new Option('--entity <type>', 'the entity type to check (with --file: the one the file is for)').choices([...ENTITY_TYPES]))
  .action((options: { file?: string; entity?: EntityType }) => {
    const s = services();
    const config = loadConfig();
    const targets: [EntityType, string][] = options.file
      ? [[options.entity ?? (options.file.includes('product') ? 'product' : 'customer'), options.file]]
      : (options.entity ? [options.entity] : ENTITY_TYPES).map((t) => [t, s.rulesPath(t, config.rulesDir)]);
    for (const [entityType, path] of targets) {
      const loaded = s.loadRulesFile(path, entityType);
      console.log(`${entityType}: ${path} is valid (${loaded.blocking.length} blocking rules, ${loaded.comparisons.length} comparisons)`);
    }
  });
rules
  .command('train')
  .description('estimate m, u, the prior and term frequencies from the stored records (EM, unsupervised) and write the rules file')
  .addOption(entityOption())
  .option('--out <file>', 'where to write (default: CANON_RULES_DIR/<entity>.rules.json; the hub reads it at its next start)')
  .option('--max-records <n>', 'records to sample (default 100000)', parseInteger)
  .option('--force', 'write the rules even when there are too few records (under 1000) for reliable m and u')
  .action((options: { entity: EntityType; out?: string; maxRecords?: number; force?: boolean }) =>
    withServices(async (app, s) => {
      const minimum = s.MIN_TRAINING_RECORDS;
      const training = app.get(s.RulesTrainingService).train(options.entity, { maxRecords: options.maxRecords, minRecords: options.force ? undefined : minimum });
      const { rules: trained, report } = await training.catch((error: unknown) => {
        if (!(error instanceof s.TooFewTrainingRecordsError)) throw error;
        const limited = options.maxRecords !== undefined && error.records >= options.maxRecords ? ` (--max-records ${options.maxRecords} limits the sample)` : '';
        const pairs = (error.records * (error.records - 1)) / 2;
        throw new Error(
          `refusing to write ${options.entity} rules trained on only ${error.records.toLocaleString('en-US')} live records${limited}; ` +
            `at least ${minimum.toLocaleString('en-US')} are needed. m and u estimated from so few are unreliable: they make only ` +
            `${pairs.toLocaleString('en-US')} distinct pairs, so the u of rare agreements comes out extreme (such as 5e-06) and EM fits m ` +
            `to a handful of candidate pairs, and the hub would use these rules at its next start. ` +
            `Import more records, or pass --force to write them anyway.`,
        );
      });
      if (report.records < minimum) {
        console.error(
          `warning: trained on only ${report.records.toLocaleString('en-US')} ${options.entity} records, fewer than ${minimum.toLocaleString('en-US')}: ` +
            `m and u are unreliable; check the rules file before the hub uses it at its next start`,
        );
      }
      const out = options.out ?? join(loadConfig().rulesDir, `${options.entity}.rules.json`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(trained, null, 2)}\n`);
      const details = { file: out, records: report.records, prior: report.prior };
      await app.get(s.AuditLogService).record({ actor: s.cliActor(), action: 'rules.trained', targetType: 'rules', targetId: options.entity, details });
      console.log(`trained ${options.entity} rules on ${report.records.toLocaleString('en-US')} records and ${report.randomPairs.toLocaleString('en-US')} random pairs`);
      for (const r of report.rules) console.log(`  ${r.blocking.padEnd(18)} ${String(r.pairs).padStart(8)} pairs, match share ${r.matchShare.toFixed(3)}, ${r.iterations} EM iterations`);
      console.log(`  prior ${report.prior.toPrecision(3)}; written to ${out}`);
    }),
  );

program
  .command('recompute')
  .description('re-key stored records and recompute golden records under the rules and trust rankings in force (after changing them); pins and decisions stay')
  .addOption(entityOption())
  .option('--source <code>', 'only golden records with a record from this source (after changing its trust)')
  .action((options: { entity: EntityType; source?: string }) =>
    withServices(async (app, s) => {
      const report = await app.get(s.RecomputeService).applyRules({ entityType: options.entity, source: options.source, actor: s.cliActor() });
      if (!options.source) console.log(`re-keyed ${report.rekeyed.toLocaleString('en-US')} source records whose blocking keys changed`);
      console.log(`recomputed ${report.examined.toLocaleString('en-US')} golden ${options.entity} records: ${report.changed.toLocaleString('en-US')} changed`);
    }),
  );

program
  .command('audit')
  .description('list administrative actions (keys, source systems, webhooks, rules), newest first')
  .option('--action <action>', 'only this action, e.g. api_key.created')
  .option('--limit <n>', 'entries to show (1-1000, default 50)', parseAuditLimit, 50)
  .action((options: { action?: string; limit: number }) =>
    withServices(async (app, s) => {
      const page = await app.get(s.AuditLogService).page({ action: options.action }, options.limit, null);
      for (const { node: e } of page.edges) {
        console.log([e.at, e.actor, e.action, `${e.targetType}${e.targetId ? `:${e.targetId}` : ''}`, e.details ? JSON.stringify(e.details) : ''].join('\t'));
      }
    }),
  );

const exportCommand = program.command('export').description('export golden records or the crosswalk');
exportCommand
  .command('crosswalk')
  .description('CSV source,sourceId,goldenId for every live source record')
  .addOption(entityOption())
  .option('--out <file>', 'write to a file instead of standard output')
  .action((options: { entity: EntityType; out?: string }) =>
    withServices((app, s) =>
      writeLines(options.out, async (write) => {
        await write('source,sourceId,goldenId\n');
        return app.get(s.GoldenRecordQueryService).forEachCrosswalkEntry(options.entity, (e) => write(`${csvCell(e.source)},${csvCell(e.sourceId)},${e.goldenId}\n`));
      }),
    ),
  );
exportCommand
  .command('golden')
  .description('NDJSON, one golden record a line: { id, entityType, version, status, attributes }, and mergedInto (the survivor) for a merged one')
  .addOption(entityOption())
  .option('--out <file>', 'write to a file instead of standard output')
  .option('--since <time>', 'only golden records changed at or after this ISO 8601 time: a delta since the previous export (start it at the time that one started)', parseSince)
  .action((options: { entity: EntityType; out?: string; since?: string }) =>
    withServices((app, s) =>
      writeLines(options.out, (write) =>
        app.get(s.GoldenRecordQueryService).forEachGolden(options.entity, { since: options.since }, (g) => {
          // A merged record names its survivor, so a downstream system can follow it; other lines have no mergedInto.
          const mergedInto = g.status === 'merged' && g.mergedInto ? { mergedInto: g.mergedInto } : {};
          return write(`${JSON.stringify({ id: g.id, entityType: g.entityType, version: g.version, status: g.status, ...mergedInto, attributes: g.attributes })}\n`);
        }),
      ),
    ),
  );

/** Streams lines to a file or stdout, waiting for the stream to drain; reports the count on stderr. */
/** Streams lines out; when the stream's buffer is full, `write` returns a promise the producer awaits (one drain at a time). */
async function writeLines(out: string | undefined, produce: (write: (line: string) => Promise<void> | undefined) => Promise<number>): Promise<void> {
  const stream = out ? createWriteStream(out) : process.stdout;
  // `canon export … | head`: the reader has what it wanted; stop quietly, as Unix tools do.
  if (!out) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const count = await produce((line) => (stream.write(line) ? undefined : once(stream, 'drain').then(() => undefined)));
  if (out) await new Promise<void>((resolve, reject) => (stream as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
  console.error(`exported ${count.toLocaleString('en-US')} rows${out ? ` to ${out}` : ''}`);
}

/** Boots the services (storage from DATABASE_URL, migrated), runs `work`, and shuts down. */
async function withServices<T>(
  work: (app: INestApplicationContext, s: typeof CliServices) => Promise<T>,
): Promise<T> {
  const loaded = services();
  return loaded.withServices((app) => work(app, loaded));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('not an integer');
  return n;
}

function parseSince(value: string): string {
  // A date without a zone would be read in the machine's zone: golden records keep UTC times.
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    throw new InvalidArgumentError('not an ISO 8601 date or time with a zone (2026-11-27, 2026-11-27T08:00:00Z)');
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new InvalidArgumentError('not a real date');
  return time.toISOString();
}

function parseBatchSize(value: string): number {
  const n = parseInteger(value);
  if (n < 1 || n > 5000) throw new InvalidArgumentError('not from 1 to 5000');
  return n;
}

function parseAuditLimit(value: string): number {
  const n = parseInteger(value);
  if (n < 1 || n > 1000) throw new InvalidArgumentError('not from 1 to 1000');
  return n;
}

function parseTrustList(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',').filter(Boolean)) {
    const [attribute, rank] = part.split('=');
    if (!attribute || rank === undefined) throw new InvalidArgumentError(`"${part}" is not attribute=rank`);
    out[attribute.trim()] = parseInteger(rank.trim());
  }
  return out;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof CanonError || error instanceof Error ? error.message : String(error);
  console.error(`canon: ${message}`);
  process.exitCode = error instanceof CanonError ? 2 : 1;
});

/** `--expires 90d` (or h, m) counts from now; anything else is passed on as a timestamp, checked by the service. */
function expiryFrom(value: string | undefined): string | undefined {
  const lifetime = value ? /^(\d+)([dhm])$/.exec(value.trim()) : null;
  if (!lifetime) return value;
  const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000 }[lifetime[2] as 'd' | 'h' | 'm'];
  return new Date(Date.now() + Number(lifetime[1]) * unitMs).toISOString();
}

function keyState(key: { revokedAt: string | null; expiresAt: string | null }): string {
  if (key.revokedAt) return `revoked ${key.revokedAt}`;
  if (key.expiresAt) return `${Date.parse(key.expiresAt) <= Date.now() ? 'expired' : 'expires'} ${key.expiresAt}`;
  return 'active';
}
