// Unauthenticated flood: 16 connections post 1 MB forged Ringotel bodies while genuine deliveries
// and /healthz are timed, first quiet, then under the flood. Reports their latencies in both
// phases, the flood's rate and the log it wrote. FLOOD_BODY picks the forgery: `nested` (a wrong
// token, then nothing but '['), or `string` (a 1 MB string first, the wrong token last: all of
// it must be read). `npm run bench -- flood`; FLOOD_CLI=<path to electron/engine/cli.ts> measures
// another checkout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ringotelRequest } from '../fakes/webhook-signers.ts';
import { CONSOLE_TOKEN, stop } from './support/processes.ts';
import { fixed, percentile, printTable } from './support/table.ts';

const CLI = process.env.FLOOD_CLI ?? join(import.meta.dirname, '../../electron/engine/cli.ts');
const TOKEN = 'bench-ringotel-token';
const FLOOD_CONNECTIONS = 16;
const GENUINE_CONCURRENCY = 4;
const QUIET_S = Number(process.env.FLOOD_QUIET_S ?? 5);
const FLOOD_S = Number(process.env.FLOOD_S ?? 15);
const FLOOD_BODY = process.env.FLOOD_BODY === 'string' ? 'string' : 'nested';

/** The flood runs in a process of its own, so its sending never delays the timed requests. */
const FLOODER = `
  const http = require('node:http');
  const [url, connections, kind] = [process.argv[1], Number(process.argv[2]), process.argv[3]];
  const prefix = '{"method":"StartCallActivity","api_token":"wrong-token","params":';
  const body = Buffer.from(kind === 'string'
    ? '{"method":"StartCallActivity","params":{"note":"' + 'a'.repeat(1024 * 1024 - 100) + '"},"api_token":"wrong-token"}'
    : prefix + '['.repeat(1024 * 1024 - prefix.length - 16));
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let sent = 0, stopping = false;
  process.on('message', () => { stopping = true; });
  const once = () => new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', resolve);
    req.end(body);
  });
  const loop = async () => { while (!stopping) { await once(); sent++; } };
  Promise.all(Array.from({ length: connections }, loop)).then(() => { process.send(sent); process.disconnect(); });
`;

interface Timed {
  ms: number;
  status: number;
}

function timed(url: string, agent: Agent, method: string, body?: string): Promise<Timed> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - start, status: res.statusCode ?? 0 }));
    });
    req.on('error', () => resolve({ ms: performance.now() - start, status: 0 }));
    req.end(body);
  });
}

async function startServe(): Promise<{ child: ChildProcess; publicUrl: string; logBytes: () => number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-flood-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0'], {
    env: { ...process.env, RINGOTEL_API_TOKEN: TOKEN, RINGSIDE_CONSOLE_TOKEN: CONSOLE_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logBytes = 0;
  child.stderr!.on('data', (chunk: Buffer) => (logBytes += chunk.length));
  const info = await new Promise<{ public: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line) as { public: string }));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, publicUrl: info.public, logBytes: () => logBytes };
}

/** Genuine deliveries (GENUINE_CONCURRENCY at a time) and /healthz (every 50 ms) until `until`. */
async function probe(publicUrl: string, until: number, next: () => number) {
  const agent = new Agent({ keepAlive: true, maxSockets: GENUINE_CONCURRENCY + 1 });
  const genuine: Timed[] = [];
  const health: Timed[] = [];
  const deliver = async () => {
    while (performance.now() < until) {
      const { body } = ringotelRequest('StartCallActivity', { call_id: `genuine-${next()}` }, TOKEN);
      genuine.push(await timed(`${publicUrl}/webhooks/ringotel`, agent, 'POST', body));
    }
  };
  const healthz = async () => {
    while (performance.now() < until) {
      health.push(await timed(`${publicUrl}/healthz`, agent, 'GET'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([...Array.from({ length: GENUINE_CONCURRENCY }, deliver), healthz()]);
  agent.destroy();
  return { genuine, health };
}

export async function run(): Promise<void> {
  const serve = await startServe();
  let n = 0;
  const next = () => n++;
  try {
    await probe(serve.publicUrl, performance.now() + 1000, next); // warm-up
    const quiet = await probe(serve.publicUrl, performance.now() + QUIET_S * 1000, next);

    const logBefore = serve.logBytes();
    const flooder = spawn(process.execPath, ['-e', FLOODER, `${serve.publicUrl}/webhooks/ringotel`, String(FLOOD_CONNECTIONS), FLOOD_BODY], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const floodSent = new Promise<number>((resolve) => flooder.once('message', (sent) => resolve(sent as number)));
    const started = performance.now();
    const flooded = await probe(serve.publicUrl, started + FLOOD_S * 1000, next);
    flooder.send('stop');
    const sent = await floodSent;
    const seconds = (performance.now() - started) / 1000;
    const logKb = (serve.logBytes() - logBefore) / 1024;

    const row = (phase: string, { genuine, health }: Awaited<ReturnType<typeof probe>>, flood: string, log: string) => {
      const ok = genuine.filter((t) => t.status === 200).map((t) => t.ms);
      const hz = health.map((t) => t.ms);
      return [phase, ok.length, genuine.length - ok.length, fixed(percentile(ok, 50)), fixed(percentile(ok, 99)), fixed(percentile(hz, 50)), fixed(percentile(hz, 99)), fixed(Math.max(...hz)), flood, log];
    };
    printTable(
      `Webhook flood (${FLOOD_CONNECTIONS} connections × 1 MB forged Ringotel bodies, ${FLOOD_BODY}), ${CLI}`,
      ['phase', 'genuine 200', 'genuine other', 'genuine p50 ms', 'genuine p99 ms', '/healthz p50 ms', '/healthz p99 ms', '/healthz max ms', 'forgeries/s', 'log KB'],
      [row(`quiet ${QUIET_S} s`, quiet, '0', '0'), row(`flood ${fixed(seconds, 0)} s`, flooded, fixed(sent / seconds), fixed(logKb))],
    );
  } finally {
    await stop(serve.child);
  }
}

if (import.meta.main) await run();
