/**
 * The encodings a source file may be read in: UTF-8, or a single-byte legacy encoding, as the exports of
 * older CRMs and spreadsheets are (Windows-1252 in Western Europe and the Americas, 1250 in Central
 * Europe, 1251 Cyrillic…). Single-byte encodings keep \n and \r as the bytes they are in ASCII, so a line
 * is found the same way in every one of them; UTF-16 and the multi-byte Asian encodings do not, and are
 * refused.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';

export const UTF8 = 'utf-8';

// WHATWG names (what TextDecoder reports for any of its labels: latin1 and iso-8859-1 are windows-1252).
const SINGLE_BYTE = /^(ibm866|iso-8859-\d+|koi8-[ru]|macintosh|windows-12\d\d|windows-874|x-mac-cyrillic)$/;

export class UnsupportedEncodingError extends Error {}

/** The WHATWG name of an encoding label (`latin1`, `cp1252`, `UTF8`…); throws for any other label. */
export function fileEncoding(label: string): string {
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    throw new UnsupportedEncodingError(`unknown encoding "${label}": use utf-8 or a single-byte encoding such as windows-1252 (latin1), iso-8859-15 or windows-1250`);
  }
  if (name !== UTF8 && !SINGLE_BYTE.test(name)) {
    throw new UnsupportedEncodingError(`encoding "${label}" (${name}) is not supported: use utf-8 or a single-byte encoding such as windows-1252; convert the file first (iconv -f ${name} -t utf-8)`);
  }
  return name;
}

/**
 * Throws when the file starts with a UTF-8 byte-order mark but `encoding` is another: read as
 * Windows-1252, its first column would be named "ï»¿sourceId" and every accent would be mangled.
 */
export function checkFileEncoding(path: string, encoding: string): void {
  if (encoding === UTF8) return;
  const start = Buffer.alloc(3);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, start, 0, 3, 0);
  } finally {
    closeSync(fd);
  }
  if (start.equals(UTF8_BOM)) throw new UnsupportedEncodingError(`${path} starts with a UTF-8 byte-order mark, so it is UTF-8, not ${encoding}: import it without --encoding`);
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Decodes bytes of a single-byte encoding, one character per byte (so lines end where the bytes' do). */
export function singleByteDecoder(encoding: string): (bytes: Buffer) => string {
  const decoder = new TextDecoder(encoding);
  if (encoding !== 'windows-1252') return (bytes) => decoder.decode(bytes);
  // Node 20 decodes windows-1252 as ISO-8859-1, so 0x80 comes out as a control character, not €.
  return (bytes) => decoder.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] || c);
}

// Windows-1252's characters at 0x80–0x9F (five of them undefined, left as they are).
const CP1252_80_9F = [...'€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ'].map((c) => (c === '\0' ? '' : c));
