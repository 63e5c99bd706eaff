// The console under load: 25, 50 and 100 live calls streaming at real pace (an engine and a load
// generator in their own processes), the board open in Chromium on a 1920×1080 screen. Per step:
// main-thread frame time (requestAnimationFrame intervals) p50/p95, long tasks per minute, JS heap.
// A step with no calls first gives the browser's own baseline in the same run.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../e2e/support/chromium.ts';
import { ensureWebBuild } from '../e2e/support/web-build.ts';
import { CONSOLE_TOKEN, startEngine, startNode, stop, STREAM_TOKEN as TOKEN } from './support/processes.ts';
import { fixed, printTable, percentile } from './support/table.ts';

const STEPS = (process.env.BENCH_STEPS ?? '0,25,50,100').split(',').map(Number);
const HOLD_S = Number(process.env.BENCH_HOLD ?? 10);
const FRAME_BUDGET_MS = 16.7;
/** Chrome coarsens rAF timestamps to 0.1 ms: a 16.67 ms (60 Hz) frame reads 16.6, 16.7 or 16.8. */
const TIMESTAMP_GRAIN_MS = 0.1;


/** Records rAF intervals and long tasks in the page until `collect` is called. */
async function measure(page: Page, seconds: number): Promise<{ frames: number[]; longTasks: number; heapMb: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { bench: { frames: number[]; longTasks: number; stop: boolean } };
    w.bench = { frames: [], longTasks: 0, stop: false };
    new PerformanceObserver((list) => void (w.bench.longTasks += list.getEntries().length)).observe({ type: 'longtask' });
    let last = 0;
    const tick = (t: number) => {
      if (last) w.bench.frames.push(t - last);
      last = t;
      if (!w.bench.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const result = await page.evaluate(() => {
    const w = window as unknown as { bench: { frames: number[]; longTasks: number; stop: boolean } };
    w.bench.stop = true;
    return { frames: w.bench.frames, longTasks: w.bench.longTasks };
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return { ...result, heapMb: heap / 1024 / 1024 };
}

export async function run(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    process.stdout.write(`ui: ${missing}\n`);
    return;
  }
  process.stdout.write(`ui: steps ${STEPS.join(', ')} live calls, ${HOLD_S} s measured per step, board at 1920×1080\n`);
  await ensureWebBuild();
  const engine = await startEngine();
  const load = await startNode([join(import.meta.dirname, 'support/stream-load.ts'), engine.info.public!, TOKEN]);
  const loadLines = createInterface({ input: load.child.stdout! });
  const addLoad = (count: number) =>
    new Promise<void>((resolve) => {
      loadLines.once('line', () => resolve());
      load.child.stdin!.write(`add ${count}\n`);
    });
  const browser = await launchChromium();
  const rows: (string | number)[][] = [];
  let within = true;
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${engine.info.console}/#token=${CONSOLE_TOKEN}`);
    await page.getByText('Connected', { exact: true }).waitFor();
    let calls = 0;
    for (const target of STEPS) {
      if (target > calls) await addLoad(target - calls);
      calls = Math.max(calls, target);
      await page.waitForFunction((n) => document.querySelectorAll('article.card').length >= n, target, { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 2000)); // settle
      const { frames, longTasks, heapMb } = await measure(page, HOLD_S);
      const p95 = percentile(frames, 95);
      if (target === Math.max(...STEPS)) within = p95 <= FRAME_BUDGET_MS + TIMESTAMP_GRAIN_MS;
      const dropped = frames.filter((f) => f > 1.5 * (1000 / 60)).length / Math.max(1, frames.length);
      rows.push([target, frames.length, fixed(percentile(frames, 50), 1), fixed(p95, 1), fixed(dropped * 100, 1) + ' %', fixed((longTasks * 60) / HOLD_S, 0), fixed(heapMb, 1)]);
    }
  } finally {
    await browser.close();
    load.child.stdin!.write('stop\n');
    await stop(load.child);
    await stop(engine.child);
  }
  printTable('Console under load (Chromium, software rendering; engine, load and browser share the machine)', ['live calls', 'frames', 'frame p50 ms', 'frame p95 ms', 'frames dropped', 'long tasks / min', 'JS heap MB'], rows);
  process.stdout.write(`\nbudget at ${Math.max(...STEPS)} calls: frame p95 ≤ ${FRAME_BUDGET_MS} ms (to Chrome's ${TIMESTAMP_GRAIN_MS} ms timestamp grain): ${within ? 'within budget' : 'OVER BUDGET'}\n`);
}
