// Worker thread: runs prepareFile() and posts each batch to the main thread, which links and writes
// it. At most two batches are ahead of the writer, so memory stays bounded on any file size.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareFile, type PrepareFileOptions } from './prepare-file';

const AHEAD = 2;
let credits = AHEAD;
let wake: (() => void) | null = null;

parentPort!.on('message', () => {
  credits++;
  wake?.();
});

async function run(): Promise<void> {
  for await (const batch of prepareFile(workerData as PrepareFileOptions)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    parentPort!.postMessage({ batch });
  }
  parentPort!.postMessage({ done: true });
}

run().catch((error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }));
