import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvHeader, readRecords, type FileRow } from './record-reader';
import { TextLines } from './text-lines';

const dir = mkdtempSync(join(tmpdir(), 'canon-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(name: string, bytes: Buffer, encoding?: string): Promise<FileRow[]> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const rows: FileRow[] = [];
  for await (const row of readRecords(path, () => {}, encoding)) rows.push(row);
  return rows;
}

const LATIN1_E = Buffer.from([0xeb]); // "ë" in Latin-1: not UTF-8
/** Each row as `sourceId@line`, or `ERROR_CODE@line`. */
const tags = (rows: FileRow[]) => rows.map((r) => ('record' in r ? `${String(r.record.sourceId)}@${r.position}` : `${r.error.code}@${r.position}`));
const lines = (...parts: (string | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));

describe('reading source files', () => {
  it('rejects an NDJSON line that is not UTF-8 and keeps the others, accents included', async () => {
    const rows = await rowsOf('people.ndjson', lines('{"sourceId":"1","familyName":"Brontë"}\n', '{"sourceId":"2","familyName":"Bront', LATIN1_E, '"}\n', '{"sourceId":"3","familyName":"Zoë"}\n'));
    expect(rows.map((r) => ('record' in r ? r.record.familyName : r.error.code))).toEqual(['Brontë', 'INVALID_ENCODING', 'Zoë']);
    expect(rows[1]).toMatchObject({ position: 2, error: { message: 'line 2 is not valid UTF-8: save the file as UTF-8, or name the encoding it is in (--encoding windows-1252)' } });
  });

  it('rejects a CSV record with a broken byte, also one spanning lines, and keeps the others', async () => {
    const rows = await rowsOf(
      'people.csv',
      lines('sourceId,familyName,addressLine1\n', '1,Brontë,"Haworth\nParsonage"\n', '2,Bront', LATIN1_E, ',x\n', '3,Eyre,"Thorn', LATIN1_E, 'field\nHall"\n', '4,Rochester,x\n'),
    );
    expect(rows.map((r) => ('record' in r ? r.record.sourceId : `${r.error.code}@${r.position}`))).toEqual(['1', 'INVALID_ENCODING@4', 'INVALID_ENCODING@6', '4']);
    expect(rows[0]).toMatchObject({ record: { familyName: 'Brontë', addressLine1: 'Haworth\nParsonage' } });
  });

  it('with CRLF line ends, a quoted line break does not shift line numbers onto the next record', async () => {
    const sharpS = Buffer.from([0xdf]); // "ß" in Latin-1
    const oUmlaut = Buffer.from([0xf6]); // "ö" in Latin-1
    const file = (eol: string) =>
      lines(`sourceId,familyName,city${eol}Y1,Muller,"Koln${eol}Nord"${eol}Y2,Wei`, sharpS, ',K', oUmlaut, `ln${eol}Y3,Weiss,Bonn${eol}`);
    for (const eol of ['\n', '\r\n']) {
      const rows = await rowsOf(`crlf-${eol.length}.csv`, file(eol));
      expect(tags(rows)).toEqual(['Y1@3', 'INVALID_ENCODING@4', 'Y3@5']);
      expect(rows[0]).toMatchObject({ record: { city: `Koln${eol}Nord` } });
      expect(rows[1]).toMatchObject({ error: { message: 'line 4 is not valid UTF-8: save the file as UTF-8, or name the encoding it is in (--encoding windows-1252)' } });
    }
  });

  it('names the broken line of a record spanning lines; a lone CR ends a line, as in readline and csv-parse', async () => {
    const rows = await rowsOf('spans.csv', lines('sourceId,familyName,addressLine1\r\n', '1,"A\rB","Thorn', LATIN1_E, 'field\r\nHall"\r\n', '2,Eyre,x\r\n'));
    expect(tags(rows)).toEqual(['INVALID_ENCODING@4', '2@5']);
    expect(rows[0]).toMatchObject({ error: { message: 'line 3 is not valid UTF-8: save the file as UTF-8, or name the encoding it is in (--encoding windows-1252)' } });
  });

  it('reads a file with old Mac line ends (CR alone)', async () => {
    const rows = await rowsOf('mac.csv', lines('sourceId,familyName\r1,"Jane\rEyre"\r2,Bront', LATIN1_E, '\r3,Zoë\r'));
    expect(tags(rows)).toEqual(['1@3', 'INVALID_ENCODING@4', '3@5']);
  });

  it('keeps counting lines right past a byte-order mark and a record the CSV parser skips', async () => {
    const rows = await rowsOf('bom.csv', lines('\uFEFFsourceId,familyName\r\n', '\r\n', '1,"Jane\r\nEyre"\r\n', '2,"Bad"x"\r\n', '3,Bront', LATIN1_E, '\r\n', '4,Zoë\r\n'));
    expect(tags(rows)).toEqual(['1@4', 'INVALID_CSV@5', 'INVALID_ENCODING@6', '4@7']);
    expect(tags(await rowsOf('skip.csv', lines('sourceId,familyName\n', '1,Bront', LATIN1_E, '\n', '2,"Bad"x"\n', '3,Eyre\n')))).toEqual(['INVALID_ENCODING@2', 'INVALID_CSV@3', '3@4']);
  });

  it('decodes a character whose bytes arrive in two chunks', async () => {
    const decoder = new TextLines();
    const out: string[] = [];
    decoder.on('data', (text: string) => out.push(text));
    const bytes = Buffer.from('Zoë\nÅsa\n', 'utf8');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ë"
    decoder.write(bytes.subarray(0, split));
    decoder.end(bytes.subarray(split));
    await new Promise((resolve) => decoder.on('end', resolve));
    expect(out.join('')).toBe('Zoë\nÅsa\n');
    expect(decoder.invalidLines.size).toBe(0);
  });

  it('numbers lines ended by a \\r\\n split between two chunks once', async () => {
    const decoder = new TextLines();
    const out: string[] = [];
    decoder.on('data', (text: string) => out.push(text));
    decoder.write(Buffer.from('a\r'));
    decoder.write(Buffer.from('\nb\r'));
    decoder.end(lines('c', LATIN1_E, '\r'));
    await new Promise((resolve) => decoder.on('end', resolve));
    expect(out.join('')).toBe('a\r\nb\rc\uFFFD\r');
    expect([...decoder.invalidLines]).toEqual([3]);
  });
});

describe('reading a file in a single-byte encoding', () => {
  // Windows-1252 as a spreadsheet saves it: ü FC, ß DF, é E9, € 80, and a quoted line break in CRLF.
  const cp1252 = (text: string) => Buffer.from([...text].map((c) => ({ ü: 0xfc, ß: 0xdf, é: 0xe9, '€': 0x80 })[c] ?? c.charCodeAt(0)));

  it('reads Windows-1252 CSV and NDJSON as the characters they are, lines counted as in UTF-8', async () => {
    const csv = cp1252('sourceId;familyName;addressLine1\r\n1;Müller;"Hauptstraße 5\r\nHinterhaus"\r\n2;Désiré;Kärtner 1\r\n3;Euro €;x\r\n');
    const rows = await rowsOf('cp1252.csv', csv, 'windows-1252');
    expect(tags(rows)).toEqual(['1@3', '2@4', '3@5']);
    expect(rows.map((r) => ('record' in r ? r.record.familyName : null))).toEqual(['Müller', 'Désiré', 'Euro €']);
    expect(rows[0]).toMatchObject({ record: { addressLine1: 'Hauptstraße 5\r\nHinterhaus' } });
    const ndjson = await rowsOf('cp1252.ndjson', cp1252('{"sourceId":"1","familyName":"Müller"}\n{"sourceId":"2","familyName":"Weiß"}\n'), 'windows-1252');
    expect(ndjson.map((r) => ('record' in r ? r.record.familyName : null))).toEqual(['Müller', 'Weiß']);
  });

  it('reads the header of a Windows-1252 file', async () => {
    const path = join(dir, 'header-1252.csv');
    writeFileSync(path, cp1252('Straße,Größe\n1,2\n'));
    expect(await readCsvHeader(path, 'windows-1252')).toEqual(['Straße', 'Größe']);
  });
});

describe('readCsvHeader', () => {
  const headerOf = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return readCsvHeader(path);
  };

  it('reads the column names of the header line, trimmed, with the delimiter detected and a BOM dropped', async () => {
    expect(await headerOf('h1.csv', 'id, first_name ,surname\n1,Ann,Lee\n')).toEqual(['id', 'first_name', 'surname']);
    expect(await headerOf('h2.csv', '\uFEFFid;"first;name";surname\r\n1;Ann;Lee\r\n')).toEqual(['id', 'first;name', 'surname']);
    expect(await headerOf('h3.tsv', 'id\tname\n')).toEqual(['id', 'name']);
  });

  it('reads nothing from an empty file', async () => {
    expect(await headerOf('empty.csv', '')).toEqual([]);
  });
});
