// The desktop app's main-process pieces on a real engine, without the Electron binary: the engine
// starts in the user-data folder with the demo when nothing is set up, secrets saved in Settings
// land encrypted and survive a restart, and app:// serves the console with its CSP and the call
// recordings (seekable) while the engine's API stays behind IPC.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { appPaths } from '../../electron/engine/paths.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { APP_CSP, createAppHandler } from '../../electron/main/app-protocol.ts';
import { startDesktopEngine, type DesktopArgs } from '../../electron/main/engine-host.ts';
import { BASIC_TEXT_WARNING, safeStorageVault, type SafeStorageLike } from '../../electron/main/secrets.ts';
import { ensureWebBuild } from '../e2e/support/web-build.ts';
import { patient } from '../support/patience.ts';

const keyring: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from([...Buffer.from(plain)].reverse().map((b) => b ^ 0x33)),
  decryptString: (data) => Buffer.from([...data].map((b) => b ^ 0x33).reverse()).toString(),
  getSelectedStorageBackend: () => 'basic_text',
};

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

async function desktop(userData: string, args: Partial<DesktopArgs> = {}): Promise<Engine> {
  const engine = await startDesktopEngine({
    args: { flags: { publicPort: '0' }, demo: false, ...args },
    userData,
    vault: safeStorageVault(join(userData, 'secrets.json'), keyring, 'linux', silentLogger),
    storeWorker: appPaths().storeWorker,
    webRoot: appPaths().webRoot,
    env: {},
    logger: silentLogger,
  });
  engines.push(engine);
  return engine;
}

describe('the engine inside the desktop app', () => {
  it('lives in the user-data folder, picks a free console port and starts the demo on a first start', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'ringside-desktop-'));
    const engine = await desktop(userData);
    expect(engine.config.dataDir).toBe(userData);
    expect(engine.consoleUrl).not.toMatch(/:8010$/);
    expect(engine.demo.running).toBe(true);
  });

  it('leaves the demo off once something is configured (unless asked for)', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'ringside-desktop-'));
    const configFile = join(userData, 'ringside.json');
    writeFileSync(configFile, JSON.stringify({ RINGOVER_STREAMER_AUTH_TOKEN: 'configured-token' }));
    expect((await desktop(userData, { configFile })).demo.running).toBe(false);
    await engines.pop()!.stop();
    expect((await desktop(userData, { configFile, demo: true })).demo.running).toBe(true);
  });

  it('keeps secrets saved in Settings encrypted on disk, across restarts, and warns on basic_text', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'ringside-desktop-'));
    const first = await desktop(userData);
    await first.demo.stop();
    const view = await first.api.updateSettings({ ringyoWebhookSecret: 'ringyo-secret-from-settings' });
    expect(view.secretsPersist).toBe(true);
    expect(view.secretsWarning).toBe(BASIC_TEXT_WARNING);
    expect(JSON.stringify(view)).not.toContain('ringyo-secret-from-settings');
    expect(readFileSync(join(userData, 'secrets.json'), 'utf8')).not.toContain('ringyo-secret-from-settings');
    await engines.pop()!.stop();

    const second = await desktop(userData);
    expect(second.config.ringyoWebhookSecret).toBe('ringyo-secret-from-settings');
    expect((await second.api.health()).providers.ringyo.configured).toBe(true);
  });
});

describe('the app:// protocol', () => {
  let engine: Engine;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    await ensureWebBuild();
    engine = await desktop(mkdtempSync(join(tmpdir(), 'ringside-desktop-')));
    engines.pop(); // lives for the whole block, not one test
    await engine.demo.stop();
    handle = createAppHandler({ webRoot: appPaths().webRoot, consoleUrl: engine.consoleUrl, consoleToken: engine.consoleToken });
    return () => engine.stop();
  }, patient(60_000));

  const get = (path: string, headers: Record<string, string> = {}) => handle(new Request(`app://ringside${path}`, { headers }));

  it('serves the console and its assets with the CSP, and app routes get the page', async () => {
    const page = await get('/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    for (const [name, value] of Object.entries({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' })) {
      expect(page.headers.get(name)).toBe(value);
    }
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    const html = await page.text();
    const script = html.match(/src="\.\/(assets\/[^"]+\.js)"/)![1]!;
    const asset = await get(`/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await get('/history')).status).toBe(200);
  });

  it('refuses paths out of the build, other hosts, writes, and the HTTP API', async () => {
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://ringside/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const api = await get('/api/calls');
    expect(api.status).toBe(404);
    expect(await api.text()).toMatch(/IPC/);
  });

  it('plays recordings from the engine, seekable, without the page ever holding the token', async () => {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, 8000, '16', new Int16Array(16000));
    mkdirSync(join(engine.config.dataDir, 'recordings'), { recursive: true });
    writeFileSync(join(engine.config.dataDir, 'recordings', 'ringover-rec1.wav'), wav.toBuffer());
    const whole = await get('/api/calls/ringover-rec1/recording');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect((await whole.arrayBuffer()).byteLength).toBe(wav.toBuffer().length);
    const part = await get('/api/calls/ringover-rec1/recording', { range: 'bytes=44-143' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 44-143/${wav.toBuffer().length}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await get('/api/calls/ringover-none/recording')).status).toBe(404);
    // A malformed id is refused, not thrown (it used to reject the protocol handler with a URIError).
    expect((await get('/api/calls/%ZZ/recording')).status).toBe(400);
    expect((await get('/api/calls/%C0%AF/recording')).status).toBe(400);
  });
});
