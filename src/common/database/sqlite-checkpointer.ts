import { Worker } from 'node:worker_threads';

// Runs in the worker: its own connection to the database file, checkpointing the WAL on a timer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread. Left to SQLite, the checkpoint runs
 * inside the COMMIT that crosses the WAL size limit: it copies pages into the database file and
 * fsyncs, on the event loop, and measured here it was a third of bulk-ingest time. SQLite's WAL notes
 * suggest this instead: checkpoint from another thread, which on a multi-core machine overlaps the I/O
 * with the next batch. The writer keeps a high auto-checkpoint limit as a backstop.
 */
export class SqliteCheckpointer {
  private constructor(private readonly worker: Worker) {}

  static start(path: string, intervalMs = 250): SqliteCheckpointer {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver: require.resolve('better-sqlite3') } });
    worker.unref();
    worker.on('error', () => undefined); // the writer's own auto-checkpoint still bounds the WAL
    return new SqliteCheckpointer(worker);
  }

  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    this.worker.postMessage('stop');
    await stopped;
    await this.worker.terminate();
  }
}
