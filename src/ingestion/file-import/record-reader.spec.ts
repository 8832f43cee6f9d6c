import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords, type FileRow } from './record-reader';
import { Utf8Lines } from './utf8-lines';

const dir = mkdtempSync(join(tmpdir(), 'canon-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(name: string, bytes: Buffer): Promise<FileRow[]> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const rows: FileRow[] = [];
  for await (const row of readRecords(path, () => {})) rows.push(row);
  return rows;
}

const LATIN1_E = Buffer.from([0xeb]); // "ë" in Latin-1: not UTF-8
const lines = (...parts: (string | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));

describe('reading source files', () => {
  it('rejects an NDJSON line that is not UTF-8 and keeps the others, accents included', async () => {
    const rows = await rowsOf('people.ndjson', lines('{"sourceId":"1","familyName":"Brontë"}\n', '{"sourceId":"2","familyName":"Bront', LATIN1_E, '"}\n', '{"sourceId":"3","familyName":"Zoë"}\n'));
    expect(rows.map((r) => ('record' in r ? r.record.familyName : r.error.code))).toEqual(['Brontë', 'INVALID_ENCODING', 'Zoë']);
    expect(rows[1]).toMatchObject({ position: 2, error: { message: 'line 2 is not valid UTF-8: save the file as UTF-8' } });
  });

  it('rejects a CSV record with a broken byte, also one spanning lines, and keeps the others', async () => {
    const rows = await rowsOf(
      'people.csv',
      lines('sourceId,familyName,addressLine1\n', '1,Brontë,"Haworth\nParsonage"\n', '2,Bront', LATIN1_E, ',x\n', '3,Eyre,"Thorn', LATIN1_E, 'field\nHall"\n', '4,Rochester,x\n'),
    );
    expect(rows.map((r) => ('record' in r ? r.record.sourceId : `${r.error.code}@${r.position}`))).toEqual(['1', 'INVALID_ENCODING@4', 'INVALID_ENCODING@6', '4']);
    expect(rows[0]).toMatchObject({ record: { familyName: 'Brontë', addressLine1: 'Haworth\nParsonage' } });
  });

  it('decodes a character whose bytes arrive in two chunks', async () => {
    const decoder = new Utf8Lines();
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
});
