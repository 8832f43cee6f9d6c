import { Injectable } from '@nestjs/common';
import { accessSync, constants, createWriteStream, mkdirSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EntityType } from '../../common/entity-type';
import { checkMappingColumns, checkMappingTargets, type RecordMapping } from '../../contracts/record-mapping';
import { MatchingService } from '../../matching/matching.service';
import { SourceSystemService } from '../../source-systems/source-system.service';
import type { IngestSummary } from '../ingest.types';
import { IngestionService, normalizeContextOf } from '../ingestion.service';
import { preparedBatches } from './prepared-batches';
import { formatOf, readCsvHeader } from './record-reader';
import { checkFileEncoding, fileEncoding, UTF8 } from './text-encoding';

export interface FileImportOptions {
  readonly entityType: EntityType;
  readonly source: string;
  readonly file: string;
  readonly mapping?: RecordMapping;
  /** Where the mapping came from (its file), named in the errors about it. */
  readonly mappingFile?: string;
  /** The file's encoding (`windows-1252`, `latin1`…); UTF-8 when absent. */
  readonly encoding?: string;
  readonly batchSize?: number;
  /** Where the rejects and warnings files go; beside the file when absent. */
  readonly reportsDir?: string;
  readonly actor: string;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly records: number;
  readonly rejected: number;
}

export interface FileImportReport extends Omit<IngestSummary, 'received'> {
  readonly records: number;
  /** Where the rejected records and their reasons went; null when there were none. */
  readonly rejectsFile: string | null;
  /** Warnings on accepted records (e.g. DROPPED_INVALID, STALE_UPDATE), counted by code. */
  readonly warnings: Readonly<Record<string, number>>;
  /** Where the warnings went, one line each; null when there were none. */
  readonly warningsFile: string | null;
  /** Warnings on the file as a whole (a mapped key no NDJSON record had), also in the warnings file and counts. */
  readonly fileWarnings: readonly { readonly code: string; readonly field: string | null; readonly message: string }[];
  readonly seconds: number;
  readonly recordsPerSecond: number;
}

// Records per transaction. Larger than a GraphQL call may carry: a commit writes every index page the
// batch touched, so fewer, larger commits write each page fewer times.
export const DEFAULT_FILE_BATCH = 2000;
export const MAX_FILE_BATCH = 5000;

/**
 * Imports a CSV or NDJSON file through the ingest pipeline in batches, one transaction each, streaming
 * so that memory stays flat. Rejected records go, with their reasons, to `<file>.rejects.ndjson`; the
 * warnings on accepted records (a value dropped from a lenient field, a stale update) to `<file>.warnings.ndjson`.
 */
@Injectable()
export class FileImportService {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly sourceSystems: SourceSystemService,
    private readonly matching: MatchingService,
  ) {}

  async import(options: FileImportOptions): Promise<FileImportReport> {
    const format = formatOf(options.file); // an unknown format fails before anything is read
    const encoding = fileEncoding(options.encoding ?? UTF8); // so does an encoding it cannot read
    checkFileEncoding(options.file, encoding);
    const batchSize = options.batchSize ?? DEFAULT_FILE_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_FILE_BATCH) {
      throw new RangeError(`batch size must be a whole number from 1 to ${MAX_FILE_BATCH}, not ${batchSize}`);
    }
    const source = await this.sourceSystems.get(options.source); // so does an unknown source
    if (options.mapping) {
      // So does a mapping that names a field the contract does not have, or a column the file does not
      // have: either would otherwise reject every record, or silently import without the column.
      const origin = options.mappingFile ? `mapping ${options.mappingFile}` : 'mapping';
      checkMappingTargets(options.mapping, options.entityType, origin);
      if (format === 'csv') {
        const header = await readCsvHeader(options.file, encoding);
        if (header.length > 0) checkMappingColumns(options.mapping, header, options.file, origin); // an empty file has no records to map
      }
    }
    const totalBytes = statSync(options.file).size;
    const reports = reportsBase(options.file, options.reportsDir); // so does a folder the reports cannot go to
    const rejectsFile = `${reports}.rejects.ndjson`;
    const warningsFile = `${reports}.warnings.ndjson`;
    rmSync(rejectsFile, { force: true });
    rmSync(warningsFile, { force: true });
    const rejects = new LinesWriter(rejectsFile);
    const warned = new LinesWriter(warningsFile);
    const warnings: Record<string, number> = {};
    const fileWarnings: FileImportReport['fileWarnings'][number][] = [];
    const started = performance.now();
    const totals = { records: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, goldenCreated: 0, goldenUpdated: 0 };
    const batches = preparedBatches({
      file: options.file,
      entityType: options.entityType,
      mapping: options.mapping,
      encoding,
      batchSize,
      rules: this.matching.rules[options.entityType],
      context: normalizeContextOf(source),
    });
    try {
      for await (const batch of batches) {
        // On a line of its own after the records' warnings: about the file, so no line or sourceId.
        for (const { code, field, message } of batch.fileWarnings ?? []) {
          warnings[code] = (warnings[code] ?? 0) + 1;
          fileWarnings.push({ code, field, message });
        }
        if (batch.prepared.length + batch.rejected.length === 0) continue;
        const { results, summary } = await this.ingestion.ingestPrepared({
          entityType: options.entityType,
          source: options.source,
          actor: options.actor,
          prepared: batch.prepared,
          rejected: batch.rejected,
        });
        const raw = new Map(batch.rawRejects);
        for (const result of results) {
          if (result.outcome === 'REJECTED') {
            rejects.write({ line: result.index, sourceId: result.sourceId, errors: result.errors, record: raw.get(result.index) });
          }
          for (const { code, field, message } of result.warnings) {
            warnings[code] = (warnings[code] ?? 0) + 1;
            warned.write({ line: result.index, sourceId: result.sourceId, code, field, message });
          }
        }
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
          totals[key] += key === 'records' ? summary.received : summary[key];
        }
        await Promise.all([rejects.drained(), warned.drained()]); // a file of warnings must not pile up in memory
        options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes, records: totals.records, rejected: totals.rejected });
      }
      for (const { code, field, message } of fileWarnings) warned.write({ line: null, sourceId: null, code, field, message });
    } finally {
      await Promise.all([rejects.close(), warned.close()]);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      ...totals,
      rejectsFile: totals.rejected > 0 ? rejectsFile : null,
      warnings,
      warningsFile: Object.keys(warnings).length > 0 ? warningsFile : null,
      fileWarnings,
      seconds,
      recordsPerSecond: seconds > 0 ? totals.records / seconds : 0,
    };
  }
}

/** Appends one JSON line per entry; the file is created only when the first entry arrives. */
/**
 * The path the rejects and warnings files start with: the file's own, or its name in `reportsDir`
 * (created if absent). Checked before anything is imported: a read-only folder beside the file
 * (a mounted export share) would otherwise stop the import at its first rejected record.
 */
function reportsBase(file: string, reportsDir: string | undefined): string {
  const dir = reportsDir ?? dirname(file);
  try {
    if (reportsDir) mkdirSync(reportsDir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReportsFolderError(`cannot write the rejects and warnings files in ${dir} (${reason}): pass --reports-dir with a folder you can write to`);
  }
  return join(dir, basename(file));
}

export class ReportsFolderError extends Error {}

class LinesWriter {
  private stream: WriteStream | null = null;

  constructor(private readonly path: string) {}

  write(entry: unknown): void {
    this.stream ??= createWriteStream(this.path, { flags: 'w' });
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  drained(): Promise<void> {
    const stream = this.stream;
    return stream?.writableNeedDrain ? new Promise((resolve) => stream.once('drain', resolve)) : Promise.resolve();
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => (this.stream ? this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())) : resolve()));
  }
}
