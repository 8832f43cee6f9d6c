import { Injectable } from '@nestjs/common';
import { createWriteStream, rmSync, statSync, type WriteStream } from 'node:fs';
import type { EntityType } from '../../common/entity-type';
import type { RecordMapping } from '../../contracts/record-mapping';
import { MatchingService } from '../../matching/matching.service';
import { SourceSystemService } from '../../source-systems/source-system.service';
import type { IngestSummary, RecordResult } from '../ingest.types';
import { IngestionService } from '../ingestion.service';
import { preparedBatches } from './prepared-batches';
import { formatOf } from './record-reader';

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

// Records per transaction. Larger than a GraphQL call may carry: a commit writes every index page the
// batch touched, so fewer, larger commits write each page fewer times.
export const DEFAULT_FILE_BATCH = 2000;
export const MAX_FILE_BATCH = 5000;

/**
 * Imports a CSV or NDJSON file through the ingest pipeline in batches, one transaction each, streaming
 * so that memory stays flat. Rejected records go, with their reasons, to `<file>.rejects.ndjson`.
 */
@Injectable()
export class FileImportService {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly sourceSystems: SourceSystemService,
    private readonly matching: MatchingService,
  ) {}

  async import(options: FileImportOptions): Promise<FileImportReport> {
    formatOf(options.file); // an unknown format fails before anything is read
    await this.sourceSystems.get(options.source); // so does an unknown source
    const totalBytes = statSync(options.file).size;
    const rejectsFile = `${options.file}.rejects.ndjson`;
    rmSync(rejectsFile, { force: true });
    const rejects = new RejectsWriter(rejectsFile);
    const started = performance.now();
    const totals = { records: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, goldenCreated: 0, goldenUpdated: 0 };
    const batches = preparedBatches({
      file: options.file,
      entityType: options.entityType,
      mapping: options.mapping,
      batchSize: Math.min(Math.max(options.batchSize ?? DEFAULT_FILE_BATCH, 1), MAX_FILE_BATCH),
      rules: this.matching.rules[options.entityType],
    });
    try {
      for await (const batch of batches) {
        const { results, summary } = await this.ingestion.ingestPrepared({
          entityType: options.entityType,
          source: options.source,
          actor: options.actor,
          prepared: batch.prepared,
          rejected: batch.rejected,
        });
        const raw = new Map(batch.rawRejects);
        for (const result of results) if (result.outcome === 'REJECTED') rejects.write(result, raw.get(result.index));
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
          totals[key] += key === 'records' ? summary.received : summary[key];
        }
        options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes, records: totals.records, rejected: totals.rejected });
      }
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
    this.stream.write(`${JSON.stringify({ line: result.index, sourceId: result.sourceId, errors: result.errors, record: raw })}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => (this.stream ? this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())) : resolve()));
  }
}
