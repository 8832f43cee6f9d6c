import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface HubProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** Every hub process started and not yet stopped: a failing test must not leave any running. */
const running = new Set<HubProcess>();

/** Starts the compiled hub as `npm start` does, on a random port, and collects what it prints. */
export function startHubProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<HubProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not start in ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^/\s]+)/.exec(output);
      // The key banner is printed right after the listening line; give it a moment.
      if (!match) return;
      clearTimeout(timer);
      const hub = { child, url: match[1], output: () => output };
      running.add(hub);
      setTimeout(() => resolvePromise(hub), 300);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${output}`)));
  });
}

/** Stops it with `signal` (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits until it is gone. */
export async function stopHubProcess(hub: HubProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  running.delete(hub);
  if (hub.child.exitCode !== null || hub.child.signalCode !== null) return;
  const exited = new Promise((r) => hub.child.once('exit', r));
  hub.child.kill(signal);
  await exited;
}

/** Kills every hub process a test started and did not stop (call from afterAll). */
export async function killStrayHubProcesses(): Promise<void> {
  for (const hub of [...running]) await stopHubProcess(hub, 'SIGKILL');
}
