import { Injectable } from '@nestjs/common';
import { createWriteStream, rmSync, statSync, type WriteStream } from 'node:fs';
import type { EntityType } from '../../common/entity-type';
import { applyMapping, type RecordMapping } from '../../contracts/record-mapping';
import { SourceSystemService } from '../../source-systems/source-system.service';
import type { IngestSummary, RecordResult } from '../ingest.types';
import { IngestionService, MAX_BATCH } from '../ingestion.service';
import { rejected } from '../prepare-record';
import { formatOf, readRecords } from './record-reader';

export interface FileImportOptions {
  readonly entityType: EntityType;
  readonly source: string;
  readonly file: string;
  readonly mapping?: RecordMapping;
  readonly batchSize?: number;
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
  readonly seconds: number;
  readonly recordsPerSecond: number;
}

// Long values are cut in the rejects file: it must stay readable when a record carries a 10 MB field.
const MAX_REJECT_VALUE = 1000;

/**
 * Imports a CSV or NDJSON file through the ingest pipeline in batches, one transaction each, streaming
 * so that memory stays flat. Rejected records go, with their reasons, to `<file>.rejects.ndjson`.
 */
@Injectable()
export class FileImportService {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly sourceSystems: SourceSystemService,
  ) {}

  async import(options: FileImportOptions): Promise<FileImportReport> {
    const format = formatOf(options.file);
    await this.sourceSystems.get(options.source); // fails before anything is read or written
    const totalBytes = statSync(options.file).size;
    const batchSize = Math.min(Math.max(options.batchSize ?? 500, 1), MAX_BATCH);
    const rejectsFile = `${options.file}.rejects.ndjson`;
    rmSync(rejectsFile, { force: true });
    const rejects = new RejectsWriter(rejectsFile);
    const started = performance.now();
    const totals = { records: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, goldenCreated: 0, goldenUpdated: 0 };
    let bytesRead = 0;
    let batch: { position: number; record: Record<string, unknown> }[] = [];
    let preRejected: RecordResult[] = [];
    const rawByPosition = new Map<number, unknown>();

    const flush = async () => {
      if (batch.length === 0 && preRejected.length === 0) return;
      const { results, summary } = await this.ingestion.ingest({
        entityType: options.entityType,
        source: options.source,
        records: batch.map((b) => b.record),
        positions: batch.map((b) => b.position),
        preRejected,
        coerce: format === 'csv',
        actor: options.actor,
      });
      for (const result of results) if (result.outcome === 'REJECTED') rejects.write(result, rawByPosition.get(result.index));
      totals.records += summary.received;
      totals.created += summary.created;
      totals.updated += summary.updated;
      totals.unchanged += summary.unchanged;
      totals.rejected += summary.rejected;
      totals.goldenCreated += summary.goldenCreated;
      totals.goldenUpdated += summary.goldenUpdated;
      batch = [];
      preRejected = [];
      rawByPosition.clear();
      options.onProgress?.({ bytesRead, totalBytes, records: totals.records, rejected: totals.rejected });
    };

    try {
      for await (const row of readRecords(options.file, (n) => (bytesRead += n))) {
        if ('error' in row) {
          preRejected.push(rejected(row.position, null, [row.error]));
          rawByPosition.set(row.position, row.raw);
        } else {
          const record = options.mapping ? applyMapping(row.record, options.mapping) : row.record;
          batch.push({ position: row.position, record });
          rawByPosition.set(row.position, row.record);
        }
        if (batch.length + preRejected.length >= batchSize) await flush();
      }
      await flush();
    } finally {
      await rejects.close();
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      ...totals,
      rejectsFile: totals.rejected > 0 ? rejectsFile : null,
      seconds,
      recordsPerSecond: seconds > 0 ? totals.records / seconds : 0,
    };
  }
}

/** Appends one line per rejected record; the file is created only when the first reject arrives. */
class RejectsWriter {
  private stream: WriteStream | null = null;

  constructor(private readonly path: string) {}

  write(result: RecordResult, raw: unknown): void {
    this.stream ??= createWriteStream(this.path, { flags: 'w' });
    this.stream.write(`${JSON.stringify({ line: result.index, sourceId: result.sourceId, errors: result.errors, record: truncate(raw) })}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => (this.stream ? this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())) : resolve()));
  }
}

function truncate(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_REJECT_VALUE ? `${value.slice(0, MAX_REJECT_VALUE)}… (${value.length} characters)` : value;
  if (value && typeof value === 'object' && depth >= 5) return '… (nested too deep to show)';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => truncate(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).slice(0, 100).map(([k, v]) => [k, truncate(v, depth + 1)]));
  return value;
}
