// The stream server under load: simulated media servers (20 ms PCMU RTP at real-time pace) ramp
// to 100, 250, 500 and 1000 concurrent calls against an engine in its own process, then against a
// bare node:http + ws server taking the same streams and commands (the floor on this machine),
// the two alternating at each step (each step ramps its own load from zero).
// Per step: the server's CPU (and its main thread's), the load generator's CPU and the machine's
// idle share (all on one machine), frames received and lost, frame arrival → peaks on /api/live,
// and command → wire latency.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChildProcess } from 'node:child_process';
import { WebSocket } from 'ws';
import type { Call } from '../../shared/call.ts';
import type { LiveMessage } from '../../shared/api.ts';
import { commandLatencies, openProbes } from './support/command-probes.ts';
import { cpuColumns, cpuSnapshot } from './support/cpu.ts';
import { CONSOLE_TOKEN, startEngine, startNode, stop, STREAM_TOKEN as TOKEN } from './support/processes.ts';
import { fixed, printTable, percentile } from './support/table.ts';

const STEPS = (process.env.BENCH_STEPS ?? '100,250,500,1000').split(',').map(Number);
const HOLD_S = Number(process.env.BENCH_HOLD ?? 10);
/** Probe calls live in this (lightly loaded) process; they carry the latency measurements. */
const PROBES = 10;

interface Server {
  name: string;
  child: ChildProcess;
  publicUrl: string;
  consoleUrl: string;
  /** Frames received and lost (with malformed) so far, over all calls. */
  frames(): Promise<{ received: number; lost?: number }>;
  /** The engine has a live feed; the bare server has none. */
  live: boolean;
}

interface Step {
  calls: number;
  cpu: ReturnType<typeof cpuColumns>;
  framesPerSecond: number;
  lost?: number;
  arrival: number[];
  commands: number[];
}

async function engineFrames(consoleUrl: string): Promise<{ received: number; lost: number }> {
  const totals = { received: 0, lost: 0 };
  let before: string | undefined;
  do {
    const query = new URLSearchParams({ state: 'live', limit: '500', ...(before && { before }) });
    const res = await fetch(`${consoleUrl}/api/calls?${query}`, { headers: { authorization: `Bearer ${CONSOLE_TOKEN}` } });
    const page = (await res.json()) as { calls: Call[]; nextBefore?: string };
    for (const call of page.calls) {
      totals.received += call.stream?.framesReceived ?? 0;
      totals.lost += (call.stream?.framesLost ?? 0) + (call.stream?.framesMalformed ?? 0);
    }
    before = page.nextBefore;
  } while (before);
  return totals;
}

async function engineServer(cli?: string): Promise<Server> {
  const { child, info } = await startEngine({}, cli);
  return { name: cli ? 'base engine' : 'Ringside engine', child, publicUrl: info.public!, consoleUrl: info.console!, frames: () => engineFrames(info.console!), live: true };
}

async function bareServer(): Promise<Server> {
  const { child, info } = await startNode([join(import.meta.dirname, 'support/bare-stream-server.ts')]);
  const frames = async () => ({ received: ((await (await fetch(`${info.console}/frames`)).json()) as { frames: number }).frames });
  return { name: 'bare node:http + ws', child, publicUrl: info.public!, consoleUrl: info.console!, frames, live: false };
}

/** One step on one server: its own load generator ramps to `calls` (probes included), holds, then stops. */
async function measureStep(server: Server, calls: number): Promise<Step> {
  const load = await startNode([join(import.meta.dirname, 'support/stream-load.ts'), server.publicUrl, TOKEN]);
  const loadLines = createInterface({ input: load.child.stdout! });
  const addLoad = (count: number) =>
    new Promise<void>((resolve) => {
      loadLines.once('line', () => resolve());
      load.child.stdin!.write(`add ${count}\n`);
    });

  const probes = await openProbes(server.publicUrl, PROBES);

  // Frame arrival → peaks: window k of a call's peaks covers its packet k; every probe frame counts.
  let arrival: number[] = [];
  let live: WebSocket | undefined;
  if (server.live) {
    live = new WebSocket(`${server.consoleUrl.replace('http', 'ws')}/api/live?token=${CONSOLE_TOKEN}`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => (live!.once('open', resolve), live!.once('error', reject)));
    live.on('message', (data: Buffer) => {
      const now = performance.now();
      const message = JSON.parse(data.toString()) as LiveMessage;
      if (message.type !== 'audio.peaks') return;
      for (const peaks of message.calls) {
        const probe = probes.get(peaks.callId);
        if (!probe) continue;
        const first = peaks.startMs / 20;
        for (let k = first; k < first + peaks.caller.length; k++) {
          const sentAt = probe.sentAt[k];
          if (sentAt !== undefined) arrival.push(now - sentAt);
        }
      }
    });
  }

  try {
    if (calls > PROBES) await addLoad(calls - PROBES);
    await new Promise((r) => setTimeout(r, 2000)); // settle
    const before = await server.frames();
    const cpu0 = cpuSnapshot(server.child.pid!, load.child.pid!);
    arrival = [];
    const commands = await commandLatencies(server.consoleUrl, probes, cpu0.at + HOLD_S * 1000);
    const cpu1 = cpuSnapshot(server.child.pid!, load.child.pid!);
    const after = await server.frames();
    const seconds = (cpu1.at - cpu0.at) / 1000;
    const lost = after.lost === undefined ? undefined : after.lost - before.lost!;
    process.stdout.write(`  ${server.name}: ${calls} calls measured\n`);
    return { calls, cpu: cpuColumns(cpu0, cpu1), framesPerSecond: (after.received - before.received) / seconds, lost, arrival, commands };
  } finally {
    for (const probe of probes.values()) probe.stop();
    load.child.stdin!.write('stop\n');
    live?.close();
    await stop(load.child);
    await new Promise((r) => setTimeout(r, 1000)); // the streams close before the next step
  }
}

export async function run(): Promise<void> {
  process.stdout.write(`streamer: steps ${STEPS.join(', ')} concurrent calls, ${HOLD_S} s measured per step, engine and bare server alternating at each step\n`);
  // BENCH_BASE_CLI=<another checkout>/electron/engine/cli.ts adds that engine to every step: before and after in one run.
  const base = process.env.BENCH_BASE_CLI;
  const servers = [await engineServer(), await bareServer(), ...(base ? [await engineServer(base)] : [])];
  const runs = servers.map((server) => ({ server, steps: [] as Step[] }));
  try {
    for (const calls of STEPS) for (const run of runs) run.steps.push(await measureStep(run.server, calls));
  } finally {
    await Promise.all(servers.map((server) => stop(server.child)));
  }
  const dash = '–';
  const rows = STEPS.flatMap((_, i) =>
    runs.map(({ server, steps }) => {
      const step = steps[i]!;
      return [
        step.calls,
        server.name,
        fixed(step.cpu.server, 0) + ' %',
        fixed(step.cpu.serverMain, 0) + ' %',
        fixed(step.cpu.load, 0) + ' %',
        fixed(step.cpu.machineIdle, 0) + ' %',
        fixed(step.framesPerSecond, 0),
        step.lost ?? dash,
        server.live ? fixed(percentile(step.arrival, 50), 0) : dash,
        server.live ? fixed(percentile(step.arrival, 99), 0) : dash,
        fixed(percentile(step.commands, 50), 1),
        fixed(percentile(step.commands, 99), 1),
        step.commands.length,
      ];
    }),
  );
  printTable(
    `Stream server (server, load and ${PROBES} probe calls in three processes on one machine; latencies from the probes)`,
    ['calls', 'server', 'CPU (1 core = 100 %)', 'its main thread', 'load generator', 'machine idle', 'frames/s', 'frames lost', 'frame → /api/live p50 ms', 'p99 ms', 'command → wire p50 ms', 'p99 ms', 'commands'],
    rows,
  );
  printTable(
    'Engine / bare floor, same run, step by step (goal: main-thread CPU ≤ 1.15×, command p99 ≤ 2×, 0 frames lost)',
    ['calls', 'engine', 'main-thread CPU ratio', 'whole-process CPU ratio', 'command p99 ratio', 'frames lost'],
    STEPS.flatMap((calls, i) =>
      [runs[0]!, ...runs.slice(2)].map(({ server, steps }) => {
        const [engine, bare] = [steps[i]!, runs[1]!.steps[i]!];
        return [calls, server.name, fixed(engine.cpu.serverMain / bare.cpu.serverMain, 2), fixed(engine.cpu.server / bare.cpu.server, 2), fixed(percentile(engine.commands, 99) / percentile(bare.commands, 99), 2), engine.lost ?? dash];
      }),
    ),
  );
  process.stdout.write('\nCommands and live updates wait for the main thread: its share of a core is what their latency follows.\n');
}
