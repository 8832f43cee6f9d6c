import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFileEncoding, fileEncoding, singleByteDecoder, UnsupportedEncodingError } from './text-encoding';

describe('fileEncoding', () => {
  it('names UTF-8 and the single-byte encodings by their standard name, whatever label is given', () => {
    expect(fileEncoding('UTF8')).toBe('utf-8');
    expect(fileEncoding('latin1')).toBe('windows-1252'); // as browsers read "latin1": 0x80 is €, not a control character
    expect(fileEncoding('cp1252')).toBe('windows-1252');
    expect(fileEncoding(' ISO-8859-15 ')).toBe('iso-8859-15');
    expect(fileEncoding('windows-1250')).toBe('windows-1250');
    expect(fileEncoding('koi8-r')).toBe('koi8-r');
  });

  it('refuses an unknown label and an encoding whose line ends are not single bytes', () => {
    expect(() => fileEncoding('klingon')).toThrow(UnsupportedEncodingError);
    expect(() => fileEncoding('klingon')).toThrow('unknown encoding "klingon"');
    expect(() => fileEncoding('utf-16le')).toThrow('encoding "utf-16le" (utf-16le) is not supported');
    expect(() => fileEncoding('shift_jis')).toThrow('iconv -f shift_jis -t utf-8');
  });
});

describe('singleByteDecoder', () => {
  it('decodes Windows-1252 with its own characters at 0x80-0x9F, one character per byte', () => {
    const text = singleByteDecoder('windows-1252')(Buffer.from([0x80, 0x20, 0x8a, 0x93, 0x94, 0x96, 0x81, 0xfc, 0xdf]));
    expect(text).toBe('€ Š“”–\u0081üß');
    expect(singleByteDecoder('iso-8859-15')(Buffer.from([0xa4, 0xbd]))).toBe('€œ');
    expect(singleByteDecoder('windows-1250')(Buffer.from([0x8a, 0xb9, 0xe8]))).toBe('Šąč');
  });
});

describe('checkFileEncoding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-encoding-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file with a UTF-8 byte-order mark read as another encoding, and accepts it as UTF-8', () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\uFEFFsourceId,familyName\n1,Müller\n');
    expect(() => checkFileEncoding(path, 'windows-1252')).toThrow('starts with a UTF-8 byte-order mark, so it is UTF-8, not windows-1252: import it without --encoding');
    expect(() => checkFileEncoding(path, 'utf-8')).not.toThrow();
    const plain = join(dir, 'plain.csv');
    writeFileSync(plain, Buffer.from([0x4d, 0xfc, 0x0a]));
    expect(() => checkFileEncoding(plain, 'windows-1252')).not.toThrow();
  });
});
