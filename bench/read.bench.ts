// npm run bench:read: requests/s of GraphQL `customer(id)` through the hub (NestJS + Mercurius, API key
// auth, SQLite), against a bare Fastify route doing the same SQLite lookup, measured in the same run
// with autocannon; the server under test is pinned to one core, the load generator has the other.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCustomers } from './support/generate-customers';
import { freePort, pinSelfToSecondCore, spawnPinned, stop, waitForLine } from './support/processes';
import { fmt, reportRatio } from './support/report';

const TARGET = 0.5;
const ROOT = resolve(__dirname, '..', '..');
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const QUERY = 'query($id: ID!) { customer(id: $id) { id givenName familyName email city } }';

async function load(url: string, headers: Record<string, string>, bodies: string[], seconds: number): Promise<{ rps: number; p99: number; errors: number }> {
  let i = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 50,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[i++ % bodies.length] }) }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function benchRead(seconds = 10): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'canon-read-'));
  const databasePath = join(dir, 'canon.sqlite');
  const env = { DATABASE_URL: `sqlite:${databasePath}`, CANON_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, CANON_LOG_LEVEL: 'error', CANON_DATA_DIR: dir };
  try {
    // Seed 10,000 customers through the CLI.
    const file = join(dir, 'customers.ndjson');
    writeFileSync(file, generateCustomers(10_000).map((c) => JSON.stringify(c)).join('\n'));
    const cli = (args: string[]) => waitForExit(spawnPinned(join(ROOT, 'bin', 'canon.js'), args, env));
    await cli(['source', 'add', 'bench']);
    await cli(['import', '--entity', 'customer', '--source', 'bench', '--file', file]);

    pinSelfToSecondCore();
    const port = await freePort();
    // One key at full speed is this bench's point, not abuse: the per-key rate limit is off.
    const hub = spawnPinned(join(ROOT, 'dist', 'src', 'main.js'), [], { ...env, PORT: String(port), HOST: '127.0.0.1', CANON_LOG_LEVEL: 'info', CANON_RATE_LIMIT: '0' });
    await waitForLine(hub, /listening on/);
    const hubUrl = `http://127.0.0.1:${port}/graphql`;
    const auth = { authorization: `Bearer ${ADMIN_KEY}` };
    const page = await fetch(hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: '{ customers(first: 100) { edges { node { id } } } }' }),
    });
    const ids = ((await page.json()) as any).data.customers.edges.map((e: any) => e.node.id as string);
    await load(hubUrl, auth, ids.map((id: string) => JSON.stringify({ query: QUERY, variables: { id } })), 3); // warm-up
    const viaHub = await load(hubUrl, auth, ids.map((id: string) => JSON.stringify({ query: QUERY, variables: { id } })), seconds);
    await stop(hub);

    const bare = spawnPinned(join(ROOT, 'dist', 'bench', 'support', 'bare-lookup-server.js'), [databasePath]);
    const bareUrl = `${(await waitForLine(bare, /^http/)).trim()}/lookup`;
    await load(bareUrl, {}, ids.map((id: string) => JSON.stringify({ id })), 3);
    const viaBare = await load(bareUrl, {}, ids.map((id: string) => JSON.stringify({ id })), seconds);
    await stop(bare);

    console.log(`bench:read: customer(id) over ${fmt(ids.length)} ids of 10,000 golden records, 50 connections, ${seconds} s each`);
    reportRatio('customer(id) via hub (req/s)', viaHub.rps, viaBare.rps, '/s', TARGET);
    console.log(`  p99 ${viaHub.p99} ms (bare ${viaBare.p99} ms); errors ${viaHub.errors} (bare ${viaBare.errors})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function waitForExit(child: ReturnType<typeof spawnPinned>): Promise<void> {
  return new Promise((resolvePromise, reject) =>
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`command exited with ${code}`)))),
  );
}

if (require.main === module) {
  benchRead(Number(process.argv[2] ?? 10)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
