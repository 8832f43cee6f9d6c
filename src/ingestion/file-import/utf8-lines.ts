import { Transform, type TransformCallback } from 'node:stream';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * Decodes a file's bytes to text line by line and remembers which lines are not valid UTF-8. Node would
 * quietly turn a broken byte into U+FFFD, and a mangled name would then enter master data as if the
 * source had sent it; with the line numbers known, the reader rejects those records instead.
 */
export class Utf8Lines extends Transform {
  /** 1-based numbers of the lines (counted by \n) that are not valid UTF-8. */
  readonly invalidLines = new Set<number>();
  private pending: Buffer = Buffer.alloc(0);
  private line = 0;

  constructor() {
    super({ decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = bytes.lastIndexOf(0x0a);
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

  /** Whole lines only, so a multi-byte character is never split between two chunks. */
  private decode(lines: Buffer): string {
    try {
      const text = strict.decode(lines);
      this.line += countNewlines(lines);
      return text;
    } catch {
      let start = 0;
      while (start < lines.length) {
        const newline = lines.indexOf(0x0a, start);
        const stop = newline < 0 ? lines.length : newline + 1;
        this.line++;
        try {
          strict.decode(lines.subarray(start, stop));
        } catch {
          this.invalidLines.add(this.line);
        }
        start = stop;
      }
      if (lines[lines.length - 1] !== 0x0a) this.line--;
      return lenient.decode(lines);
    }
  }
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}
