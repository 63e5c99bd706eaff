import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ringoverBody, signRingoverHmac } from '../fakes/webhook-signers.ts';
import { CATALOG, CONFIG_KEYS } from '../../shared/setting-catalog.ts';
import { childEnv } from '../support/ringside-env.ts';
import { consoleGet, SECRETS, spawnServe, tempDataDir } from './support/engine.ts';
import { until } from './support/live.ts';

const LOOPBACK = ['--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0'];
const CLI = join(import.meta.dirname, '../../electron/engine/cli.ts');

describe('serve', () => {
  it('prints the clickable console line and the JSON line, and keeps a generated token', async () => {
    const dataDir = tempDataDir();
    const env = { RINGSIDE_CONSOLE_TOKEN: '' };
    const first = await spawnServe(['--data-dir', dataDir, ...LOOPBACK], env);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdoutLines[0]).toBe(`Ringside console: ${first.consoleUrl}/#token=${first.consoleToken}`);
    expect(JSON.parse(first.stdoutLines[1]!)).toEqual({ public: first.publicUrl, console: first.consoleUrl, consoleToken: first.consoleToken });
    expect(first.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.consoleToken.length).toBeGreaterThanOrEqual(16);

    const second = await spawnServe(['--data-dir', dataDir, ...LOOPBACK], env);
    second.child.kill('SIGTERM');
    await second.exited;
    expect(second.consoleToken).toBe(first.consoleToken);
  });

  it('stops with one line naming the setting as it was given when the config is invalid: flag, variable or file key', () => {
    const PORT = 'must be a port number from 0 to 65535 (0 picks a free port)';
    const serveWith = (args: string[], env: Record<string, string> = {}) =>
      // The timeout only ends a serve that wrongly started: it is never what the test waits for.
      spawnSync(process.execPath, [CLI, 'serve', '--data-dir', tempDataDir(), '--public-host', '127.0.0.1', '--console-port', '0', ...args], { encoding: 'utf8', env: childEnv(env), timeout: 20_000 });
    const result = serveWith(['--public-port', 'eighty']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`ringside: Invalid config: --public-port ${PORT}\n`);
    const fromEnv = serveWith([], { RINGSIDE_PUBLIC_PORT: 'eighty' });
    expect(fromEnv.status).toBe(2);
    expect(fromEnv.stderr).toBe(`ringside: Invalid config: RINGSIDE_PUBLIC_PORT ${PORT}\n`);
    const configFile = join(tempDataDir(), 'ringside.json');
    writeFileSync(configFile, JSON.stringify({ publicPort: 'abc' }));
    const fromFile = serveWith(['--config', configFile]);
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toBe(`ringside: Invalid config: publicPort in the file ${configFile} ${PORT}\n`);
    const unknown = spawnSync(process.execPath, [CLI, 'serve', '--pubic-port', '1'], { encoding: 'utf8', env: childEnv() });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toMatch(/Unknown option '--pubic-port'/);
  });

  it('prints each command’s usage on -h and refuses an unknown flag with it', () => {
    for (const command of ['serve', 'simulate']) {
      const help = spawnSync(process.execPath, [CLI, command, '-h'], { encoding: 'utf8', env: childEnv() });
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: npm run ${command} -- \\[options\\]`));
      if (command === 'serve') for (const key of CONFIG_KEYS) expect(help.stdout, key).toContain(CATALOG[key].env);
      const unknown = spawnSync(process.execPath, [CLI, command, '--nope'], { encoding: 'utf8', env: childEnv() });
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/^ringside: Unknown option '--nope'/);
      expect(unknown.stderr).toContain(`Usage: npm run ${command}`);
    }
  });

  it('finishes an in-flight request on SIGTERM, then exits 0 with the event stored', async () => {
    const dataDir = tempDataDir();
    const serve = await spawnServe(['--data-dir', dataDir, ...LOOPBACK]);
    const signed = signRingoverHmac(ringoverBody('ringing', '9001'), SECRETS.RINGOVER_WEBHOOK_SECRET);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(serve.publicUrl + signed.path, { method: 'POST', headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(signed.body)) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      // The signal lands while the request is half sent: once the engine has read its start (it
      // answered a request sent after it), and the rest follows once the engine is stopping.
      req.write(signed.body.slice(0, 20), () => {
        void (async () => {
          await fetch(`${serve.publicUrl}/healthz`);
          serve.child.kill('SIGTERM');
          await until(() => serve.stderr().includes('"msg":"stopping"'), 10_000, 'the engine to start stopping');
          req.end(signed.body.slice(20));
        })().catch(reject);
      });
    });
    const reply = await answer;
    expect(reply.status).toBe(200);
    expect(await serve.exited).toBe(0);

    const again = await spawnServe(['--data-dir', dataDir, ...LOOPBACK]);
    try {
      expect((await consoleGet(again, '/api/calls/ringover-9001')).status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('finishes its stop when a second signal comes (Ctrl-C under npm arrives twice: from the terminal and from npm)', async () => {
    const serve = await spawnServe(['--data-dir', tempDataDir(), '--demo', ...LOOPBACK]);
    serve.child.kill('SIGINT');
    await until(() => /"msg":"stopping"/.test(serve.stderr()), 10_000, 'the stop to begin');
    serve.child.kill('SIGINT');
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).toMatch(/"msg":"stopped"/);
    expect(serve.stderr()).not.toMatch(/"level":"error"/);
  });

  it('keeps every acknowledged event through kill -9 during concurrent deliveries', async () => {
    const dataDir = tempDataDir();
    const serve = await spawnServe(['--data-dir', dataDir, ...LOOPBACK]);
    const acknowledged: { callId: string; eventId: string }[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const id = String(1_000_000 + next++);
        const signed = signRingoverHmac(ringoverBody('ringing', id), SECRETS.RINGOVER_WEBHOOK_SECRET);
        try {
          const res = await fetch(serve.publicUrl + signed.path, { method: 'POST', headers: signed.headers, body: signed.body });
          const body = (await res.json()) as { eventId?: string; callId?: string };
          if (res.status === 200 && body.eventId) acknowledged.push({ callId: body.callId!, eventId: body.eventId });
        } catch {
          // The connection died with the process: this delivery was never acknowledged.
        }
        if (acknowledged.length >= 400 && !killed) {
          killed = true;
          serve.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    expect(await serve.exited).toBe(null);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    const restarted = await spawnServe(['--data-dir', dataDir, ...LOOPBACK]);
    try {
      const missing: string[] = [];
      for (const { callId, eventId } of acknowledged) {
        const detail = await consoleGet(restarted, `/api/calls/${callId}`);
        const events = (detail.body.events ?? []) as { id: string }[];
        if (!events.some((e) => e.id === eventId)) missing.push(eventId);
      }
      expect(missing).toEqual([]);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });
});
