// The stream server under load: simulated media servers (20 ms PCMU RTP at real-time pace) ramp
// to 100, 250, 500 and 1000 concurrent calls against an engine in its own process. Per step:
// engine CPU (and its main thread's), the load generator's CPU and the machine's idle share (all
// on one machine), frames lost, frame arrival → peaks on /api/live, and command → wire latency.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import type { Call } from '../../shared/call.ts';
import type { LiveMessage } from '../../shared/api.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { startNode, stop } from './support/processes.ts';
import { fixed, printTable, percentile } from './support/table.ts';

const STEPS = (process.env.BENCH_STEPS ?? '100,250,500,1000').split(',').map(Number);
const HOLD_S = Number(process.env.BENCH_HOLD ?? 10);
const TOKEN = 'bench-stream-token';
const CONSOLE_TOKEN = 'bench-console-token-000000';
const CLI = join(import.meta.dirname, '../../electron/engine/cli.ts');
const TICKS_PER_SECOND = 100; // Linux USER_HZ


/** CPU seconds (user + system) used so far: a whole process (all threads), or one thread of it. */
function cpuSeconds(pid: number, thread?: number): number {
  const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Idle and busy CPU time of the whole machine (all cores), in ticks. */
function machineTicks(): { idle: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: ticks[3]! + ticks[4]!, total: ticks.reduce((sum, t) => sum + t, 0) };
}

/** Everything the step's CPU columns need, read at its start and end. */
function cpuSnapshot(engine: number, load: number) {
  return { engine: cpuSeconds(engine), engineMain: cpuSeconds(engine, engine), load: cpuSeconds(load), machine: machineTicks(), at: performance.now() };
}

function cpuColumns(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const seconds = (after.at - before.at) / 1000;
  const percent = (key: 'engine' | 'engineMain' | 'load') => ((after[key] - before[key]) / seconds) * 100;
  const idle = (after.machine.idle - before.machine.idle) / (after.machine.total - before.machine.total);
  return { engine: percent('engine'), engineMain: percent('engineMain'), load: percent('load'), machineIdle: idle * 100 };
}

async function streamFigures(consoleUrl: string): Promise<{ lost: number; malformed: number; received: number }> {
  const totals = { lost: 0, malformed: 0, received: 0 };
  let before: string | undefined;
  do {
    const query = new URLSearchParams({ state: 'live', limit: '500', ...(before && { before }) });
    const res = await fetch(`${consoleUrl}/api/calls?${query}`, { headers: { authorization: `Bearer ${CONSOLE_TOKEN}` } });
    const page = (await res.json()) as { calls: Call[]; nextBefore?: string };
    for (const call of page.calls) {
      totals.lost += call.stream?.framesLost ?? 0;
      totals.malformed += call.stream?.framesMalformed ?? 0;
      totals.received += call.stream?.framesReceived ?? 0;
    }
    before = page.nextBefore;
  } while (before);
  return totals;
}

/** Probe calls live in this (lightly loaded) process; they carry the latency measurements. */
const PROBES = 10;

export async function run(): Promise<void> {
  process.stdout.write(`streamer: steps ${STEPS.join(', ')} concurrent calls, ${HOLD_S} s measured per step\n`);
  const engine = await startNode(
    [CLI, 'serve', '--data-dir', mkdtempSync(join(tmpdir(), 'ringside-bench-')), '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0'],
    { RINGOVER_STREAMER_AUTH_TOKEN: TOKEN, RINGSIDE_CONSOLE_TOKEN: CONSOLE_TOKEN, RINGOVER_WEBHOOK_SECRET: 'bench' },
  );
  const pid = engine.child.pid!;
  const publicUrl = engine.info.public!;
  const consoleUrl = engine.info.console!;
  const load = await startNode([join(import.meta.dirname, 'support/stream-load.ts'), publicUrl, TOKEN]);
  const loadLines = createInterface({ input: load.child.stdout! });
  const addLoad = (count: number) =>
    new Promise<void>((resolve) => {
      loadLines.once('line', () => resolve());
      load.child.stdin!.write(`add ${count}\n`);
    });

  const probes = new Map<string, SimulatedMediaServer>();
  for (let i = 0; i < PROBES; i++) {
    const callId = newCallId();
    const probe = await SimulatedMediaServer.connect({ target: publicUrl, token: TOKEN, callId, clips: loadClips() });
    probe.startAudio();
    probes.set(`ringover-${callId}`, probe);
  }

  // Frame arrival → peaks: window k of a call's peaks covers its packet k; every probe frame counts.
  let arrival: number[] = [];
  const live = new WebSocket(`${consoleUrl.replace('http', 'ws')}/api/live?token=${CONSOLE_TOKEN}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => (live.once('open', resolve), live.once('error', reject)));
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

  const rows: (string | number)[][] = [];
  let within = true;
  let loaded = PROBES;
  try {
    for (const target of STEPS) {
      if (target > loaded) await addLoad(target - loaded);
      loaded = Math.max(loaded, target);
      await new Promise((r) => setTimeout(r, 2000)); // settle
      const before = await streamFigures(consoleUrl);
      const cpu0 = cpuSnapshot(pid, load.child.pid!);
      const t0 = cpu0.at;
      arrival = [];
      const commandLatency: number[] = [];
      const ids = [...probes.keys()];
      const deadline = t0 + HOLD_S * 1000;
      while (performance.now() < deadline) {
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const probe = probes.get(id)!;
        const next = probe.nextMessage(2000);
        const sentAt = performance.now();
        await fetch(`${consoleUrl}/api/calls/${id}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${CONSOLE_TOKEN}`, 'content-type': 'application/json' },
          body: '{"type":"digits","digits":"1"}',
        }).then((r) => r.arrayBuffer());
        const arrived = await next;
        if (arrived) commandLatency.push(arrived.at - sentAt);
        await new Promise((r) => setTimeout(r, 50));
      }
      const cpu = cpuColumns(cpu0, cpuSnapshot(pid, load.child.pid!));
      const after = await streamFigures(consoleUrl);
      const lost = after.lost - before.lost + (after.malformed - before.malformed);
      within &&= target < 1000 || (cpu.engine < 100 && lost === 0 && percentile(commandLatency, 99) <= 10);
      rows.push([
        target,
        fixed(cpu.engine, 0) + ' %',
        fixed(cpu.engineMain, 0) + ' %',
        fixed(cpu.load, 0) + ' %',
        fixed(cpu.machineIdle, 0) + ' %',
        lost,
        fixed(percentile(arrival, 50), 0),
        fixed(percentile(arrival, 99), 0),
        fixed(percentile(commandLatency, 50), 1),
        fixed(percentile(commandLatency, 99), 1),
        commandLatency.length,
      ]);
      process.stdout.write(`  ${target} calls measured\n`);
    }
  } finally {
    for (const probe of probes.values()) probe.stop();
    load.child.stdin!.write('stop\n');
    live.close();
    await stop(load.child);
    await stop(engine.child);
  }
  printTable(
    `Stream server (engine, load and ${PROBES} probe calls in three processes; latencies from the probes)`,
    ['calls', 'engine CPU (1 core = 100 %)', 'its main thread', 'load generator', 'machine idle', 'frames lost', 'frame → /api/live p50 ms', 'p99 ms', 'command → wire p50 ms', 'p99 ms', 'commands'],
    rows,
  );
  process.stdout.write('\nCommands and live updates wait for the engine main thread: its share of a core is what their latency follows.\n');
  process.stdout.write(`budget at 1000 calls: CPU < 100 %, 0 frames lost, command p99 ≤ 10 ms: ${within ? 'within budget' : 'OVER BUDGET'}\n`);
}
