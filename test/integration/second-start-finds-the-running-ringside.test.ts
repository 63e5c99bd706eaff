// A second `serve` or `npm start` on ports a Ringside already holds says that Ringside runs there
// and, when it is this user's, gives its console link (start opens it); it never prints a token
// that is not this user's, and never sends this user's token to a program that is not Ringside.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, RingsideAlreadyRunningError } from '../../electron/engine/engine.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { childEnv } from '../support/ringside-env.ts';
import { freePort, spawnServe, tempDataDir, testConfig, type ServeProcess } from './support/engine.ts';

const CLI = join(import.meta.dirname, '../../electron/engine/cli.ts');
/** Each data folder generates its own console token (as it does for a user who sets none). */
const GENERATED_TOKEN = { RINGSIDE_CONSOLE_TOKEN: '' };

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv({ ...GENERATED_TOKEN, ...env }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The last line written (log lines come before it). */
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

describe('a second start on the ports of a running Ringside', () => {
  let first: ServeProcess;
  let dataDir: string;
  let publicPort: number;
  let consolePort: number;
  const ports = () => ['--public-host', '127.0.0.1', '--public-port', String(publicPort), '--console-port', String(consolePort)];

  beforeAll(async () => {
    dataDir = tempDataDir();
    [publicPort, consolePort] = [await freePort(), await freePort()];
    first = await spawnServe(['--data-dir', dataDir, ...ports()], GENERATED_TOKEN);
  });
  afterAll(async () => {
    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('serve, same data folder: says Ringside already runs there and prints its console link', async () => {
    const second = await runCli(['serve', '--data-dir', dataDir, ...ports()]);
    expect(second.code).toBe(2);
    expect(lastLine(second.stderr)).toBe(
      `ringside: Ringside is already running on port ${publicPort}: its console is ${first.consoleUrl}/#token=${first.consoleToken} (to run another one beside it, pick another --public-port)`,
    );
    expect((await fetch(`${first.publicUrl}/healthz`)).status).toBe(200);
  });

  it('serve, same data folder, only the console port taken: the same link', async () => {
    const second = await runCli(['serve', '--data-dir', dataDir, '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', String(consolePort)]);
    expect(second.code).toBe(2);
    expect(lastLine(second.stderr)).toBe(`ringside: Ringside is already running on port ${consolePort}: its console is ${first.consoleUrl}/#token=${first.consoleToken} (to run another one beside it, pick another --console-port)`);
  });

  it('serve, another data folder: says another Ringside runs there, and prints no token', async () => {
    const second = await runCli(['serve', '--data-dir', tempDataDir(), ...ports()]);
    expect(second.code).toBe(2);
    expect(lastLine(second.stderr)).toBe(`ringside: Another Ringside, with its own data folder or console token, is already running on port ${publicPort}: stop it, or pick another --public-port`);
    expect(second.stdout + second.stderr).not.toContain(first.consoleToken);
  });

  it('npm start (the web console where Electron is not installed): opens the running console and exits 0', async () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'no-electron-')), CI: '1' };
    const second = await runCli(['start', '--data-dir', dataDir, ...ports()], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Opening it: ${first.consoleUrl}/#token=${first.consoleToken}\n`);
  });

  it('the desktop app’s engine (no fixed console port), another data folder: names Ringside, no token', async () => {
    const config = testConfig({ dataDir: tempDataDir(), publicPort, consolePort: 0, consoleToken: undefined });
    const error = await createEngine(config, { logger: silentLogger }).then(
      async (engine) => (await engine.stop(), undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RingsideAlreadyRunningError);
    expect((error as RingsideAlreadyRunningError).consoleLink).toBeUndefined();
    expect((error as Error).message).toMatch(new RegExp(`^Ringside is already running on port ${publicPort} \\(its public listener answers there`));
    expect((error as Error).message).not.toContain(first.consoleToken);
  });
});

describe('a second start on a port another program holds', () => {
  it('says the port is in use and sends that program no token', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const squatter = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic' }).end('who are you?');
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const result = await runCli(['serve', '--data-dir', tempDataDir(), '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', String(port)]);
      expect(result.code).toBe(2);
      expect(lastLine(result.stderr)).toBe(`ringside: Port ${port} is already in use: stop the other program or pick another --console-port`);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((headers) => headers.authorization)).toEqual([]);
    } finally {
      squatter.close();
    }
  });

  it('never sends its console token to a program that answers like a Ringside console', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const impostor = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"error":"send the console token"}');
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const port = (impostor.address() as { port: number }).port;
    try {
      const token = 'victim-console-token-0123456789abcdef';
      const result = await runCli(['serve', '--data-dir', tempDataDir(), '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', String(port)], { RINGSIDE_CONSOLE_TOKEN: token });
      expect(result.code).toBe(2);
      expect(seen.length).toBeGreaterThan(1); // it was asked, and given a proof
      expect(JSON.stringify(seen)).not.toContain(token);
      expect(seen.filter((headers) => headers.authorization)).toEqual([]);
    } finally {
      impostor.close();
    }
  });

  it('names the port setting the way it was given: its variable, its flag, or the config file', async () => {
    const squatter = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    const refusal = async (source: 'env' | 'flag' | 'file') => {
      const start = createEngine(testConfig({ publicPort: port }), { logger: silentLogger, sources: { publicPort: source } });
      return ((await start.then(() => undefined, (error: Error) => error)) as Error).message;
    };
    try {
      expect(await refusal('env')).toBe(`Port ${port} is already in use: stop the other program or pick another RINGSIDE_PUBLIC_PORT`);
      expect(await refusal('flag')).toBe(`Port ${port} is already in use: stop the other program or pick another --public-port`);
      expect(await refusal('file')).toBe(`Port ${port} is already in use: stop the other program or pick another publicPort (in the config file)`);
    } finally {
      squatter.close();
    }
  });
});
