// Test engines on real loopback sockets: in-process (fast) or as a `serve` child process (for
// signals and kill -9).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { configSchema, type EngineConfig } from '../../../electron/engine/config/schema.ts';
import { createEngine, type Engine, type EngineOptions } from '../../../electron/engine/engine.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import type { SignedRequest } from '../../fakes/webhook-signers.ts';
import { childEnv } from '../../support/ringside-env.ts';

export const SECRETS = {
  RINGOVER_WEBHOOK_SECRET: 'it-ringover-secret',
  RINGOTEL_API_TOKEN: 'it-ringotel-token',
  RINGYO_WEBHOOK_SECRET: 'it-ringyo-secret',
  RINGG_WEBHOOK_TOKEN: 'Bearer it-ringg-token',
  RINGSIDE_CONSOLE_TOKEN: 'it-console-token-0123456789',
  RINGOVER_STREAMER_AUTH_TOKEN: 'it-stream-token',
};

/** A port nothing listens on right now (for a process that must be told its port up front). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'ringside-it-'));

/** The settings every test engine starts from (schema defaults for the rest). */
export function testConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return configSchema.parse({
    dataDir: tempDataDir(),
    publicHost: '127.0.0.1',
    publicPort: 0,
    consolePort: 0,
    consoleToken: SECRETS.RINGSIDE_CONSOLE_TOKEN,
    ringoverWebhookSecret: SECRETS.RINGOVER_WEBHOOK_SECRET,
    ringotelApiToken: SECRETS.RINGOTEL_API_TOKEN,
    ringyoWebhookSecret: SECRETS.RINGYO_WEBHOOK_SECRET,
    ringgWebhookToken: SECRETS.RINGG_WEBHOOK_TOKEN,
    ringoverStreamerAuthToken: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN,
    ...overrides,
  });
}

export async function startEngine(overrides: Partial<EngineConfig> = {}, options: EngineOptions = {}): Promise<Engine> {
  return createEngine(testConfig(overrides), { logger: silentLogger, ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function post(baseUrl: string, signed: SignedRequest): Promise<Reply> {
  const res = await fetch(baseUrl + signed.path, { method: 'POST', headers: signed.headers, body: signed.body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function consoleGet(engine: { consoleUrl: string }, path: string, token = SECRETS.RINGSIDE_CONSOLE_TOKEN): Promise<Reply> {
  const res = await fetch(engine.consoleUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function consolePost(engine: { consoleUrl: string }, path: string, body: unknown): Promise<Reply> {
  const res = await fetch(engine.consoleUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export interface ServeProcess {
  child: ChildProcess;
  publicUrl: string;
  consoleUrl: string;
  consoleToken: string;
  stdoutLines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

const CLI = join(import.meta.dirname, '../../../electron/engine/cli.ts');

/** Spawns `serve` and resolves once it printed its JSON start-up line. */
export function spawnServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: childEnv({ ...SECRETS, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stdoutLines: string[] = [];
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      stdoutLines.push(line);
      if (!line.startsWith('{')) return;
      const info = JSON.parse(line) as { public: string; console: string; consoleToken: string };
      resolve({ child, publicUrl: info.public, consoleUrl: info.console, consoleToken: info.consoleToken, stdoutLines, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before starting: ${stderr}`)));
  });
}
