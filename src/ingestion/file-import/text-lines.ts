import { Transform, type TransformCallback } from 'node:stream';
import { singleByteDecoder, UTF8 } from './text-encoding';

// ignoreBOM keeps a byte-order mark in the text (the readers drop it), so that wherever the file is valid
// UTF-8 the text has exactly the file's bytes.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

const LF = 0x0a;
const CR = 0x0d;

/**
 * Decodes a file's bytes to text line by line and remembers which lines are not valid UTF-8. Node would
 * quietly turn a broken byte into U+FFFD, and a mangled name would then enter master data as if the
 * source had sent it; with the line numbers known, the reader rejects those records instead. A file in
 * a single-byte encoding (`encoding`, see text-encoding.ts) has no invalid lines: every byte is a character.
 *
 * A line ends with \n, \r\n or a lone \r, as readline and csv-parse see it. With `trackLines`, it also
 * tells on which line a byte offset of its text (UTF-8, as csv-parse counts `info.bytes`) falls: the CSV
 * reader cannot use csv-parse's own line count, which takes a \r\n inside quotes for two lines.
 */
export class TextLines extends Transform {
  /** 1-based numbers of the lines that are not valid UTF-8. */
  readonly invalidLines = new Set<number>();
  private pending: Buffer = Buffer.alloc(0);
  private line = 0;
  /** UTF-8 bytes of the text passed on so far. */
  private textBytes = 0;
  /** Offset in the text just past the end of each line: lineEnds[i] ends line `released + i + 1`. */
  private lineEnds: number[] = [];
  /** lineEnds before `head` are released: lineAt() is not asked about them any more. */
  private head = 0;
  private released = 0;
  /** The decoder of a single-byte encoding; null for UTF-8. */
  private readonly singleByte: ((bytes: Buffer) => string) | null;

  constructor(
    private readonly trackLines = false,
    encoding = UTF8,
  ) {
    super({ decodeStrings: true, encoding: 'utf8' });
    this.singleByte = encoding === UTF8 ? null : singleByteDecoder(encoding);
  }

  /** The 1-based line of the text's byte at `offset` (with `trackLines`; not before the last release()). */
  lineAt(offset: number): number {
    let low = this.head;
    let high = this.lineEnds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.lineEnds[middle] <= offset) low = middle + 1;
      else high = middle;
    }
    return this.released + low + 1;
  }

  /** Forgets the lines that end at or before `offset`, so that memory stays flat. */
  release(offset: number): void {
    while (this.head < this.lineEnds.length && this.lineEnds[this.head] <= offset) this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.lineEnds.length) {
      this.lineEnds = this.lineEnds.slice(this.head);
      this.released += this.head;
      this.head = 0;
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    // A \r at the very end may be the first half of a \r\n: it waits for the next chunk.
    const scan = bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    const end = scan === 0 ? -1 : Math.max(bytes.lastIndexOf(LF, scan - 1), bytes.lastIndexOf(CR, scan - 1));
    if (end < 0) {
      this.pending = bytes;
      return done();
    }
    this.pending = bytes.subarray(end + 1);
    done(null, this.decode(bytes.subarray(0, end + 1)));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pending.length > 0 ? this.decode(this.pending) : undefined);
  }

  /** Whole lines only (but for the last of the file), so a multi-byte character is never split between two chunks. */
  private decode(lines: Buffer): string {
    const ends = lineEndsOf(lines);
    if (this.singleByte) return this.decodeSingleByte(lines, ends);
    try {
      const text = strict.decode(lines);
      // Valid UTF-8 decodes to text of the very same bytes, so its lines end where the buffer's do.
      for (const end of ends) this.endLine(this.textBytes + end);
      this.textBytes += lines.length;
      return text;
    } catch {
      // A broken byte becomes U+FFFD, three bytes in the text: count the text's bytes line by line.
      const texts: string[] = [];
      for (let k = 0, start = 0; start < lines.length; k++) {
        const stop = k < ends.length ? ends[k] : lines.length;
        const bytes = lines.subarray(start, stop);
        let text: string;
        try {
          text = strict.decode(bytes);
        } catch {
          this.invalidLines.add(this.line + 1);
          text = lenient.decode(bytes);
        }
        texts.push(text);
        this.textBytes += Buffer.byteLength(text, 'utf8');
        if (k < ends.length) this.endLine(this.textBytes);
        start = stop;
      }
      return texts.join('');
    }
  }

  /** One byte is one character: the text's lines end where the buffer's do, only their UTF-8 length differs. */
  private decodeSingleByte(lines: Buffer, ends: readonly number[]): string {
    const text = this.singleByte!(lines);
    let start = 0;
    for (const end of ends) {
      this.textBytes += Buffer.byteLength(text.slice(start, end), 'utf8');
      this.endLine(this.textBytes);
      start = end;
    }
    this.textBytes += Buffer.byteLength(text.slice(start), 'utf8');
    return text;
  }

  private endLine(textOffset: number): void {
    this.line++;
    if (this.trackLines) this.lineEnds.push(textOffset);
  }
}

/** The index just past each line end (\n, \r\n, or a \r not followed by \n) in `bytes`. */
function lineEndsOf(bytes: Buffer): number[] {
  const ends: number[] = [];
  if (bytes.indexOf(CR) < 0) {
    for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) ends.push(i + 1);
    return ends;
  }
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === LF || (byte === CR && bytes[i + 1] !== LF)) ends.push(i + 1);
  }
  return ends;
}
