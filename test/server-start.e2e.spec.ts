import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killStrayHubProcesses, startHubProcess as start, stopHubProcess } from './support/hub-process';

describe('first start of the hub (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'canon-start-'));
  afterAll(async () => {
    await killStrayHubProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  });

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
    await stopHubProcess(first);

    const second = await start(env);
    expect(second.output()).not.toMatch(/canon_/);
    await stopHubProcess(second);
  });
});
