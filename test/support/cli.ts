import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The `canon` command's entry point (compiled by npm test before the tests run). */
export const CANON_BIN = resolve(__dirname, '..', '..', 'bin', 'canon.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `canon` command (npm test builds it first) with the given DATABASE_URL. */
export function runCli(args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CANON_BIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A file's lines, without the trailing newline. */
export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n');
}

/** `canon export golden` into a file of `dir`, parsed: one object per golden record. */
export async function exportGolden(databaseUrl: string, dir: string, entity: string): Promise<any[]> {
  const out = join(dir, `${entity}-${Math.random()}.ndjson`);
  const result = await runCli(['export', 'golden', '--entity', entity, '--out', out], databaseUrl);
  if (result.code !== 0) throw new Error(`canon export golden failed (${result.code}): ${result.stderr}`);
  return readLines(out).filter(Boolean).map((line) => JSON.parse(line));
}
