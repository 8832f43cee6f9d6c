import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/common/database/database';
import { createScratchDatabase, type ScratchDatabase } from '../../src/common/database/scratch-database';
import { CANON_SCHEMA } from '../../src/entities';
import { runCli } from '../support/cli';
import { DIALECTS } from '../support/hub';
import { INJECTION_STRINGS, malformedRecord, misreport, validCustomer, type Malformed } from '../support/malformed';
import { random, rowCounts, testSeed } from '../support/robustness';

// `canon import` (the compiled CLI, its own process) on NDJSON and CSV files full of malformed lines, on
// both storage engines: every bad line goes to the rejects file with its line number, field and reason,
// nothing of an all-bad file is written, and the good lines of a mixed file are kept.

const CSV_COLUMNS = ['sourceId', 'givenName', 'familyName', 'email', 'phone', 'birthDate', 'city', 'country'];

/** Lines that are not JSON objects at all, or not JSON. */
const UNREADABLE_NDJSON = [
  '{"sourceId": "x", "familyName": "Truncated"',
  "{'sourceId': 'single-quotes'}",
  '{"sourceId": "a", "familyName": "Trailing",}',
  'NaN',
  'undefined',
  '{"sourceId": "raw\u0001control", "familyName": "Raw"}', // a raw control character inside a JSON string is invalid JSON
  '{"sourceId": "nul\u0000", "familyName": "Nul"}',
  '{"sourceId": "bad-escape\\x41", "familyName": "Esc"}',
  '\u0000\u0001\u0002\u0003',
  '<?xml version="1.0"?><customer/>',
  ...INJECTION_STRINGS.filter((s) => !/^[\d"[{]/.test(s) && s !== '%'),
];

/** Lines that parse but are not records. */
const NOT_RECORDS: { line: string; field: string | null; codes: string[] }[] = [
  { line: '42', field: null, codes: ['NOT_AN_OBJECT'] },
  { line: '"a string"', field: null, codes: ['NOT_AN_OBJECT'] },
  { line: '[{"sourceId": "in-an-array", "familyName": "A"}]', field: null, codes: ['NOT_AN_OBJECT'] },
  { line: 'null', field: null, codes: ['NOT_AN_OBJECT'] },
  { line: '{"sourceId": "proto", "__proto__": {"familyName": "Polluted"}}', field: '__proto__', codes: ['UNKNOWN_FIELD'] },
  { line: '{"sourceId": "ctor", "familyName": "A", "constructor": {"prototype": {"x": 1}}}', field: 'constructor', codes: ['UNKNOWN_FIELD'] },
  { line: '{"sourceId": "inf", "familyName": "A", "birthDate": 1e400}', field: 'birthDate', codes: ['WRONG_TYPE'] },
  { line: '{"sourceId": "lone", "familyName": "\\ud800"}', field: 'familyName', codes: ['INVALID_CHARACTER'] },
  { line: '{"sourceId": "dup", "sourceId": 7, "familyName": "A"}', field: 'sourceId', codes: ['WRONG_TYPE'] },
  { line: `{"sourceId": "deep", "familyName": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`, field: 'familyName', codes: ['WRONG_TYPE'] },
];

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** A malformed customer that a CSV row can carry: string values in the CSV's columns, its defect not blank. */
function csvExpressible(m: Malformed): boolean {
  const record = m.record as Record<string, unknown>;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
  if (m.codes.includes('UNKNOWN_FIELD') || m.defect.includes('surrogate')) return false;
  if (!Object.entries(record).every(([k, v]) => CSV_COLUMNS.includes(k) && (typeof v === 'string' || v === null))) return false;
  // CSV has no null and no empty string: an empty cell is an absent value, which may be no defect at all.
  if (m.field !== null && m.field !== 'sourceId' && String(record[m.field] ?? '').trim() === '') return false;
  // The CSV reader trims cells, as the validator does; control characters it keeps.
  return true;
}

describe.each(DIALECTS)('fuzzing canon import with malformed files (%s)', (dialect) => {
  let scratch: ScratchDatabase;
  let database: Database;
  let dir: string;
  const canon = (...args: string[]) => runCli(args, scratch.url);
  const counts = () => rowCounts(database);
  const rejectsOf = (file: string) =>
    existsSync(`${file}.rejects.ndjson`)
      ? readFileSync(`${file}.rejects.ndjson`, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  const importFile = async (file: string) => {
    const result = await canon('import', '--entity', 'customer', '--source', 'crm', '--file', file, '--batch-size', '250');
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'canon-fuzz-cli-'));
    expect((await canon('migrate')).code).toBe(0);
    expect((await canon('source', 'add', 'crm')).code).toBe(0);
    database = await Database.open(scratch.config, CANON_SCHEMA, { migrate: false });
    // Something to keep intact.
    const seed = join(dir, 'seed.ndjson');
    writeFileSync(seed, `${JSON.stringify({ sourceId: 'seed:1', familyName: 'Lee', email: 'ann.lee@example.com' })}\n`);
    await importFile(seed);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rejects every line of an all-bad NDJSON file, each with its line number, field and reason, and writes nothing', async () => {
    const seed = testSeed(`fuzz-cli ndjson ${dialect}`);
    const generated = fc.sample(malformedRecord('customer'), { seed, numRuns: 400 });
    type Line = { text: string; check: (reject: any) => string | null };
    const lines: Line[] = [
      ...generated.map((m): Line => ({ text: JSON.stringify(m.record), check: (r) => misreportInFile(m, r) })),
      ...UNREADABLE_NDJSON.map((text): Line => ({
        text,
        check: (r) => (r.errors?.some((e: any) => e.code === 'INVALID_JSON' && e.field === null && e.message) ? null : `not INVALID_JSON: ${JSON.stringify(r).slice(0, 300)}`),
      })),
      ...NOT_RECORDS.map(({ line, field, codes }): Line => ({
        text: line,
        check: (r) => (r.errors?.some((e: any) => e.field === field && codes.includes(e.code) && e.message) ? null : `expected ${field} ${codes}: ${JSON.stringify(r).slice(0, 300)}`),
      })),
    ];
    random(seed).shuffle(lines);
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, lines.map((l) => l.text).join('\n') + '\n');
    const before = await counts();
    const result = await importFile(file);
    expect(await counts()).toEqual(before);
    const rejects = rejectsOf(file);
    expect(result.stdout).toMatch(new RegExp(`rejected\\s+${lines.length}\\b`));
    const byLine = new Map(rejects.map((r: any) => [r.line, r]));
    const problems = lines.flatMap((l, i) => {
      const reject = byLine.get(i + 1);
      if (!reject) return [`line ${i + 1} (${l.text.slice(0, 80)}) is not in the rejects file`];
      const wrong = l.check(reject);
      return wrong ? [`line ${i + 1}: ${wrong}`] : [];
    });
    expect(problems.slice(0, 20)).toEqual([]);
    expect(rejects).toHaveLength(lines.length);
  }, 120_000);

  it('keeps the good lines of a mixed NDJSON file and rejects the others', async () => {
    const seed = testSeed(`fuzz-cli mixed ndjson ${dialect}`);
    const items = fc.sample(
      fc.oneof(validCustomer.map((record) => ({ good: true as const, record })), malformedRecord('customer').map((m) => ({ good: false as const, m }))),
      { seed, numRuns: 300 },
    );
    const records = items.map((it, i) => (it.good ? { ...it.record, sourceId: `good:ndjson:${i}` } : it.m.record));
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const before = await counts();
    await importFile(file);
    const good = items.flatMap((it, i) => (it.good ? [`good:ndjson:${i}`] : []));
    const after = await counts();
    expect(after.source_record - before.source_record).toBe(good.length);
    const stored = await database.query<{ source_id: string }>(`SELECT source_id FROM source_record WHERE source_id LIKE 'good:ndjson:%'`);
    expect(stored.map((s) => s.source_id).sort()).toEqual([...good].sort());
    const rejects = rejectsOf(file);
    const problems = items.flatMap((it, i) => {
      if (it.good) return rejects.some((r: any) => r.line === i + 1) ? [`good line ${i + 1} rejected`] : [];
      const reject = rejects.find((r: any) => r.line === i + 1);
      const wrong = reject ? misreportInFile(it.m, reject) : `line ${i + 1} (${it.m.defect}) not rejected`;
      return wrong ? [wrong] : [];
    });
    expect(problems.slice(0, 20)).toEqual([]);
    expect(rejects).toHaveLength(items.length - good.length);
  }, 120_000);

  it('rejects every row of an all-bad CSV file with its line number, field and reason, and writes nothing', async () => {
    const seed = testSeed(`fuzz-cli csv ${dialect}`);
    const generated = fc.sample(malformedRecord('customer'), { seed, numRuns: 1500 }).map(asCsvReadsIt).filter(csvExpressible).slice(0, 300);
    expect(generated.length).toBeGreaterThan(100);
    type Row = { text: string; check: (reject: any) => string | null };
    const invalidCsv = (reject: any) => (reject.errors?.some((e: any) => e.code === 'INVALID_CSV' && e.field === null && e.message) ? null : `not INVALID_CSV: ${JSON.stringify(reject).slice(0, 300)}`);
    const rows: Row[] = [
      ...generated.map((m): Row => ({ text: CSV_COLUMNS.map((c) => csvCell((m.record as Record<string, unknown>)[c])).join(','), check: (r) => misreportInFile(m, r) })),
      { text: '"too","few"', check: invalidCsv },
      { text: Array.from({ length: 12 }, (_, i) => `"x${i}"`).join(','), check: invalidCsv },
      { text: `"unclosed,${'"x",'.repeat(6)}"y"`, check: () => null }, // csv-parse may swallow what follows; checked by count below
    ];
    const file = join(dir, 'bad.csv');
    // The unclosed quote goes last: it may swallow the rest of the file into one unreadable row.
    writeFileSync(file, [CSV_COLUMNS.join(','), ...rows.map((r) => r.text)].join('\n') + '\n');
    const before = await counts();
    const result = await importFile(file);
    expect(await counts()).toEqual(before);
    expect(result.stdout).toMatch(/accepted\s+0\b/);
    const rejects = rejectsOf(file);
    const byLine = new Map(rejects.map((r: any) => [r.line, r]));
    const problems = rows.flatMap((row, i) => {
      const reject = byLine.get(i + 2); // line 1 is the header
      if (!reject) return i === rows.length - 1 ? [] : [`line ${i + 2} (${row.text.slice(0, 80)}) is not in the rejects file`];
      const wrong = row.check(reject);
      return wrong ? [`line ${i + 2}: ${wrong}`] : [];
    });
    expect(problems.slice(0, 20)).toEqual([]);
    expect(rejects.length).toBeGreaterThanOrEqual(rows.length - 1);
  }, 120_000);

  it('rejects every row of a CSV file with an unknown column, naming the column, and keeps the good rows of a mixed CSV file', async () => {
    const unknown = join(dir, 'unknown-column.csv');
    writeFileSync(unknown, ['sourceId,familyName,loyaltyTier', 'u1,Lee,gold', 'u2,Kim,silver', `u3,"' OR 1=1 --","""; DROP TABLE golden_record; --"`].join('\n') + '\n');
    const before = await counts();
    await importFile(unknown);
    expect(await counts()).toEqual(before);
    const rejects = rejectsOf(unknown);
    expect(rejects.map((r: any) => [r.line, r.sourceId, r.errors.map((e: any) => [e.field, e.code])])).toEqual([
      [2, 'u1', [['loyaltyTier', 'UNKNOWN_FIELD']]],
      [3, 'u2', [['loyaltyTier', 'UNKNOWN_FIELD']]],
      [4, 'u3', [['loyaltyTier', 'UNKNOWN_FIELD']]],
    ]);

    const mixed = join(dir, 'mixed.csv');
    const rows = [
      ['good:csv:1', 'Ann', 'Lee', 'ann.lee@example.org', '', '1980-02-01', 'Sydney', 'AU'],
      ['bad:csv:1', 'Ann', 'Lee', 'not-an-email', '', '', '', ''],
      ['good:csv:2', 'Bob', `O'Brien; DROP TABLE source_record; --`, '', '+61 2 9876 5432', '', '%', 'AU'],
      ['bad:csv:2', 'Bob', 'Stone', '', '', '1980-02-30', '', ''],
      ['good:csv:3', '_', '%', '', '', '', '\\', ''],
      ['bad:csv:3', 'Eve', 'Ng', '', '', '', '', 'au'],
      ['bad:csv:4', 'Eve', 'Ng\u0007', '', '', '', '', ''],
      ['bad:csv:5', 'Eve', '   ', '', '---', '', '', ''],
    ];
    writeFileSync(mixed, [CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n');
    const beforeMixed = await counts();
    await importFile(mixed);
    expect((await counts()).source_record - beforeMixed.source_record).toBe(3);
    const stored = await database.query<{ source_id: string; attributes: string }>(`SELECT source_id, attributes FROM source_record WHERE source_id LIKE 'good:csv:%' ORDER BY source_id`);
    expect(stored.map((s) => s.source_id)).toEqual(['good:csv:1', 'good:csv:2', 'good:csv:3']);
    expect(JSON.parse(stored[1].attributes).familyName).toBe(`O'Brien; DROP TABLE source_record; --`);
    expect(JSON.parse(stored[2].attributes)).toMatchObject({ givenName: '_', familyName: '%', city: '\\' });
    expect(rejectsOf(mixed).map((r: any) => [r.line, r.sourceId, r.errors.map((e: any) => [e.field, e.code])])).toEqual([
      [3, 'bad:csv:1', [['email', 'INVALID_FORMAT']]],
      [5, 'bad:csv:2', [['birthDate', 'INVALID_FORMAT']]],
      [7, 'bad:csv:3', [['country', 'INVALID_VALUE']]],
      [8, 'bad:csv:4', [['familyName', 'INVALID_CHARACTER']]],
      [9, 'bad:csv:5', [[null, 'MISSING_IDENTITY']]],
    ]);
  }, 120_000);
});

/** The record as the CSV reader hands it on: cells trimmed by the validator later, blank ones absent. */
function asCsvReadsIt(m: Malformed): Malformed {
  const record = m.record;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return m;
  const read = Object.fromEntries(Object.entries(record).filter(([, v]) => !(v === null || (typeof v === 'string' && v.trim() === ''))));
  // A sourceId of null is an empty cell: absent, so required.
  return m.field === 'sourceId' && !('sourceId' in read) ? { ...m, record: read, codes: ['REQUIRED'] } : { ...m, record: read };
}

/** misreport() for a rejects-file line: its `line` is the record's position, its errors name the defect. */
function misreportInFile(m: Malformed, reject: any): string | null {
  return misreport(m, reject.line, { ...reject, index: reject.line, outcome: 'REJECTED', goldenId: null });
}
