// Real process trees for lifecycle tests: `npm run …` as a user starts it, what it started, and
// whether any of it is still there. POSIX only (`ps`), like the npm shell behaviour they test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { processExists } from '../../../electron/engine/launcher-watch.ts';
import { childEnv } from '../../support/ringside-env.ts';
import { eventually } from './live.ts';

export const ROOT = new URL('../../..', import.meta.url).pathname;

export interface NpmRun {
  child: ChildProcess;
  /** Every stdout line so far (npm's banner, then the command's). */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line that matches. */
  line(match: RegExp): Promise<string>;
  exited: Promise<void>;
}

/**
 * `npm run <script> -- <args>` in the checkout, with only the Ringside settings in `env`. With
 * `group`, npm leads a process group of its own, so a test can signal it as a terminal does.
 */
export function npmRun(script: string, args: string[], env: Record<string, string> = {}, { group = false } = {}): NpmRun {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: group });
  const lines: string[] = [];
  const waiting: { match: RegExp; resolve: (line: string) => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wait of waiting.filter((w) => w.match.test(line))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(line);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    line: (match) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => match.test(line));
        if (seen !== undefined) return resolve(seen);
        waiting.push({ match, resolve });
        void exited.then(() => reject(new Error(`npm run ${script} exited before printing ${match}: ${stderr}`)));
      }),
  };
}

/** The pids of every process below `pid`, now. */
export function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number]);
  const below: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid !== parent) continue;
      below.push(child);
      walk(child);
    }
  };
  walk(pid);
  return below;
}

/** True once nothing accepts connections on 127.0.0.1:`port`. */
export const portClosed = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

/** Waits (bounded) until every process in `pids` has exited and every port in `ports` is closed. */
export async function allGone(pids: number[], ports: number[], timeoutMs = 15_000): Promise<void> {
  await eventually(async () => {
    const alive = pids.filter(processExists);
    if (alive.length) throw new Error(`still running: ${alive.join(', ')}`);
    for (const port of ports) if (!(await portClosed(port))) throw new Error(`port ${port} still accepts connections`);
  }, timeoutMs);
}

/** The error lines of a Ringside log (one JSON line per entry). */
export const errorLines = (log: string) => log.split('\n').filter((line) => line.startsWith('{') && (JSON.parse(line) as { level?: string }).level === 'error');
