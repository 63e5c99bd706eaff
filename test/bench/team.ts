// Team mode under load: one engine (its own process) with 200 live calls streaming at real pace
// (a load generator in another process), followed live by 1 supervisor, then by 20, in alternate
// rounds. Per round: live-feed delivery latency (a probe changes presence on the team listener —
// an administrator opening and closing a call's detail — and each supervisor's socket times the
// presence message that follows: the same path as every live message, HTTP request included) p50 and
// p99 over every (probe, supervisor) pair, and the engine's CPU while it also carries the 200 calls'
// feed to each supervisor. Budget (issue 19): with 20 supervisors, CPU ≤ 1.5× and p99 ≤ 250 ms.
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import WebSocket from 'ws';
import { cpuColumns, cpuSnapshot } from './support/cpu.ts';
import { CONSOLE_TOKEN, startEngine, startNode, stop, STREAM_TOKEN as TOKEN } from './support/processes.ts';
import { fixed, percentile, printTable } from './support/table.ts';
import { freePort } from '../integration/support/engine.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const TEAM = Number(process.env.BENCH_SUPERVISORS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const HOLD_S = Number(process.env.BENCH_HOLD ?? 15);
const PROBE_EVERY_MS = 100;
const BUDGET = { cpu: 1.5, p99Ms: 250 };

interface Reply {
  status: number;
  body: any;
}

/** A JSON request to the team listener from `localAddress` (each supervisor signs in from its own loopback address, as from its own desk). */
function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, localAddress?: string): Promise<Reply> {
  const json = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, localAddress, headers: { ...(json && { 'content-type': 'application/json' }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(json);
  });
}

/** A supervisor's live socket: counts the presence messages of `probeCall` and when each arrived. */
function follow(base: string, token: string, localAddress: string, probeCall: () => string | undefined): Promise<{ ws: WebSocket; arrivals: number[]; messages: () => number }> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/live`, { headers: { authorization: `Bearer ${token}` }, localAddress, perMessageDeflate: false });
  const arrivals: number[] = [];
  let messages = 0;
  ws.on('message', (data) => {
    const at = performance.now();
    messages++;
    const text = String(data);
    // Only the probe's messages are parsed: the supervisor's own cost must not slow what it measures.
    if (!text.startsWith('{"type":"presence"')) return;
    const id = probeCall();
    if (id && (JSON.parse(text) as { calls: { callId: string }[] }).calls.some((c) => c.callId === id)) arrivals.push(at);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, arrivals, messages: () => messages }));
    ws.once('error', reject);
  });
}

export async function run(): Promise<void> {
  process.stdout.write(`team: ${CALLS} live calls, 1 then ${TEAM} supervisors following live, ${ROUNDS} alternate pairs of rounds, ${HOLD_S} s each\n`);
  const teamPort = await freePort();
  const engine = await startEngine({ RINGSIDE_TEAM_PORT: String(teamPort), RINGSIDE_TEAM_HOST: '127.0.0.1' });
  const base = engine.info.team!;
  const load = await startNode([join(import.meta.dirname, 'support/stream-load.ts'), engine.info.public!, TOKEN]);
  const loadLines = createInterface({ input: load.child.stdout! });
  const sockets: WebSocket[] = [];
  const rows: (string | number)[][] = [];
  const verdicts: { cpu: number; p99: number }[] = [];
  try {
    const setup = await call(base, 'POST', '/api/team/setup', { name: 'Bench Admin', password: 'bench-admin-password' }, { authorization: `Bearer ${CONSOLE_TOKEN}` });
    if (setup.status !== 200) throw new Error(`setup refused: ${JSON.stringify(setup.body)}`);
    const adminSignIn = await call(base, 'POST', '/api/team/sign-in', { name: 'Bench Admin', password: 'bench-admin-password', client: 'desktop' });
    const admin = { authorization: `Bearer ${adminSignIn.body.token}` };
    const tokens: { token: string; address: string }[] = [];
    for (let i = 0; i < TEAM; i++) {
      const name = `Supervisor ${String(i + 1).padStart(2, '0')}`;
      const address = `127.0.0.${i + 2}`;
      await call(base, 'POST', '/api/team/accounts', { name, role: 'supervisor', password: 'bench-supervisor-pw' }, admin);
      const signed = await call(base, 'POST', '/api/team/sign-in', { name, password: 'bench-supervisor-pw', client: 'desktop' }, {}, address);
      if (signed.status !== 200) throw new Error(`sign-in refused: ${JSON.stringify(signed.body)}`);
      tokens.push({ token: signed.body.token, address });
    }

    await new Promise<void>((resolve) => {
      loadLines.once('line', () => resolve());
      load.child.stdin!.write(`add ${CALLS}\n`);
    });
    // Every call live (health counts them all; a list is paged), then one of them is the probe's.
    while ((await call(base, 'GET', '/api/health', undefined, admin)).body.calls.live < CALLS) await new Promise((r) => setTimeout(r, 200));
    const probeCall: string | undefined = (await call(base, 'GET', '/api/calls?state=live', undefined, admin)).body.calls[0].id;

    const plan = Array.from({ length: ROUNDS }, () => [1, TEAM]).flat();
    const byCount = new Map<number, { cpu: number[]; latencies: number[] }>();
    for (const [round, count] of plan.entries()) {
      const followers = await Promise.all(tokens.slice(0, count).map((t) => follow(base, t.token, t.address, () => probeCall)));
      sockets.push(...followers.map((f) => f.ws));
      await new Promise((r) => setTimeout(r, 2000)); // the opening burst (every live call) settles
      for (const f of followers) f.arrivals.length = 0;
      const sent: number[] = [];
      const before = cpuSnapshot(Number(engine.child.pid), Number(load.child.pid));
      const started = performance.now();
      for (let open = true; performance.now() - started < HOLD_S * 1000; open = !open) {
        sent.push(performance.now());
        await call(base, 'POST', `/api/team/calls/${encodeURIComponent(probeCall!)}/viewing`, { open }, admin);
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
      await new Promise((r) => setTimeout(r, 500)); // the last probe's messages arrive
      const cpu = cpuColumns(before, cpuSnapshot(Number(engine.child.pid), Number(load.child.pid)));
      const latencies = followers.flatMap((f) => f.arrivals.slice(0, sent.length).map((at, k) => at - sent[k]!));
      const missing = followers.reduce((n, f) => n + Math.max(0, sent.length - f.arrivals.length), 0);
      const perSecond = followers.reduce((n, f) => n + f.messages(), 0) / followers.length / (HOLD_S + 2.5);
      for (const f of followers) f.ws.close();
      sockets.length = 0;
      const entry = byCount.get(count) ?? { cpu: [], latencies: [] };
      entry.cpu.push(cpu.server);
      entry.latencies.push(...latencies);
      byCount.set(count, entry);
      rows.push([round + 1, count, sent.length, fixed(perSecond, 0), fixed(percentile(latencies, 50), 1), fixed(percentile(latencies, 99), 1), missing, fixed(cpu.server, 0) + ' %', fixed(cpu.serverMain, 0) + ' %', fixed(cpu.machineIdle, 0) + ' %']);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const one = byCount.get(1)!;
    const many = byCount.get(TEAM)!;
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    verdicts.push({ cpu: mean(many.cpu) / mean(one.cpu), p99: percentile(many.latencies, 99) });
    printTable(
      `Team mode: ${CALLS} live calls, live feed to 1 and ${TEAM} supervisors (engine and load generator in their own processes, all on this machine)`,
      ['round', 'supervisors', 'probes', 'messages/s each', 'delivery p50 ms', 'delivery p99 ms', 'missed', 'engine CPU', 'engine main thread', 'machine idle'],
      rows,
    );
    const { cpu, p99 } = verdicts[0]!;
    process.stdout.write(
      `\n${TEAM} supervisors against 1: engine CPU ${fixed(cpu, 2)}× (budget ≤ ${BUDGET.cpu}×), delivery p99 ${fixed(p99, 1)} ms (budget ≤ ${BUDGET.p99Ms} ms): ${cpu <= BUDGET.cpu && p99 <= BUDGET.p99Ms ? 'within budget' : 'OVER BUDGET'}\n`,
    );
  } finally {
    for (const ws of sockets) ws.terminate();
    load.child.stdin!.write('stop\n');
    await stop(load.child);
    await stop(engine.child);
  }
}
