// The desktop app as built (out/main, out/preload). In real Electron when this machine has the
// binary: a fresh user-data dir and the demo, live call cards over IPC, Break on a card reaching
// the call's media server as {"event":"break"}. Everywhere: the same built main process booted on
// a stand-in Electron module (test/fakes/electron), to prove its wiring: scheme registered before
// ready, engine up with the demo, locked-down window on app://, IPC answering, tray count, clean quit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/engine/electron-binary.ts';
import { processExists } from '../../electron/engine/launcher-watch.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { freePort } from '../integration/support/engine.ts';
import { until } from '../integration/support/live.ts';
import { childEnv } from '../support/ringside-env.ts';
import { buildDesktop, ROOT } from './support/desktop-build.ts';
import { patient } from '../support/patience.ts';

const SECRET = 'desktop-e2e-webhook-secret';
const STREAM_TOKEN = 'desktop-e2e-stream-token';
const binary = electronBinary();
if (!binary) console.log('skipped: Electron binary unavailable (node_modules/electron has none downloaded; `npx install-electron` fetches it)');

beforeAll(() => buildDesktop(), 120_000);

describe('the built main process on a stand-in Electron', () => {
  let child: ChildProcess;
  const reports: Record<string, unknown>[] = [];
  const userData = mkdtempSync(join(tmpdir(), 'ringside-main-'));
  beforeAll(() => {
    child = spawn(process.execPath, ['--import', join(ROOT, 'test/fakes/electron/register.mjs'), join(ROOT, 'out/main/index.js'), '--public-port=0', '--public-host=127.0.0.1'], {
      env: childEnv({ STAND_IN_USER_DATA: userData }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('electron:')) reports.push(JSON.parse(line.slice('electron:'.length)));
    });
  });
  afterAll(() => void child?.kill('SIGKILL'));
  const seen = (what: string, match: (r: Record<string, unknown>) => boolean = () => true) => reports.find((r) => r.what === what && match(r));
  const invoke = (channel: string, ...args: unknown[]) => child.stdin!.write(JSON.stringify({ channel, args }) + '\n');
  const all = (what: string) => reports.filter((r) => r.what === what);
  const supervisor = (line: Record<string, unknown>) => child.stdin!.write(JSON.stringify(line) + '\n');
  /** Our page asks for the microphone (Take over): the main process's answer. */
  const askForMicrophone = async () => {
    const before = all('permission').length;
    supervisor({ permission: 'media', mediaTypes: ['audio'] });
    return (await until(() => all('permission')[before], 5000, 'the permission answer')).granted;
  };

  it('registers app:// before anything else, then opens the locked-down window on it', async () => {
    // The stand-in reports each call as its own stdout write: wait until the menu (set right after
    // the window) has been read too, not only the window's load.
    await until(() => seen('loadURL') && seen('menu'), 20_000, 'the window loading and the menu');
    expect(reports[0]).toMatchObject({ what: 'privileged', schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }] });
    expect(seen('protocol')).toEqual({ what: 'protocol', scheme: 'app' });
    expect(seen('window')).toMatchObject({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: join(ROOT, 'out/preload/index.cjs') } });
    expect(seen('windowOpenHandler')).toBeDefined();
    expect(seen('loadURL')).toEqual({ what: 'loadURL', url: 'app://ringside/index.html#/' });
    expect(seen('menu')).toMatchObject({ labels: expect.arrayContaining(['File', 'View', 'Call']) });
  });

  it('builds a preload that requires nothing but electron (a sandboxed preload can load no other module)', () => {
    const preload = readFileSync(join(ROOT, 'out/preload/index.cjs'), 'utf8');
    expect([...new Set([...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))]).toEqual(['electron']);
  });

  it('runs the demo (nothing is configured), counts live calls in the tray and answers IPC', async () => {
    await until(() => seen('tooltip', (r) => /\d+ live call/.test(String(r.text))), 20_000, 'live calls in the tray');
    invoke('calls.list', { state: 'live' });
    const answer = await until(() => seen('answer', (r) => r.channel === 'calls.list'), 5000, 'the IPC answer');
    const result = answer.result as { ok: boolean; value: { calls: { demo?: boolean }[] } };
    expect(result.ok).toBe(true);
    expect(result.value.calls.length).toBeGreaterThan(0);
    expect(result.value.calls.every((call) => call.demo)).toBe(true);
    invoke('calls.command', 'no-such-call', { type: 'digits', digits: 'xyz' });
    const refused = await until(() => seen('answer', (r) => r.channel === 'calls.command'), 5000, 'the refusal');
    expect(refused.result).toMatchObject({ ok: false, status: 400 });
  });

  it('sends live updates once the page says it is ready', async () => {
    invoke('renderer.ready');
    await until(() => seen('send', (r) => r.channel === 'live.message'), 5000, 'a live update');
  });

  it('asks the supervisor for the microphone once (a dialog over the window), and the menu changes the answer', async () => {
    await until(() => seen('menu'), 20_000, 'the menu');
    expect(all('menu').at(-1)).toMatchObject({ microphone: false });
    expect(await askForMicrophone()).toBe(true);
    expect(all('messageBox')).toEqual([expect.objectContaining({ parented: true, message: 'Allow Ringside to use your microphone?', buttons: ['Allow', 'Don’t Allow'], cancelId: 1 })]);
    expect(await askForMicrophone()).toBe(true);
    expect(all('messageBox')).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(userData, 'permissions.json'), 'utf8'))).toEqual({ microphone: 'allowed' });
    await until(() => all('menu').at(-1)!.microphone === true, 5000, 'the menu showing the answer');

    supervisor({ menuItem: 'Use Microphone for Take Over' });
    await until(() => all('menu').at(-1)!.microphone === false, 5000, 'the menu showing the new answer');
    expect(await askForMicrophone()).toBe(false);
    expect(all('messageBox')).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(userData, 'permissions.json'), 'utf8'))).toEqual({ microphone: 'denied' });
  });

  it('puts its menus and tray in the console’s language when the page says which', async () => {
    const menus = all('menu').length;
    invoke('app.language', 'fr');
    const french = await until(() => all('menu')[menus], 5000, 'the menu rebuilt');
    expect(french.labels).toEqual(expect.arrayContaining(['Fichier', 'Édition', 'Présentation', 'Appel', 'Aide']));
    await until(() => seen('tooltip', (r) => /appels? en cours/.test(String(r.text))), 5000, 'the tray in French');
    expect(JSON.parse(readFileSync(join(userData, 'preferences.json'), 'utf8'))).toEqual({ language: 'fr' });
    invoke('app.language', 'en');
    await until(() => all('menu').at(-1)!.labels && (all('menu').at(-1)!.labels as string[]).includes('File'), 5000, 'the menu back in English');
  });

  it('stops the engine and exits cleanly on quit', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(seen('quit')).toBeDefined();
  }, patient(20_000));
});

describe('the built main process started by `npm start`', () => {
  it('quits cleanly once `npm start` is gone (on Windows nothing else tells it)', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ringside-launcher-')), 'main.log');
    // Stands in for electron/engine/cli/start.ts: starts the app, then is killed without a word.
    const launcher = spawn(
      process.execPath,
      ['-e', LAUNCHER, log, join(ROOT, 'test/fakes/electron/register.mjs'), join(ROOT, 'out/main/index.js'), '--public-port=0', '--public-host=127.0.0.1'],
      { env: childEnv({ STAND_IN_USER_DATA: mkdtempSync(join(tmpdir(), 'ringside-main-')), npm_lifecycle_event: 'start' }), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const appPid = Number(await new Promise<string>((resolve) => createInterface({ input: launcher.stdout! }).once('line', resolve)));
    const reports = () => readFileSync(log, 'utf8');
    try {
      await until(() => reports().includes('"what":"menu"'), 20_000, 'the app started');
      launcher.kill('SIGKILL');
      await until(() => !processExists(appPid), 15_000, 'the app to quit');
      expect(reports()).toContain('"what":"quit"');
      expect(reports()).not.toMatch(/"level":"error"|Error:/);
    } finally {
      launcher.kill('SIGKILL');
      if (processExists(appPid)) process.kill(appPid, 'SIGKILL');
    }
  }, patient(40_000));
});

/** `node -e LAUNCHER <log> <main args…>`: starts the main process with its output in <log>, prints its pid, stays. */
const LAUNCHER = `
const { spawn } = require('node:child_process');
const { openSync } = require('node:fs');
const [log, register, ...main] = process.argv.slice(1);
const out = openSync(log, 'w');
const app = spawn(process.execPath, ['--import', register, ...main], { stdio: ['ignore', out, out] });
console.log(app.pid);
setInterval(() => {}, 60_000);
`;

describe.skipIf(!binary)('the desktop app in Electron', () => {
  let app: ElectronApplication;
  let publicUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    app = await _electron.launch({
      executablePath: binary!,
      args: [ROOT, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'ringside-electron-'))}`, `--public-port=${port}`, '--public-host=127.0.0.1', '--demo', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: childEnv({ RINGOVER_WEBHOOK_SECRET: SECRET, RINGOVER_STREAMER_AUTH_TOKEN: STREAM_TOKEN }),
    });
  }, patient(120_000));
  afterAll(() => app?.close());

  it('shows live calls and sends Break from a card to the call’s media server', async () => {
    const window = await app.firstWindow();
    expect(window.url()).toMatch(/^app:\/\/ringside\//);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await window.locator('article').first().waitFor({ timeout: patient(20_000) }); // the demo's calls

    const data = { callId: newCallId(), direction: 'in' as const, from: '+33612345678', to: '+33187654321', fromName: 'Electron Caller' };
    const webhooks = new RingoverWebhookSender(publicUrl, SECRET);
    await webhooks.send('ringing', data);
    await webhooks.send('answered', data);
    const media = await SimulatedMediaServer.connect({ target: publicUrl, token: STREAM_TOKEN, callId: data.callId, clips: [] });
    media.startAudio();
    try {
      const card = window.getByRole('article', { name: /^Electron Caller to / });
      await card.waitFor({ timeout: patient(10_000) });
      await card.getByRole('button', { name: 'Break' }).click();
      await until(() => media.received.some((r) => r.text === '{"event":"break"}') || undefined, 5000, 'break on the wire');
    } finally {
      media.stop();
      await webhooks.send('hangup', data);
    }
  }, patient(60_000));
});
