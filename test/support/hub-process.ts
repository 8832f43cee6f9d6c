import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface HubProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** Starts the compiled hub as `npm start` does, on a random port, and collects what it prints. */
export function startHubProcess(env: Record<string, string>): Promise<HubProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^/\s]+)/.exec(output);
      // The key banner is printed right after the listening line; give it a moment.
      if (match) setTimeout(() => resolvePromise({ child, url: match[1], output: () => output }), 300);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${output}`)));
  });
}

/** Stops it with `signal` (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits until it is gone. */
export async function stopHubProcess(hub: HubProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (hub.child.exitCode !== null || hub.child.signalCode !== null) return;
  const exited = new Promise((r) => hub.child.once('exit', r));
  hub.child.kill(signal);
  await exited;
}
