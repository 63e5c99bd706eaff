// The command line says what to do, in the system's language: a --public-host this machine does not
// have, a simulator with nothing to talk to or the wrong secret, the demo's made-up secrets (the
// start log says what the demo did, and `simulate` finds the running demo by itself).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../support/ringside-env.ts';
import { SECRETS, spawnServe, type ServeProcess } from './support/engine.ts';
import { until } from './support/live.ts';

const CLI = join(import.meta.dirname, '../../electron/engine/cli.ts');

/** Runs the CLI to its end. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** A port nothing listens on (bound, then freed). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const NO_RINGOVER_SECRETS = { RINGOVER_WEBHOOK_SECRET: '', RINGOVER_STREAMER_AUTH_TOKEN: '' };

describe('the command line', () => {
  it('says what to do with a --public-host this machine does not have', async () => {
    const result = await cli(['serve', '--public-host', 'no-such-host.invalid', '--public-port', '0', '--console-port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'ringside-cli-'))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ringside: Cannot listen on no-such-host\.invalid \(--public-host\): this machine has no such address \(E[A-Z_]+\)\. Use 0\.0\.0\.0 /);
  });

  it('says no Ringside is listening, and how to start one, instead of "fetch failed"', async () => {
    const port = await closedPort();
    const result = await cli(['simulate', '--calls', '1', '--webhooks', `http://127.0.0.1:${port}`], SECRETS);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`ringside: no Ringside is listening at http://127.0.0.1:${port}: start it with npm start or npm run serve (or give its address with --webhooks)\n`);
  });

  it('speaks French when the system does', async () => {
    const french = { LC_ALL: 'fr_FR.UTF-8' };
    expect((await cli(['simulate', '--calls', 'x'], french)).stderr).toBe('ringside: --calls doit être un nombre d’au moins 1 (reçu « x »)\n');
    expect((await cli(['serve', '--help'], french)).stdout).toMatch(/^Utilisation : npm run serve -- \[options\]\n\n {2}--data-dir DIR +où vivent la base/);
    expect((await cli(['nope'], { LC_ALL: '', LANG: 'fr_CA.UTF-8' })).stderr).toBe('ringside: commande inconnue « nope » ; essayez : start, serve, simulate\n');
    expect((await cli(['nope'], { LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).stderr).toBe('ringside: unknown command "nope"; try: start, serve, simulate\n'); // LC_ALL wins
    // A setting's problem and a refused option are worded too, not only the sentence around them.
    expect((await cli(['serve', '--public-port', '99999'], french)).stderr).toBe('ringside: Réglages invalides : --public-port doit être un numéro de port de 0 à 65535 (0 choisit un port libre)\n');
    expect((await cli(['serve', '--bogus'], french)).stderr.split('\n')[0]).toBe('ringside: Option inconnue « --bogus »');
    expect((await cli(['serve', '--public-port'], french)).stderr.split('\n')[0]).toBe('ringside: L’option « --public-port » demande une valeur');
  });
});

describe('the demo and the simulator', () => {
  let serve: ServeProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-cli-demo-'));
  beforeAll(async () => {
    serve = await spawnServe(['--demo', '--public-port', '0', '--console-port', '0', '--data-dir', dataDir], { ...NO_RINGOVER_SECRETS, RINGYO_WEBHOOK_SECRET: '' });
  });
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('says in the start log what the demo made up, instead of "ringover webhooks are off"', async () => {
    const log = () => serve.stderr() + serve.stdoutLines.join('\n');
    await until(() => log().includes('simulated calls keep going') || undefined, 5000, 'the demo’s start line');
    expect(log()).toContain('demo: RINGOVER_WEBHOOK_SECRET, RINGOVER_STREAMER_AUTH_TOKEN were not set, so the demo made them up for this run (never saved)');
    expect(log()).not.toMatch(/ringover webhooks are off|refuses every media server/);
    expect(log()).toContain('ringyo webhooks are off until RINGYO_WEBHOOK_SECRET is set'); // what the demo does not fill is still said
  });

  it('lets simulate find the running demo by itself, and says when a secret is wrong', async () => {
    const env = { ...NO_RINGOVER_SECRETS, RINGSIDE_DATA_DIR: dataDir };
    const found = await cli(['simulate', '--calls', '1', '--duration', '1'], env);
    expect(found.stdout).toContain(`Using the Ringside running on this machine (its demo's made-up secrets): ${serve.publicUrl.replace('0.0.0.0', '127.0.0.1')}`);
    expect(found.stdout).toMatch(/\d+ {2}completed /);
    expect(found.code).toBe(0);

    const wrong = await cli(['simulate', '--calls', '1', '--duration', '1', '--webhooks', serve.publicUrl.replace('0.0.0.0', '127.0.0.1')], { ...env, RINGOVER_WEBHOOK_SECRET: 'not-the-demo-secret' });
    expect(wrong.stdout).toContain('refused the webhook (HTTP 401): the webhook secret is wrong; set RINGOVER_WEBHOOK_SECRET (or RINGOVER_WEBHOOK_KEY_CALL) to the engine’s own'.replace('’', "'"));
    expect(wrong.code).toBe(1);
    // The address was the user's: the running Ringside is not said to be used, only its secrets.
    expect(wrong.stdout).not.toContain('Using the Ringside running on this machine');
    expect(wrong.stdout).toContain(`Using the secrets the demo of the Ringside running on this machine made up, against ${serve.publicUrl.replace('0.0.0.0', '127.0.0.1')}`);
  });

  it('refuses a --webhooks or --target that is not a URL before saying anything of the running demo', async () => {
    const env = { ...NO_RINGOVER_SECRETS, RINGSIDE_DATA_DIR: dataDir };
    const typo = await cli(['simulate', '--calls', '1', '--webhooks', 'notaurl'], env);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('ringside: --webhooks must be a URL such as http://127.0.0.1:8000 (got "notaurl")\n');
    expect(typo.code).toBe(2);
    const target = await cli(['simulate', '--calls', '1', '--target', 'ftp://127.0.0.1'], env);
    expect(target.stderr).toBe('ringside: --target must be a URL such as http://127.0.0.1:8000 (got "ftp://127.0.0.1")\n');
    expect(target.code).toBe(2);
  });

  it('forgets the made-up secrets when the demo stops', async () => {
    expect(existsSync(join(dataDir, 'running-demo.json'))).toBe(true);
    serve.child.kill('SIGTERM');
    await serve.exited;
    expect(existsSync(join(dataDir, 'running-demo.json'))).toBe(false);
  });
});
