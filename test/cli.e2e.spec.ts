import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { CANON_BIN, exportGolden as exportGoldenRecords, readLines, runCli } from './support/cli';
import { DIALECTS } from './support/hub';

// The `canon` command as an operator uses it: compiled, in its own process, on each storage engine.
describe.each(DIALECTS)('canon CLI (%s)', (dialect) => {
  let scratch: ScratchDatabase;
  let dir: string;
  const canon = (...args: string[]) => runCli(args, scratch.url);
  const exportGolden = (entity: string) => exportGoldenRecords(scratch.url, dir, entity);

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canon-cli-'));
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a fresh database, then finds it up to date', async () => {
    const first = await canon('migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied Init\d+/);
    const again = await canon('migrate');
    expect(again.stdout.trim()).toBe('database is up to date');
  });

  it('registers source systems with trust, and refuses a duplicate', async () => {
    expect((await canon('source', 'add', 'crm', '--name', 'Sales CRM', '--trust', '60', '--attribute-trust', 'email=90')).code).toBe(0);
    expect((await canon('source', 'add', 'shop')).code).toBe(0);
    const duplicate = await canon('source', 'add', 'crm');
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/already exists/);
    const list = await canon('source', 'list');
    expect(list.stdout).toContain('crm\tSales CRM\ttrust=60\temail=90');
  });

  it('creates API keys, prints each once, and lists them without the secret', async () => {
    const created = await canon('keys', 'create', '--role', 'source', '--source', 'crm', '--name', 'crm-loader');
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^canon_[A-Za-z0-9_-]{43}$/);
    expect((await canon('keys', 'create', '--role', 'reader', '--pii', '--name', 'analyst')).code).toBe(0);
    const list = await canon('keys', 'list');
    expect(list.stdout).toContain('crm-loader\tsource\tcrm\t-\t');
    expect(list.stdout).toContain('analyst\treader\t-\tpii\t');
    expect((await canon('keys', 'create', '--role', 'reader', '--name', 'temp', '--expires', '90d')).code).toBe(0);
    const expiry = /temp\treader\t-\t-\tcanon_\S+\texpires (\S+)/.exec((await canon('keys', 'list')).stdout)?.[1];
    expect(Date.parse(expiry!) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const pastExpiry = await canon('keys', 'create', '--role', 'reader', '--expires', '2001-01-01T00:00:00Z');
    expect(pastExpiry.code).toBe(2);
    expect(pastExpiry.stderr).toMatch(/expiresAt 2001-01-01T00:00:00.000Z is in the past/);
    expect(list.stdout).not.toContain(key);
    const noSource = await canon('keys', 'create', '--role', 'source');
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toMatch(/must name its source system/);
    const badRole = await canon('keys', 'create', '--role', 'king');
    expect(badRole.code).not.toBe(0);
  });

  it('imports a CSV with a mapping; a second import of the same file changes nothing', async () => {
    const file = join(dir, 'people.csv');
    writeFileSync(
      file,
      [
        'id;first;last;mail;born;internal_note',
        '1;Ann;Lee;ann@example.com;19800131;x',
        '2;Anne;Lee;ANN@example.com;19800131;y',
        '3;Bo;Berg;bo@example.com;19700101;',
        '4;Cy;Ng;cy@example.com;19551192;',
      ].join('\n'),
    );
    const mapping = join(dir, 'people.map.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: { id: 'sourceId', first: 'givenName', last: 'familyName', mail: 'email', born: 'birthDate', internal_note: null },
        dates: { birthDate: 'YYYYMMDD' },
        constants: { country: 'SE' },
      }),
    );
    const first = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--map', mapping);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/accepted\s+3\b/);
    expect(first.stdout).toMatch(/rejected\s+1\b/);
    expect(first.stdout).toMatch(/golden created\s+2\b/);
    expect(first.stdout).toMatch(/records\/s/);
    const rejects = readLines(`${file}.rejects.ndjson`).map((l) => JSON.parse(l));
    expect(rejects).toEqual([expect.objectContaining({ line: 5, sourceId: '4', errors: [expect.objectContaining({ field: 'birthDate', code: 'INVALID_FORMAT' })] })]);
    // The record as the file has it, before the mapping renamed its columns and rearranged its date.
    expect(rejects[0].record).toMatchObject({ id: '4', born: '19551192' });
    const before = await exportGolden('customer');
    expect(before).toHaveLength(2);
    expect(before.find((g) => g.attributes.familyName === 'Lee')).toMatchObject({
      entityType: 'customer',
      version: 1,
      status: 'active',
      attributes: { email: 'ann@example.com', birthDate: '1980-01-31', country: 'SE' },
    });

    const second = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--map', mapping);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/unchanged\s+3\b/);
    expect(second.stdout).toMatch(/golden updated\s+0\b/);
    expect(await exportGolden('customer')).toEqual(before);

    // Nothing changed in the rules or trust: a recompute finds every golden record as it is.
    const recompute = await canon('recompute', '--entity', 'customer', '--source', 'crm');
    expect(recompute.code).toBe(0);
    expect(recompute.stdout).toMatch(/^recomputed [1-9]\d* golden customer records: 0 changed$/m);
    expect(await exportGolden('customer')).toEqual(before);
  });

  it('lists every kind of bad input in the rejects file and keeps the good records of the same file', async () => {
    const file = join(dir, 'products.ndjson');
    const lines = [
      JSON.stringify({ sourceId: 'g1', gtin: '4006381333931', name: 'Pen', price: 1.5, currency: 'EUR' }),
      '{"sourceId": "broken", "name": ',
      JSON.stringify({ sourceId: 'b1', name: 'Pen', price: 'cheap' }),
      JSON.stringify({ sourceId: 'b2', name: 'Pen', weight: 12 }),
      JSON.stringify({ sourceId: 'b3', gtin: '4006381333932', name: 'Pen' }),
      JSON.stringify({ sourceId: 'b4', name: 'Pen', description: 'x'.repeat(10 * 1024 * 1024) }),
      '',
      JSON.stringify({ sourceId: 'g2', gtin: '96385074', name: 'Notebook' }),
    ];
    writeFileSync(file, lines.join('\n'));
    const result = await canon('import', '--entity', 'product', '--source', 'shop', '--file', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accepted\s+2\b/);
    expect(result.stdout).toMatch(/rejected\s+5\b/);
    const rejects = readLines(`${file}.rejects.ndjson`).map((l) => JSON.parse(l));
    const byLine = Object.fromEntries(rejects.map((r) => [r.line, r.errors[0]]));
    expect(byLine[2]).toMatchObject({ code: 'INVALID_JSON' });
    expect(byLine[3]).toMatchObject({ field: 'price', code: 'WRONG_TYPE' });
    expect(byLine[4]).toMatchObject({ field: 'weight', code: 'UNKNOWN_FIELD' });
    expect(byLine[5]).toMatchObject({ field: 'gtin', code: 'INVALID_GTIN' });
    expect(byLine[6]).toMatchObject({ field: 'description', code: 'TOO_LONG' });
    // The 10 MB value is cut in the rejects file so that it stays readable.
    expect(readFileSync(`${file}.rejects.ndjson`, 'utf8').length).toBeLessThan(20_000);
    expect((await exportGolden('product')).map((g) => g.attributes.name).sort()).toEqual(['Notebook', 'Pen']);
  });

  it('says how many review tasks are open after an import, and how many it opened', async () => {
    const file = join(dir, 'twins.ndjson');
    const home = { familyName: 'Dekker', birthDate: '1987-11-24', addressLine1: 'Dorpsstraat 73', postalCode: '9743 WV', city: 'Groningen', country: 'NL' };
    writeFileSync(
      file,
      [
        { sourceId: 't1', givenName: 'Daan', email: 'd.dekker@xs4all.nl', phone: '+31 6 19300490', ...home },
        { sourceId: 't2', givenName: 'Dana', email: 'dana_dekker@hotmail.com', phone: '+31 6 38309910', ...home },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const run = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file);
    expect(run.code).toBe(0);
    const open = Number(/review tasks\s+(\d+) open/.exec(run.stdout)?.[1]);
    expect(open).toBeGreaterThanOrEqual(1);
    expect(run.stdout).toMatch(/review tasks\s+\d+ open\s+\(\+1 by this import/);
    const again = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file);
    expect(again.stdout).toMatch(new RegExp(`review tasks\\s+${open} open\\n`));
    // Tombstoned again, so the tests after this one see the crosswalk they built.
    writeFileSync(file, ['t1', 't2'].map((sourceId) => JSON.stringify({ sourceId, deleted: true })).join('\n'));
    expect((await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file)).code).toBe(0);
  });

  it('refuses to import from an unknown source, or an unknown format, and writes nothing', async () => {
    const file = join(dir, 'other.csv');
    writeFileSync(file, 'sourceId,familyName\nz1,Zed\n');
    const unknown = await canon('import', '--entity', 'customer', '--source', 'nowhere', '--file', file);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown source system "nowhere"/);
    const txt = join(dir, 'other.txt');
    writeFileSync(txt, 'x');
    const format = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', txt);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/\.csv .* \.ndjson/);
    expect(existsSync(`${file}.rejects.ndjson`)).toBe(false);
    expect((await exportGolden('customer')).some((g) => g.attributes.familyName === 'Zed')).toBe(false);
  });

  it('exports the crosswalk of live source records as CSV', async () => {
    const tombstone = join(dir, 'delete.ndjson');
    writeFileSync(tombstone, JSON.stringify({ sourceId: '3', deleted: true }));
    expect((await canon('import', '--entity', 'customer', '--source', 'crm', '--file', tombstone)).code).toBe(0);
    const out = join(dir, 'crosswalk.csv');
    const result = await canon('export', 'crosswalk', '--entity', 'customer', '--out', out);
    expect(result.code).toBe(0);
    const [header, ...rows] = readLines(out);
    expect(header).toBe('source,sourceId,goldenId');
    expect(rows.map((r) => r.split(',').slice(0, 2).join(',')).sort()).toEqual(['crm,1', 'crm,2']);
    const goldenIds = new Set(rows.map((r) => r.split(',')[2]));
    expect(goldenIds.size).toBe(1);
    const stdout = await canon('export', 'crosswalk', '--entity', 'customer');
    expect(stdout.stdout.trim().split('\n')).toHaveLength(3);
    const golden = await exportGolden('customer');
    expect(golden.find((g) => g.attributes.familyName === 'Berg')).toMatchObject({ status: 'deleted', version: 2 });
  });

  it('stops quietly, exit code 0, when the reader of an export closes the pipe (canon export … | head -1)', async () => {
    // Enough products that the export outruns the pipe's buffer and is still writing when the reader goes.
    const file = join(dir, 'catalogue.ndjson');
    const line = (i: number) => JSON.stringify({ sourceId: `p${i}`, name: `Lumetra Lamp model LX${1000 + i} with a long title`, brand: 'Lumetra', price: i });
    writeFileSync(file, Array.from({ length: 3000 }, (_, i) => line(i)).join('\n'));
    await canon('source', 'add', 'catalogue');
    expect((await canon('import', '--entity', 'product', '--source', 'catalogue', '--file', file)).code).toBe(0);
    const child = spawn(process.execPath, [CANON_BIN, 'export', 'golden', '--entity', 'product'], {
      env: { ...process.env, DATABASE_URL: scratch.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy()); // `head -1` has its line and exits
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it('checks rules files and names what is wrong in a bad one', async () => {
    const shipped = await canon('rules', 'check');
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toMatch(/^customer: .*customer\.rules\.json is valid/m);
    expect(shipped.stdout).toMatch(/^product: .*product\.rules\.json is valid/m);
    const one = await canon('rules', 'check', '--entity', 'product');
    expect(one.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^product: .*product\.rules\.json is valid/)]);
    const bad = join(dir, 'bad.rules.json');
    const rules = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'rules', 'customer.rules.json'), 'utf8'));
    rules.thresholds = { match: 0.4, review: 0.9 };
    rules.blocking.push({ name: 'shoe', on: ['shoeSize'] });
    writeFileSync(bad, JSON.stringify(rules));
    const result = await canon('rules', 'check', '--file', bad, '--entity', 'customer');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('bad.rules.json');
    expect(result.stderr).toMatch(/shoeSize/);
    expect(result.stderr).toMatch(/threshold/i);
  });

  it('trains m, u and the prior on the stored records and writes a rules file the hub accepts', async () => {
    // A slice of Febrl 3 (synthetic people with known duplicates), through the same import as users run.
    const file = join(dir, 'febrl3.csv');
    copyFileSync(join(__dirname, 'fixtures', 'febrl3-sample.csv'), file);
    const mapping = join(__dirname, '..', 'bench', 'quality', 'mappings', 'febrl3.json');
    expect((await canon('source', 'add', 'febrl')).code).toBe(0);
    expect((await canon('import', '--entity', 'customer', '--source', 'febrl', '--file', file, '--map', mapping)).code).toBe(0);
    const out = join(dir, 'trained', 'customer.rules.json');
    // 395 records: below the minimum for reliable m and u, so the rules are written only when forced.
    const trained = await canon('rules', 'train', '--entity', 'customer', '--out', out, '--force');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/trained customer rules on \d+ records/);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const shipped = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'rules', 'customer.rules.json'), 'utf8'));
    expect(written.prior).not.toBe(shipped.prior);
    expect(written.comparisons[0].levels.map((l: any) => l.m)).not.toEqual(shipped.comparisons[0].levels.map((l: any) => l.m));
    expect(Object.keys(written.termFrequencies ?? {})).not.toHaveLength(0);
    expect((await canon('rules', 'check', '--file', out, '--entity', 'customer')).code).toBe(0);
  });

  it('reads a Windows-1252 export with --encoding; refuses an encoding it cannot read, or a UTF-8 file named otherwise, and writes nothing', async () => {
    expect((await canon('source', 'add', 'erp')).code).toBe(0);
    // As a spreadsheet saves it on Windows: ü FC, ß DF, é E9, € 80.
    const cp1252 = (text: string) => Buffer.from([...text].map((c) => ({ ü: 0xfc, ß: 0xdf, é: 0xe9, '€': 0x80 })[c] ?? c.charCodeAt(0)));
    const file = join(dir, 'erp-export.csv');
    writeFileSync(file, cp1252('sourceId;givenName;familyName;addressLine1;city\r\nE1;Jürgen;Müller;Hauptstraße 5;Köln\r\nE2;Désirée;Weiß;Rue de l€glise 1;Paris\r\n'));
    const unreadable = await canon('import', '--entity', 'customer', '--source', 'erp', '--file', file);
    expect(unreadable.stdout).toMatch(/rejected\s+2\b/); // read as UTF-8, nothing of it is
    expect(readLines(`${file}.rejects.ndjson`).map((l) => JSON.parse(l).errors[0].message)).toEqual([
      expect.stringContaining('line 2 is not valid UTF-8: save the file as UTF-8, or name the encoding it is in (--encoding windows-1252)'),
      expect.stringContaining('line 3 is not valid UTF-8'),
    ]);
    const result = await canon('import', '--entity', 'customer', '--source', 'erp', '--file', file, '--encoding', 'cp1252');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accepted\s+2\b/);
    const golden = (await exportGolden('customer')).filter((g) => ['Müller', 'Weiß'].includes(String(g.attributes.familyName)));
    expect(golden.map((g) => g.attributes).sort((a, b) => String(a.familyName).localeCompare(String(b.familyName)))).toEqual([
      expect.objectContaining({ givenName: 'Jürgen', familyName: 'Müller', addressLine1: 'Hauptstraße 5', city: 'Köln' }),
      expect.objectContaining({ givenName: 'Désirée', familyName: 'Weiß', addressLine1: 'Rue de l€glise 1' }),
    ]);

    const utf16 = await canon('import', '--entity', 'customer', '--source', 'erp', '--file', file, '--encoding', 'utf-16le');
    expect(utf16.code).toBe(1);
    expect(utf16.stderr).toMatch(/encoding "utf-16le" \(utf-16le\) is not supported/);
    const utf8 = join(dir, 'utf8-with-bom.csv');
    writeFileSync(utf8, '\uFEFFsourceId,familyName\nE9,Zoë\n');
    const misnamed = await canon('import', '--entity', 'customer', '--source', 'erp', '--file', utf8, '--encoding', 'latin1');
    expect(misnamed.code).toBe(1);
    expect(misnamed.stderr).toMatch(/starts with a UTF-8 byte-order mark, so it is UTF-8, not windows-1252/);
    expect(existsSync(`${utf8}.rejects.ndjson`)).toBe(false);
    expect((await exportGolden('customer')).some((g) => g.attributes.familyName === 'Zoë')).toBe(false);
  });

  it('writes the rejects where --reports-dir says, and refuses a folder it cannot write to before importing', async () => {
    expect((await canon('source', 'add', 'reporting')).code).toBe(0);
    const file = join(dir, 'reported.ndjson');
    writeFileSync(file, [JSON.stringify({ sourceId: 'R1', familyName: 'Reported' }), JSON.stringify({ sourceId: 'R2', shoeSize: 44 })].join('\n'));
    const reports = join(dir, 'reports', 'today');
    const result = await canon('import', '--entity', 'customer', '--source', 'reporting', '--file', file, '--reports-dir', reports);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(join(reports, 'reported.ndjson.rejects.ndjson'));
    expect(readLines(join(reports, 'reported.ndjson.rejects.ndjson')).map((l) => JSON.parse(l).sourceId)).toEqual(['R2']);
    expect(existsSync(`${file}.rejects.ndjson`)).toBe(false);

    const notAFolder = await canon('import', '--entity', 'customer', '--source', 'reporting', '--file', file, '--reports-dir', file);
    expect(notAFolder.code).toBe(1);
    expect(notAFolder.stdout).not.toMatch(/imported/);
    expect(notAFolder.stderr).toMatch(/cannot write the rejects and warnings files in .*reported\.ndjson \(EEXIST\): pass --reports-dir with a folder you can write to/);
  });
});
