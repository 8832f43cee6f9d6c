import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { prepareFile, type PrepareFileOptions, type PreparedFileBatch } from './prepare-file';

const WORKER_FILE = join(__dirname, 'prepare-file.worker.js');

/**
 * The prepared batches of a file. Compiled, preparation runs in a worker thread, so reading, validating
 * and cleansing batch N+1 overlaps the transaction of batch N on a second core; from TypeScript sources
 * (the unit tests) it runs in this thread. Both paths run the same prepareFile().
 */
export function preparedBatches(options: PrepareFileOptions): AsyncGenerator<PreparedFileBatch> {
  return existsSync(WORKER_FILE) ? fromWorker(options) : prepareFile(options);
}

async function* fromWorker(options: PrepareFileOptions): AsyncGenerator<PreparedFileBatch> {
  const worker = new Worker(WORKER_FILE, { workerData: options });
  const queue: { batch?: PreparedFileBatch; done?: boolean; error?: string }[] = [];
  let notify: (() => void) | null = null;
  const push = (message: (typeof queue)[number]) => {
    queue.push(message);
    notify?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ error: error.message }));
  worker.on('exit', (code) => push(code === 0 ? { done: true } : { error: `file preparation stopped (exit code ${code})` }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift()!;
      if (message.error) throw new Error(message.error);
      if (message.done) return;
      yield message.batch!;
      worker.postMessage('next');
    }
  } finally {
    await worker.terminate();
  }
}
