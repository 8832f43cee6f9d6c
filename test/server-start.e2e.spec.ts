import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = resolve(__dirname, '..', 'dist', 'src', 'main.js');

/** Starts the compiled hub as `npm start` does, on a random port, and collects what it prints. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^/\s]+)/.exec(output);
      // The key banner is printed right after the listening line; give it a moment.
      if (match) setTimeout(() => resolvePromise({ child, url: match[1], output: () => output }), 300);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('first start of the hub (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the SQLite file, prints an admin key once, and that key works', async () => {
    const env = { CANON_DATA_DIR: dataDir, DATABASE_URL: '' };
    const first = await start(env);
    const key = /^\s+(canon_\S+)$/m.exec(first.output())?.[1];
    expect(key).toBeDefined();
    const response = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(await response.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    await stop(first.child);

    const second = await start(env);
    expect(second.output()).not.toMatch(/canon_/);
    await stop(second.child);
  });
});
