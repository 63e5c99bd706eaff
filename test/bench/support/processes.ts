import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { childEnv } from '../../support/ringside-env.ts';

const CLI = join(import.meta.dirname, '../../../electron/engine/cli.ts');
/** The secrets every bench engine runs with (a bench may set others through `env`). */
export const STREAM_TOKEN = 'bench-stream-token';
export const CONSOLE_TOKEN = 'bench-console-token-000000';

/** Starts a node script (with only the Ringside settings given in `env`) and resolves with the first stdout line that parses as JSON. */
export function startNode(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = spawn(process.execPath, args, { env: childEnv(env), stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', function first(line) {
      if (!line.startsWith('{')) return void lines.once('line', first);
      lines.close();
      resolve({ child, info: JSON.parse(line) as Record<string, string> });
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${code} before starting`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

 /** `serve` (of this checkout, or the `cli.ts` given) on loopback, with a fresh data dir and free ports; `env` adds or overrides settings. BENCH_ENGINE_ARGS adds node flags (e.g. `--cpu-prof --cpu-prof-dir=prof`). */
export function startEngine(env: Record<string, string> = {}, cli = CLI): ReturnType<typeof startNode> {
  const nodeArgs = (process.env.BENCH_ENGINE_ARGS ?? '').split(' ').filter(Boolean);
  return startNode(
    [...nodeArgs, cli, 'serve', '--data-dir', mkdtempSync(join(tmpdir(), 'ringside-bench-')), '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0'],
    { RINGOVER_STREAMER_AUTH_TOKEN: STREAM_TOKEN, RINGSIDE_CONSOLE_TOKEN: CONSOLE_TOKEN, RINGOVER_WEBHOOK_SECRET: 'bench-webhook-secret', ...env },
  );
}
