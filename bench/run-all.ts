// npm run bench: every benchmark, each printing its ratio against a floor measured in the same run.
import { benchIngest } from './ingest.bench';
import { benchRead } from './read.bench';
import { benchWebhooks } from './webhooks.bench';

async function main(): Promise<void> {
  await benchIngest(Number(process.env.BENCH_INGEST_N ?? 100_000));
  console.log('');
  await benchRead(Number(process.env.BENCH_READ_SECONDS ?? 10));
  console.log('');
  await benchWebhooks(Number(process.env.BENCH_WEBHOOKS_N ?? 10_000));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
