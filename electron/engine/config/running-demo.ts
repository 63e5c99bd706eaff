// What `npm run simulate` needs to reach the demo of a Ringside running on this machine: where it
// listens and the secrets its demo made up for the run (never the operator's own: those stay in the
// environment, the config file or the encrypted store). Kept in the data folder beside the console
// token, readable by this user only, while the demo runs; a file left by a Ringside that was killed
// is ignored (its process is gone).
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningDemo {
  /** The Ringside's process id, to tell a live one from a file left behind. */
  pid: number;
  /** Its public URL for webhooks and its stream server's URL (loopback). */
  webhooks: string;
  target: string;
  /** The made-up Ringover webhook secret, when the demo made one up. */
  webhookKey?: string;
  /** The made-up stream token, when the demo made one up. */
  streamToken?: string;
}

const FILE = 'running-demo.json';

export function writeRunningDemo(dataDir: string, demo: RunningDemo): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, FILE);
  writeFileSync(file, JSON.stringify(demo) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function removeRunningDemo(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}

/** The running demo of `dataDir`'s Ringside, or undefined (none, unreadable, or its process gone). Never throws. */
export function readRunningDemo(dataDir: string, alive: (pid: number) => boolean = processAlive): RunningDemo | undefined {
  try {
    const demo = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<RunningDemo>;
    if (typeof demo.pid !== 'number' || typeof demo.webhooks !== 'string' || typeof demo.target !== 'string' || !alive(demo.pid)) return undefined;
    return {
      pid: demo.pid,
      webhooks: demo.webhooks,
      target: demo.target,
      ...(typeof demo.webhookKey === 'string' && { webhookKey: demo.webhookKey }),
      ...(typeof demo.streamToken === 'string' && { streamToken: demo.streamToken }),
    };
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}
