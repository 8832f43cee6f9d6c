import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Starts a Node script, pinned to CPU 0 when taskset exists, so the load generator gets the other core. */
export function spawnPinned(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const pinned = existsSync('/usr/bin/taskset');
  const command = pinned ? '/usr/bin/taskset' : process.execPath;
  const argv = pinned ? ['-c', '0', process.execPath, script, ...args] : [script, ...args];
  return spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves with the first stdout line of a child that matches `pattern`. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.split('\n').find((line) => pattern.test(line));
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${code} before printing ${pattern}`)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Pins this process (the load generator) to CPU 1, away from the server under test on CPU 0. */
export function pinSelfToSecondCore(): void {
  if (existsSync('/usr/bin/taskset')) execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
}
