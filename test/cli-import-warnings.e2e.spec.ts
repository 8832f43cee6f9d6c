import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../src/common/database/scratch-database';
import { exportGolden as exportGoldenRecords, readLines, runCli } from './support/cli';
import { DIALECTS } from './support/hub';

// `canon import` as a newcomer meets it: out-of-range options, lenient fields, Windows line ends.
describe.each(DIALECTS)('canon import: options, warnings, line ends (%s)', (dialect) => {
  let scratch: ScratchDatabase;
  let dir: string;
  const canon = (...args: string[]) => runCli(args, scratch.url);
  const exportGolden = (entity: string) => exportGoldenRecords(scratch.url, dir, entity);

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canon-cli-import-'));
    expect((await canon('migrate')).code).toBe(0);
    expect((await canon('source', 'add', 'crm')).code).toBe(0);
    expect((await canon('source', 'add', 'shop')).code).toBe(0);
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a batch size outside 1-5000 and imports nothing', async () => {
    const file = join(dir, 'batch.csv');
    writeFileSync(file, 'sourceId,familyName\nb1,Batch\n');
    for (const size of ['0', '99999', '2.5']) {
      const result = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--batch-size', size);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/--batch-size/);
    }
    expect((await exportGolden('customer')).some((g) => g.attributes.familyName === 'Batch')).toBe(false);
    const ok = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--batch-size', '5000');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/accepted\s+1\b/);
  });

  it('warns on a sourceId an earlier line of the file had, naming that line', async () => {
    const file = join(dir, 'repeated.csv');
    writeFileSync(file, 'sourceId,familyName,city\nr1,Repeat,Lyon\nr2,Other,Nice\nr1,Repeat,Paris\n');
    const result = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(1 REPEATED_SOURCE_ID)');
    expect(readLines(`${file}.warnings.ndjson`).map((l) => JSON.parse(l))).toEqual([
      { line: 4, sourceId: 'r1', code: 'REPEATED_SOURCE_ID', field: 'sourceId', message: expect.stringMatching(/also on line 2: this later record replaces it/) },
    ]);
  });

  it('reads national phone numbers of a file in the default country of its source', async () => {
    expect((await canon('source', 'add', 'uk-shop', '--country', 'GB')).code).toBe(0);
    const refused = await canon('source', 'add', 'nowhere', '--country', 'UK');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/"UK" is not an ISO 3166-1 alpha-2 country code/);
    expect((await canon('source', 'list')).stdout).toMatch(/uk-shop\t.*country=GB/);
    const file = join(dir, 'uk.csv');
    writeFileSync(file, 'sourceId,familyName,phone\nu1,Phoneless Country,020 7946 0958\n');
    expect((await canon('import', '--entity', 'customer', '--source', 'uk-shop', '--file', file)).code).toBe(0);
    const golden = await exportGolden('customer');
    expect(golden.find((g) => g.attributes.familyName === 'Phoneless Country')?.attributes.phone).toBe('+442079460958');
  });

  it('warns on a date written YYYY-MM-DD in a column the mapping says is DD/MM/YYYY, and reads it', async () => {
    const map = join(dir, 'dates.map.json');
    writeFileSync(map, JSON.stringify({ dates: { birthDate: 'DD/MM/YYYY' } }));
    const file = join(dir, 'dates.csv');
    writeFileSync(file, 'sourceId,familyName,birthDate\nd1,Layout,31/12/1980\nd2,Iso,1975-06-01\n');
    const result = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--map', map);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(1 DATE_LAYOUT)');
    expect(readLines(`${file}.warnings.ndjson`).map((l) => JSON.parse(l))).toEqual([
      { line: 3, sourceId: 'd2', code: 'DATE_LAYOUT', field: 'birthDate', message: '"1975-06-01" is not DD/MM/YYYY as the mapping says: read as YYYY-MM-DD' },
    ]);
    const golden = await exportGolden('customer');
    expect(golden.find((g) => g.attributes.familyName === 'Iso')?.attributes.birthDate).toBe('1975-06-01');
    expect(golden.find((g) => g.attributes.familyName === 'Layout')?.attributes.birthDate).toBe('1980-12-31');
  });

  it('reads two-digit years, and says which layout a date was not in when it rejects or drops it', async () => {
    const file = join(dir, 'short-years.csv');
    writeFileSync(file, 'sourceId,familyName,birthDate\ny1,Eighties,12.03.85\ny2,Dashed,12-03-1985\n');
    const strict = join(dir, 'short.map.json');
    writeFileSync(strict, JSON.stringify({ dates: { birthDate: 'DD.MM.YY' } }));
    const result = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--map', strict);
    expect(result.stdout).toMatch(/rejected\s+1\b/);
    expect(readLines(`${file}.rejects.ndjson`).map((l) => JSON.parse(l).errors)).toEqual([
      [{ field: 'birthDate', code: 'INVALID_FORMAT', message: expect.stringMatching(/: "12-03-1985" is not DD\.MM\.YY as the mapping says$/) }],
    ]);
    expect((await exportGolden('customer')).find((g) => g.attributes.familyName === 'Eighties')?.attributes.birthDate).toBe('1985-03-12');

    const lenient = join(dir, 'short-lenient.map.json');
    writeFileSync(lenient, JSON.stringify({ dates: { birthDate: 'DD.MM.YY' }, lenient: ['birthDate'] }));
    const dropped = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--map', lenient);
    expect(dropped.stdout).toContain('(1 DROPPED_INVALID)');
    expect(readLines(`${file}.warnings.ndjson`).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ sourceId: 'y2', code: 'DROPPED_INVALID', message: expect.stringMatching(/: "12-03-1985" is not DD\.MM\.YY as the mapping says$/) }),
    ]);
  });

  it('reads a GTIN without its leading zero, or sent as a JSON number, without a lenient mapping', async () => {
    // UPC-A 036000291452 as a spreadsheet writes it, and as a JSON number; a wrong check digit still rejects.
    const products = join(dir, 'upc.ndjson');
    writeFileSync(
      products,
      [
        { sourceId: 'u1', gtin: 36000291452, name: 'Tissue 12 pack' },
        { sourceId: 'u2', gtin: '36000291452', name: 'Tissue 12-pack' },
        { sourceId: 'u3', gtin: 36000291453, name: 'Tissue' },
      ]
        .map((p) => JSON.stringify(p))
        .join('\n'),
    );
    const result = await canon('import', '--entity', 'product', '--source', 'shop', '--file', products);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accepted\s+2\b/);
    expect(result.stdout).toMatch(/rejected\s+1\b/);
    expect(readLines(`${products}.rejects.ndjson`).map((l) => JSON.parse(l).errors)).toEqual([
      [{ field: 'gtin', code: 'INVALID_GTIN', message: 'the check digit is wrong: expected 2, got 3' }],
    ]);
    const tissues = (await exportGolden('product')).filter((g) => String(g.attributes.name).startsWith('Tissue'));
    expect(tissues).toHaveLength(1);
    expect(tissues[0].attributes.gtin).toBe('00036000291452');
  });

  it('counts the warnings by code in the summary and lists each in FILE.warnings.ndjson', async () => {
    // One mapping per entity type: a lenient field must be a field of the entity's contract.
    const lenient = join(dir, 'lenient.map.json');
    writeFileSync(lenient, JSON.stringify({ lenient: ['gtin'] }));
    const lenientPeople = join(dir, 'lenient-people.map.json');
    writeFileSync(lenientPeople, JSON.stringify({ lenient: ['birthDate'] }));
    const products = join(dir, 'products.ndjson');
    writeFileSync(products, [{ sourceId: 'p1', gtin: '4006381333932', name: 'Pen' }, { sourceId: 'p2', gtin: '4006381333931', name: 'Ink' }].map((p) => JSON.stringify(p)).join('\n'));
    const result = await canon('import', '--entity', 'product', '--source', 'shop', '--file', products, '--map', lenient);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rejected\s+0\b/);
    expect(result.stdout).toContain(`warnings                 1   (1 DROPPED_INVALID)   -> ${products}.warnings.ndjson`);
    expect(readLines(`${products}.warnings.ndjson`).map((l) => JSON.parse(l))).toEqual([
      { line: 1, sourceId: 'p1', code: 'DROPPED_INVALID', field: 'gtin', message: expect.stringMatching(/invalid value dropped .*check digit/) },
    ]);

    const people = join(dir, 'people.ndjson');
    const person = (sourceId: string, birthDate: string, updatedAt: string) => JSON.stringify({ sourceId, familyName: `Lee${sourceId}`, birthDate, updatedAt });
    writeFileSync(people, [person('c1', '1980-02-31', '2024-05-01T00:00:00Z'), person('c2', '1970-13-01', '2024-05-01T00:00:00Z'), person('c3', '1970-01-01', '2024-05-01T00:00:00Z')].join('\n'));
    expect((await canon('import', '--entity', 'customer', '--source', 'crm', '--file', people, '--map', lenientPeople)).stdout).toMatch(/warnings\s+2\s+\(2 DROPPED_INVALID\)/);
    writeFileSync(people, [person('c1', '1980-02-30', '2024-06-01T00:00:00Z'), person('c3', '1971-01-01', '2024-04-01T00:00:00Z')].join('\n'));
    const again = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', people, '--map', lenientPeople);
    expect(again.stdout).toMatch(/warnings\s+2\s+\(1 DROPPED_INVALID, 1 STALE_UPDATE\)/);
    expect(readLines(`${people}.warnings.ndjson`).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ line: 1, sourceId: 'c1', code: 'DROPPED_INVALID', field: 'birthDate' }),
      expect.objectContaining({ line: 2, sourceId: 'c3', code: 'STALE_UPDATE', field: 'updatedAt' }),
    ]);

    // A file without warnings leaves no warnings file, also none from an earlier import of it.
    writeFileSync(people, person('c4', '1990-01-01', '2024-05-01T00:00:00Z'));
    const clean = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', people);
    expect(clean.stdout).toMatch(/warnings\s+0$/m);
    expect(existsSync(`${people}.warnings.ndjson`)).toBe(false);
  });

  it('reads a CSV with Windows line ends and a quoted line break, and rejects only the line that is not UTF-8', async () => {
    const file = join(dir, 'windows.csv');
    writeFileSync(file, Buffer.from('sourceId,familyName,city\r\nY1,Muller,"Koln\r\nNord"\r\nY2,Wei\xdf,K\xf6ln\r\n', 'latin1'));
    const result = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accepted\s+1\b/);
    expect(result.stdout).toMatch(/rejected\s+1\b/);
    expect(readLines(`${file}.rejects.ndjson`).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ line: 4, errors: [expect.objectContaining({ code: 'INVALID_ENCODING', message: 'line 4 is not valid UTF-8: save the file as UTF-8, or name the encoding it is in (--encoding windows-1252)' })] }),
    ]);
    const golden = await exportGolden('customer');
    expect(golden.find((g) => g.attributes.familyName === 'Muller')?.attributes.city).toMatch(/^Koln\s+Nord$/);
    expect(golden.some((g) => JSON.stringify(g).includes('\uFFFD'))).toBe(false);
  });
});
