import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Call } from '../../shared/call.ts';
import { childEnv } from '../support/ringside-env.ts';
import { consoleGet, SECRETS, spawnServe, tempDataDir } from './support/engine.ts';
import { eventually } from './support/live.ts';
import { patient } from '../support/patience.ts';

const LOOPBACK = ['--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0'];
const CLI = join(import.meta.dirname, '../../electron/engine/cli.ts');

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run simulate', () => {
  it('plays calls against a running engine like a provider: webhooks, stream, hang-up', async () => {
    const serve = await spawnServe(['--data-dir', tempDataDir(), ...LOOPBACK]);
    try {
      const result = await run(['simulate', '--calls', '2', '--rate', '10', '--duration', '2', '--webhooks', serve.publicUrl], SECRETS);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n').filter((l) => / completed /.test(l))).toHaveLength(2);
      const calls = ((await consoleGet(serve, '/api/calls')).body.calls as Call[]).filter((c) => c.provider === 'ringover');
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        expect(call).toMatchObject({ state: 'ended', outcome: 'completed', direction: 'inbound' });
        await eventually(async () => {
          const { call: detail } = (await consoleGet(serve, `/api/calls/${call.id}`)).body as { call: Call };
          expect(detail.recording?.durationSeconds).toBeGreaterThan(1.5);
        });
      }
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it('names the missing secret instead of failing later', async () => {
    // A data folder with no running demo in it: the secret cannot come from anywhere else.
    const result = await run(['simulate', '--calls', '1'], {
      RINGSIDE_DATA_DIR: tempDataDir(),
      RINGOVER_WEBHOOK_SECRET: '',
      RINGOVER_WEBHOOK_KEY_CALL: '',
      RINGOVER_STREAMER_AUTH_TOKEN: 'simulate-stream-token',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/set RINGOVER_WEBHOOK_SECRET/);
  });
});

describe('serve --demo', () => {
  it('keeps a handful of demo calls live with nothing configured, and hangs them up on stop', async () => {
    const dataDir = tempDataDir();
    const unconfigured = { RINGOVER_WEBHOOK_SECRET: '', RINGOVER_STREAMER_AUTH_TOKEN: '' };
    const serve = await spawnServe(['--demo', '--data-dir', dataDir, ...LOOPBACK], unconfigured);
    let ids: string[] = [];
    try {
      const live = await eventually(async () => {
        const calls = (await consoleGet(serve, '/api/calls?state=live')).body.calls as Call[];
        expect(calls.filter((c) => c.demo && c.stream?.state === 'connected').length).toBeGreaterThanOrEqual(3);
        return calls;
      }, 15_000);
      ids = live.map((c) => c.id);
      expect(live.every((c) => c.from.name && c.from.number)).toBe(true);
    } finally {
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }
    const again = await spawnServe(['--data-dir', dataDir, ...LOOPBACK], unconfigured);
    try {
      for (const id of ids) {
        const { call } = (await consoleGet(again, `/api/calls/${id}`)).body as { call: Call };
        expect(call.state, id).toBe('ended');
      }
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
    // Two engines start and stop in turn: 6–8 s on a quiet machine, over 30 s under full load.
  }, patient(30_000));
});
