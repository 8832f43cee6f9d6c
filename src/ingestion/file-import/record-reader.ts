import { parse } from 'csv-parse';
import { createReadStream, openSync, readSync, closeSync, type ReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FieldError } from '../../matching/engine/types';
import { UTF8 } from './text-encoding';
import { TextLines } from './text-lines';

export type FileFormat = 'csv' | 'ndjson';

/** One record of a source file, or the reason it could not be read; `position` is its line number. */
export type FileRow =
  | { readonly position: number; readonly record: Record<string, unknown> }
  | { readonly position: number; readonly error: FieldError; readonly raw: string };

export class FileFormatError extends Error {}

/** The format follows the extension: .csv/.tsv/.psv are CSV with a header line; .ndjson/.jsonl one JSON object a line. */
export function formatOf(path: string): FileFormat {
  if (/\.(csv|tsv|psv)$/i.test(path)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(path)) return 'ndjson';
  throw new FileFormatError(`cannot tell the format of ${path}: use .csv (with a header line) or .ndjson`);
}

/**
 * Reads records one at a time, so a file of any size streams through in constant memory. `encoding` is
 * a name fileEncoding() returned: UTF-8 (the default) or a single-byte encoding.
 */
export function readRecords(path: string, onBytes: (bytes: number) => void, encoding = UTF8): AsyncGenerator<FileRow> {
  const csv = formatOf(path) === 'csv';
  const text = textOf(path, csv, encoding);
  text.bytes.on('data', (chunk) => onBytes(chunk.length));
  return csv ? readCsv(text.lines, sniffDelimiter(path)) : readNdjson(text.lines);
}

function textOf(path: string, trackLines: boolean, encoding: string): { bytes: ReadStream; lines: TextLines } {
  const bytes = createReadStream(path);
  const lines = new TextLines(trackLines, encoding);
  bytes.on('error', (error) => lines.destroy(error));
  bytes.pipe(lines);
  return { bytes, lines };
}

/**
 * The column names of a CSV file's header line, trimmed as readRecords() trims them; empty for an empty
 * file. Reads only as far as the header.
 */
export async function readCsvHeader(path: string, encoding = UTF8): Promise<string[]> {
  const input = textOf(path, false, encoding);
  const parser = input.lines.pipe(parse({ delimiter: sniffDelimiter(path), bom: true, skip_empty_lines: true, relax_column_count: true, to: 1 }));
  input.lines.on('error', (error) => parser.destroy(error));
  try {
    for await (const header of parser as AsyncIterable<string[]>) return header.map((h) => h.trim());
    return [];
  } finally {
    input.bytes.destroy();
    input.lines.destroy();
  }
}

function notUtf8(position: number, raw: string, line = position): FileRow {
  return { position, raw, error: { field: null, code: 'INVALID_ENCODING', message: `line ${line} is not valid UTF-8: save the file as UTF-8, or name the encoding it is in (--encoding windows-1252)` } };
}

async function* readNdjson(stream: TextLines): AsyncGenerator<FileRow> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let position = 0;
  for await (const rawLine of lines) {
    position++;
    const line = position === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
    if (line.trim() === '') continue;
    if (stream.invalidLines.has(position)) {
      yield notUtf8(position, line);
      continue;
    }
    try {
      yield { position, record: JSON.parse(line) as Record<string, unknown> };
    } catch (error) {
      yield { position, raw: line, error: { field: null, code: 'INVALID_JSON', message: `line ${position} is not valid JSON: ${(error as Error).message}` } };
    }
  }
}

/** What csv-parse tells of a record, or of a record it skipped (the error carries the same fields). */
interface CsvInfo {
  /** Bytes of the text read up to the end of the record (with its line end), or up to the error. */
  readonly bytes: number;
  readonly invalid_field_length: number;
}

async function* readCsv(stream: TextLines, delimiter: string): AsyncGenerator<FileRow> {
  const skipped: FileRow[] = [];
  // Lines are found from csv-parse's byte offsets, not from its line count (a quoted \r\n would count
  // twice). A record may span lines (a quoted line break): it is unreadable if any of its lines is.
  let firstLine = 1; // the first line of the next record (or of the blank lines before it)
  const parser = stream.pipe(
    parse({
      delimiter,
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim()),
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        const bytes = (error as Partial<CsvInfo> | undefined)?.bytes;
        const position = bytes === undefined ? 0 : stream.lineAt(bytes);
        skipped.push({ position, raw: String(raw ?? ''), error: { field: null, code: 'INVALID_CSV', message: error?.message ?? 'unreadable CSV row' } });
      },
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: CsvInfo }>) {
    const position = stream.lineAt(info.bytes - 1); // a record is numbered by its last line
    stream.release(info.bytes);
    let first = firstLine;
    firstLine = position + 1;
    // Rows skipped before this one come first; some may lie beyond it (csv-parse reads ahead). Where a
    // skipped row ends is not told, but its lines up to the error are not this record's.
    for (const row of takeSkipped(skipped, position)) {
      first = Math.max(first, row.position + 1);
      yield row;
    }
    let badLine = 0;
    for (const line of stream.invalidLines) {
      if (line > position) break; // they are found in order
      stream.invalidLines.delete(line); // no later record reaches back to it
      if (line >= first && badLine === 0) badLine = line;
    }
    if (badLine > 0) {
      yield notUtf8(position, Object.values(record).join(delimiter), badLine);
      continue;
    }
    if (info.invalid_field_length > 0) {
      yield {
        position,
        raw: Object.values(record).join(delimiter),
        error: { field: null, code: 'INVALID_CSV', message: `line ${position} has a different number of columns than the header` },
      };
      continue;
    }
    const cleaned: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(record)) if (value !== '' && value !== undefined) cleaned[column] = value;
    yield { position, record: cleaned };
  }
  yield* skipped.splice(0);
}

function takeSkipped(skipped: FileRow[], before: number): FileRow[] {
  const count = skipped.findIndex((row) => row.position >= before);
  return skipped.splice(0, count < 0 ? skipped.length : count);
}

/** Picks the separator that occurs most often in the header line: comma, semicolon, pipe or tab. */
function sniffDelimiter(path: string): string {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(64 * 1024);
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const header = buffer.subarray(0, length).toString('utf8').split(/\r?\n/)[0] ?? '';
  const counts = [',', ';', '|', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}
