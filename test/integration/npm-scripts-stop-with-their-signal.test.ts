// `npm run serve`, `npm start` and `npm run simulate` as a user or a service manager runs them: npm
// runs each through a shell and passes a SIGTERM to that shell only, which dies without passing it
// on. Whatever Ringside started must still stop, free its ports and leave no process behind.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processExists } from '../../electron/engine/launcher-watch.ts';
import type { Call } from '../../shared/call.ts';
import { consoleGet, SECRETS, spawnServe, tempDataDir } from './support/engine.ts';
import { eventually } from './support/live.ts';
import { allGone, descendants, errorLines, npmRun } from './support/processes.ts';
import { patient } from '../support/patience.ts';

const LOOPBACK = ['--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0'];
const portOf = (url: string) => Number(new URL(url).port);

/** Every process a test saw, killed after it if still there (a failing test leaves no orphan). */
const seen = new Set<number>();
afterEach(() => {
  for (const pid of seen) if (processExists(pid)) process.kill(pid, 'SIGKILL');
  seen.clear();
});

function below(run: ReturnType<typeof npmRun>): number[] {
  const pids = descendants(run.child.pid!);
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) seen.add(pid);
  return pids;
}

async function started(run: ReturnType<typeof npmRun>): Promise<{ ports: number[]; pids: number[] }> {
  const info = JSON.parse(await run.line(/^\{"public"/)) as { public: string; console: string };
  return { ports: [portOf(info.public), portOf(info.console)], pids: below(run) };
}

describe.skipIf(process.platform === 'win32')('npm scripts stop with their signal', () => {
  it('npm run serve: SIGTERM to npm stops the engine, frees its ports and leaves no process', async () => {
    const run = npmRun('serve', ['--data-dir', tempDataDir(), '--demo', ...LOOPBACK]);
    const { ports, pids } = await started(run);
    run.child.kill('SIGTERM');
    await allGone(pids, ports);
    expect(errorLines(run.stderr())).toEqual([]);
    expect(run.stderr()).toMatch(/"msg":"stopped"/);
  }, patient(60_000));

  it('npm run serve: Ctrl-C (SIGINT to the terminal’s process group) stops it cleanly', async () => {
    const run = npmRun('serve', ['--data-dir', tempDataDir(), '--demo', ...LOOPBACK], {}, { group: true });
    const { ports, pids } = await started(run);
    process.kill(-run.child.pid!, 'SIGINT');
    await allGone([run.child.pid!, ...pids], ports);
    expect(errorLines(run.stderr())).toEqual([]);
    expect(run.stderr()).toMatch(/"msg":"stopped"/);
  }, patient(60_000));

  it('npm start (the web console where Electron is not installed): SIGTERM to npm stops it', async () => {
    // An Electron dist folder without the binary: `start` takes its no-Electron path on any machine.
    const env = { ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'no-electron-')), CI: '1' };
    const run = npmRun('start', ['--data-dir', tempDataDir(), ...LOOPBACK], env);
    const { ports, pids } = await started(run);
    run.child.kill('SIGTERM');
    await allGone(pids, ports);
    expect(errorLines(run.stderr())).toEqual([]);
  }, patient(60_000));

  it('npm run simulate: SIGTERM to npm hangs its calls up and leaves no process', async () => {
    const serve = await spawnServe(['--data-dir', tempDataDir(), ...LOOPBACK]);
    try {
      const run = npmRun('simulate', ['--calls', '2', '--rate', '20', '--duration', '600', '--webhooks', serve.publicUrl], SECRETS);
      await run.line(/^Simulating 2 call/);
      const live = () => consoleGet(serve, '/api/calls?state=live').then((reply) => reply.body.calls as Call[]);
      const calls = await eventually(async () => {
        const streaming = (await live()).filter((call) => call.stream?.state === 'connected');
        expect(streaming).toHaveLength(2);
        return streaming;
      }, 20_000);
      const pids = below(run);
      run.child.kill('SIGTERM');
      await allGone(pids, []);
      for (const call of calls) expect((await consoleGet(serve, `/api/calls/${call.id}`)).body.call).toMatchObject({ state: 'ended' });
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  }, patient(60_000));
});
