// CPU figures of processes on this (Linux) machine, read from /proc.
import { readFileSync } from 'node:fs';

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

export type CpuSnapshot = ReturnType<typeof cpuSnapshot>;

/** A server process (and its main thread) and the load generator's process, with the machine's ticks. */
export function cpuSnapshot(server: number, load: number) {
  return { server: cpuSeconds(server), serverMain: cpuSeconds(server, server), load: cpuSeconds(load), machine: machineTicks(), at: performance.now() };
}

/** Shares of one core (100 % = one core) between two snapshots, and the machine's idle share. */
export function cpuColumns(before: CpuSnapshot, after: CpuSnapshot) {
  const seconds = (after.at - before.at) / 1000;
  const percent = (key: 'server' | 'serverMain' | 'load') => ((after[key] - before[key]) / seconds) * 100;
  const idle = (after.machine.idle - before.machine.idle) / (after.machine.total - before.machine.total);
  return { server: percent('server'), serverMain: percent('serverMain'), load: percent('load'), machineIdle: idle * 100 };
}
