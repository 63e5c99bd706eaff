// Durable webhook ingest against its floor, measured in one run on this machine. Each request is
// a unique Ringover event signed with the HMAC form (X-Ringover-Signature: sha256=<hex>), posted
// by 50 connections from a load process of its own. The floor (support/durable-floor.ts) is the
// least a verified durable receiver does: HMAC of the raw body, each event-loop turn's deliveries
// committed in one SQLite transaction (WAL, synchronous=FULL), 200 after the commit. Ringside
// verifies, normalizes, dedupes, folds each event into its call and feeds the console, and answers
// only after its commit too. Rounds alternate between the two (the order swaps every round).
// Then, with 200 streamed calls on the engine, command → wire latency is measured quiet and during
// the flood, alternately: the media line must keep flowing while webhooks pour in.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChildProcess } from 'node:child_process';
import { commandLatencies, openProbes } from './support/command-probes.ts';
import { cpuSnapshot } from './support/cpu.ts';
import { startEngine, startNode, stop, STREAM_TOKEN } from './support/processes.ts';
import { fixed, percentile, printTable } from './support/table.ts';

const CONNECTIONS = 50;
/** Seconds per round; targets alternate for ROUNDS rounds so machine drift hits both alike. */
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_S = 6;
const STREAMED_CALLS = 200;
const PROBES = 10;
const SECRET = 'bench-ringover-secret';

interface Measured {
  rps: number;
  /** CPU time of the server's process (all threads) and its main thread per request answered, in µs. */
  cpuUs?: number;
  mainCpuUs?: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

let nextCall = 0;

/**
 * One round of load on `url` from its own process (every round's events are new), with the
 * server's CPU over it. webhook-load prints only at the end: the first JSON line is the result.
 */
async function loadResult(url: string, seconds: number, server?: ChildProcess): Promise<Measured> {
  const first = nextCall;
  nextCall += seconds * 20_000;
  const before = server && cpuSnapshot(server.pid!, server.pid!);
  const { info } = await startNode([join(import.meta.dirname, 'support/webhook-load.ts'), url, String(seconds), String(first), SECRET, String(CONNECTIONS)]);
  const measured = info as unknown as Measured;
  if (!server || !before) return measured;
  const after = cpuSnapshot(server.pid!, server.pid!);
  const answered = measured.rps * seconds;
  return { ...measured, cpuUs: ((after.server - before.server) / answered) * 1e6, mainCpuUs: ((after.serverMain - before.serverMain) / answered) * 1e6 };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => percentile(xs, 50);

export async function run(): Promise<void> {
  process.stdout.write(`webhooks: ${CONNECTIONS} connections, HMAC-signed Ringover deliveries, ${ROUNDS} alternating rounds of ${DURATION_S} s per target\n`);
  const floor = await startNode([join(import.meta.dirname, 'support/durable-floor.ts')], { RINGOVER_WEBHOOK_SECRET: SECRET });
  const engine = await startEngine({ RINGOVER_WEBHOOK_SECRET: SECRET });
  const floorUrl = floor.info.public!;
  const engineUrl = engine.info.public!;
  // BENCH_BASE_CLI=<another checkout>/electron/engine/cli.ts adds that engine to every round: before and after in one run.
  const base = process.env.BENCH_BASE_CLI ? await startEngine({ RINGOVER_WEBHOOK_SECRET: SECRET }, process.env.BENCH_BASE_CLI) : undefined;
  try {
    // Each warms up until steady (JIT, SQLite page cache).
    await loadResult(floorUrl, WARM_UP_S);
    await loadResult(engineUrl, WARM_UP_S);
    if (base) await loadResult(base.info.public!, WARM_UP_S);
    const rounds: { floor: Measured; ingest: Measured; base?: Measured }[] = [];
    const targets = { floor: [floorUrl, floor.child], ingest: [engineUrl, engine.child], ...(base && { base: [base.info.public!, base.child] }) } as Record<'floor' | 'ingest' | 'base', [string, ChildProcess]>;
    const order = Object.keys(targets) as (keyof typeof targets)[];
    for (let round = 0; round < ROUNDS; round++) {
      const pair: Partial<(typeof rounds)[number]> = {};
      // The order turns every round, so no target always follows the same one.
      for (let k = 0; k < order.length; k++) {
        const which = order[(k + round) % order.length]!;
        pair[which] = await loadResult(targets[which][0], DURATION_S, targets[which][1]);
      }
      rounds.push(pair as (typeof rounds)[number]);
      process.stdout.write(
        `  round ${round + 1}: floor ${fixed(pair.floor!.rps, 0)} req/s p99 ${pair.floor!.p99} ms; Ringside ${fixed(pair.ingest!.rps, 0)} req/s p99 ${pair.ingest!.p99} ms` +
          (pair.base ? `; base ${fixed(pair.base.rps, 0)} req/s p99 ${pair.base.p99} ms` : '') + '\n',
      );
    }
    if (base) {
      printTable(
        `Base engine (${process.env.BENCH_BASE_CLI}) in the same rounds`,
        ['round', 'base req/s', 'base p50 ms', 'base p99 ms', 'base CPU µs/req (main thread)', 'req/s ratio to floor', 'p99 ratio to floor'],
        rounds.map((r, i) => [i + 1, fixed(r.base!.rps, 0), r.base!.p50, r.base!.p99, `${fixed(r.base!.cpuUs!, 0)} (${fixed(r.base!.mainCpuUs!, 0)})`, fixed(r.base!.rps / r.floor.rps, 2), fixed(r.base!.p99 / r.floor.p99, 2)]),
      );
      process.stdout.write(
        `\nbase median ratios: throughput ${fixed(median(rounds.map((r) => r.base!.rps / r.floor.rps)), 2)}, p99 ${fixed(median(rounds.map((r) => r.base!.p99 / r.floor.p99)), 2)}\n`,
      );
    }
    printTable(
      'Webhook ingest per round (same machine, same run; ratios are Ringside / floor within the round)',
      ['round', 'floor req/s', 'floor p50 ms', 'floor p99 ms', 'floor CPU µs/req', 'Ringside req/s', 'Ringside p50 ms', 'Ringside p99 ms', 'Ringside CPU µs/req (main thread)', 'req/s ratio', 'p99 ratio', 'non-2xx', 'errors'],
      rounds.map((r, i) => [
        i + 1, fixed(r.floor.rps, 0), r.floor.p50, r.floor.p99, fixed(r.floor.cpuUs!, 0), fixed(r.ingest.rps, 0), r.ingest.p50, r.ingest.p99, `${fixed(r.ingest.cpuUs!, 0)} (${fixed(r.ingest.mainCpuUs!, 0)})`,
        fixed(r.ingest.rps / r.floor.rps, 2), fixed(r.ingest.p99 / r.floor.p99, 2), r.floor.non2xx + r.ingest.non2xx, r.floor.errors + r.ingest.errors,
      ]),
    );
    const rpsRatio = median(rounds.map((r) => r.ingest.rps / r.floor.rps));
    const p99Ratio = median(rounds.map((r) => r.ingest.p99 / r.floor.p99));
    process.stdout.write(
      `\nmean floor ${fixed(mean(rounds.map((r) => r.floor.rps)), 0)} req/s, Ringside ${fixed(mean(rounds.map((r) => r.ingest.rps)), 0)} req/s; ` +
        `median ratios: throughput ${fixed(rpsRatio, 2)} (goal ≥ 0.90), p99 ${fixed(p99Ratio, 2)} (goal ≤ 1.25)\n`,
    );

    if (process.env.BENCH_STREAMS === '0') return;
    // Streams during the flood: 200 streamed calls (load process) + probes from here.
    process.stdout.write(`\nstreams during the flood: ${STREAMED_CALLS} streamed calls, command → wire quiet then flooded, alternating\n`);
    const streams = await startNode([join(import.meta.dirname, 'support/stream-load.ts'), engineUrl, STREAM_TOKEN]);
    const lines = createInterface({ input: streams.child.stdout! });
    await new Promise<void>((resolve) => {
      lines.once('line', () => resolve());
      streams.child.stdin!.write(`add ${STREAMED_CALLS - PROBES}\n`);
    });
    const probes = await openProbes(engineUrl, PROBES);
    const phases: { phase: string; commands: number[]; flood?: Measured }[] = [];
    try {
      await new Promise((r) => setTimeout(r, 2000));
      for (let round = 0; round < Math.max(2, ROUNDS - 1); round++) {
        phases.push({ phase: 'quiet', commands: await commandLatencies(engine.info.console!, probes, performance.now() + DURATION_S * 1000) });
        const flood = loadResult(engineUrl, DURATION_S);
        await new Promise((r) => setTimeout(r, 1500)); // the load process signs its requests first
        const commands = await commandLatencies(engine.info.console!, probes, performance.now() + (DURATION_S - 1) * 1000);
        phases.push({ phase: 'flood', commands, flood: await flood });
      }
    } finally {
      for (const probe of probes.values()) probe.stop();
      streams.child.stdin!.write('stop\n');
      await stop(streams.child);
    }
    printTable(
      `Command → wire with ${STREAMED_CALLS} streamed calls, quiet and during the webhook flood (alternating)`,
      ['phase', 'commands', 'p50 ms', 'p99 ms', 'flood req/s', 'flood p99 ms'],
      phases.map((p) => [p.phase, p.commands.length, fixed(percentile(p.commands, 50), 1), fixed(percentile(p.commands, 99), 1), p.flood ? fixed(p.flood.rps, 0) : '–', p.flood ? p.flood.p99 : '–']),
    );
    const all = (phase: string) => phases.filter((p) => p.phase === phase).flatMap((p) => p.commands);
    const quietP99 = percentile(all('quiet'), 99);
    const floodP99 = percentile(all('flood'), 99);
    process.stdout.write(`\ncommand p99 over all rounds: quiet ${fixed(quietP99, 1)} ms, flood ${fixed(floodP99, 1)} ms, ratio ${fixed(floodP99 / quietP99, 2)} (goal ≤ 1.5)\n`);
  } finally {
    await Promise.all([stop(floor.child), stop(engine.child), ...(base ? [stop(base.child)] : [])]);
  }
}
