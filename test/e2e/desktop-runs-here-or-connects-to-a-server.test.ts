// The desktop window's "Run Ringside on this computer" / "Connect to a Ringside server", in real
// Chromium (the Electron binary is unavailable): the built console with a stand-in preload whose
// console API goes to a local engine, and whose connection operations run the app's real main-side
// module (desktop-connection.ts: choice file, encrypted token, sign-in over HTTPS) against a real
// server's team listener. First start: connect (address, then sign in) and the app restarts on the
// server; a server on another version or a wrong password is said plainly; connected as a
// supervisor, Settings shows where Ringside runs and goes back to this computer. Axe-clean, EN and FR.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { connectionStore, type ConnectionStore } from '../../electron/main/connection-choice.ts';
import { connectionControl, type ConnectionControl } from '../../electron/main/desktop-connection.ts';
import { safeStorageVault } from '../../electron/main/secrets.ts';
import { IPC_OPERATION_NAMES, OPERATIONS } from '../../shared/api-operations.ts';
import { ApiError } from '../../shared/api.ts';
import { createI18n } from '../../shared/i18n/index.ts';
import type { DesktopConnection } from '../../shared/ipc.ts';
import { SECRETS, startEngine } from '../integration/support/engine.ts';
import { TeamClient } from '../integration/support/team.ts';
import { patient } from '../support/patience.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { ensureWebBuild } from './support/web-build.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

/**
 * `window.ringside` as the preload exposes it, for a page served by a local engine: each console API
 * operation is its HTTP route on that engine (with its console token), failures as data like IPC;
 * the connection operations go to Node (`desktopConnection`), where the real main-side module runs.
 */
const standInPreload = (token: string, routes: Record<string, { method: string; path: string; args: unknown[] }>) => `
(() => {
  const token = ${JSON.stringify(token)};
  const routes = ${JSON.stringify(routes)};
  const call = async (name, args) => {
    const route = routes[name];
    let path = route.path, body, query = '';
    route.args.forEach((where, i) => {
      const value = args[i];
      if (where === 'path') path = path.replace(':id', encodeURIComponent(String(value)));
      else if (where === 'query') query = new URLSearchParams(Object.entries(value ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
      else if (where === 'body') body = value;
      else body = { ...(body ?? {}), [where.field]: value };
    });
    const r = await fetch(query ? path + '?' + query : path, { method: route.method, headers: { authorization: 'Bearer ' + token, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const parsed = await r.json().catch(() => undefined);
    return r.ok ? { ok: true, value: parsed } : { ok: false, status: r.status, message: parsed?.error ?? String(r.status) };
  };
  const api = {};
  for (const name of Object.keys(routes)) api[name] = (...args) => call(name, args);
  Object.assign(api, {
    subscribe: () => () => undefined,
    listen: () => () => undefined,
    onMenu: () => () => undefined,
    setLanguage: () => undefined,
    openExternal: async () => ({ ok: true, value: undefined }),
    connection: () => window.desktopConnection('get', []),
    checkServer: (address) => window.desktopConnection('check', [address]),
    connectToServer: (address, name, password) => window.desktopConnection('connect', [address, name, password]),
    runHere: () => window.desktopConnection('runHere', []),
  });
  window.ringside = api;
})();`;

describe.skipIf(missing)('the desktop window: run here or connect to a server', () => {
  let tls: TestCertificate;
  let server: Engine;
  let local: Engine;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let store: ConnectionStore;
  let control: ConnectionControl;
  let serverFetch: typeof fetch;
  const relaunch = vi.fn();
  let trusting: typeof fetch;

  /** A fresh main side as the app has it at start (what it runs on now), and the page reloaded on it. */
  const startApp = async (current: DesktopConnection, language: 'en' | 'fr' = 'en') => {
    control = connectionControl({ store, current, t: () => createI18n(language).t, relaunch, fetch: (...args) => serverFetch(...args) });
    await page.evaluate((chosen) => localStorage.setItem('ringside.language', chosen), language);
    await page.reload();
  };

  beforeAll(async () => {
    await ensureWebBuild();
    tls = makeTestCertificate();
    server = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile });
    const dispatcher = new Agent({ connect: { ca: tls.cert } });
    trusting = ((url: string, init?: object) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
    serverFetch = trusting;
    const admin = new TeamClient(server.teamUrl!, { ca: tls.cert });
    await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
    await admin.signIn('Ada Admin', 'admin-password-1');
    await admin.request('POST', '/api/team/accounts', { name: 'Sam Super', role: 'supervisor', password: 'sam-password-12' });

    local = await startEngine();
    const dir = mkdtempSync(join(tmpdir(), 'ringside-desktop-'));
    const safeStorage = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s).reverse(), decryptString: (b: Buffer) => Buffer.from(b).reverse().toString() };
    store = connectionStore(join(dir, 'connection.json'), safeStorageVault(join(dir, 'server-session.json'), safeStorage, 'linux', silentLogger));
    control = connectionControl({ store, current: { mode: 'local', chosen: false }, t: () => createI18n('en').t, relaunch, fetch: (...args) => serverFetch(...args) });

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    // Every step's bound is a quiet machine's, made patient (this machine is shared).
    context.setDefaultTimeout(patient(10_000));
    const routes = Object.fromEntries(IPC_OPERATION_NAMES.map((name) => [name, OPERATIONS[name].http]));
    await context.addInitScript(standInPreload(SECRETS.RINGSIDE_CONSOLE_TOKEN, routes as never));
    await context.exposeFunction('desktopConnection', async (op: keyof ConnectionControl, args: string[]) => {
      try {
        return { ok: true, value: await (control[op] as (...a: string[]) => Promise<unknown>)(...args) };
      } catch (error) {
        return { ok: false, status: error instanceof ApiError ? error.status : 500, message: (error as Error).message };
      }
    });
    page = await context.newPage();
    await page.goto(`${local.consoleUrl}/#/`);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await local?.stop();
    await server?.stop();
  });

  it('asks on the first start, checks the address, signs in, and restarts on the server', async () => {
    const panel = page.getByRole('region', { name: 'How will you use Ringside?' });
    await panel.waitFor({ timeout: patient(10_000) });
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole('radio', { name: /Connect to a Ringside server/ }).check();

    // Another team API version: said with what to do, and no sign-in offered.
    serverFetch = (async () => new Response(JSON.stringify({ ringside: true, apiVersion: 99, version: '9.0.0', needsAdmin: false }))) as unknown as typeof fetch;
    await panel.getByLabel('Server address').fill(server.teamUrl!);
    await panel.getByRole('button', { name: 'Check the server' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: patient(5000) }).toBe('the server runs Ringside 9.0.0, newer than this app: update this app (Help › Check for updates, or install the latest release)');
    expect(await panel.getByLabel('Password').count()).toBe(0);

    // The same server on this version: sign in (a wrong password first).
    serverFetch = trusting;
    await panel.getByRole('button', { name: 'Check the server' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: patient(5000) }).toContain(`answers at ${server.teamUrl}: sign in`);
    await panel.getByLabel('Name').fill('Sam Super');
    await panel.getByLabel('Password').fill('not-his-password');
    await panel.getByRole('button', { name: 'Sign in and connect' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: patient(5000) }).toBe('wrong name or password');
    expect(store.read()).toBeUndefined();
    await panel.getByLabel('Password').fill('sam-password-12');
    const restartsBefore = relaunch.mock.calls.length;
    await panel.getByRole('button', { name: 'Sign in and connect' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: patient(5000) }).toBe(`Signed in: Ringside restarts on ${server.teamUrl}…`);
    await vi.waitFor(() => expect(relaunch.mock.calls.length).toBe(restartsBefore + 1), { timeout: patient(5000) });
    expect(store.read()).toMatchObject({ mode: 'remote', origin: server.teamUrl, name: 'Sam Super', token: expect.any(String) });
  });

  it('connected as a supervisor: Settings says where Ringside runs, hides the server’s settings, and goes back to this computer', async () => {
    for (const language of ['fr', 'en'] as const) {
      await startApp({ mode: 'remote', chosen: true, origin: server.teamUrl!, account: { id: 'sam', name: 'Sam Super', role: 'supervisor', mustChangePassword: false }, serverVersion: '1.0.0' }, language);
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.locator('.connection-panel').waitFor({ timeout: patient(10_000) });
      expect(await seriousViolations(page), language).toEqual([]);
    }
    expect(await page.locator('.connection-now').textContent()).toBe(`Connected to ${server.teamUrl} as Sam Super.`);
    expect(await page.locator('.settings-form').count()).toBe(0);
    expect(await page.locator('.signed-in').textContent()).toContain('Sam Super (supervisor)');
    // An administrator on the server gets its settings here; Accounts and the audit trail stay the browser console's.
    await startApp({ mode: 'remote', chosen: true, origin: server.teamUrl!, account: { id: 'ada', name: 'Ada Admin', role: 'administrator', mustChangePassword: false }, serverVersion: '1.0.0' });
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.locator('.connection-panel').waitFor();
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Accounts' }).count()).toBe(0);
    await page.getByRole('radio', { name: /Run Ringside on this computer/ }).check();
    const restartsBefore = relaunch.mock.calls.length;
    await page.getByRole('button', { name: 'Use this computer' }).click();
    await expect.poll(() => page.locator('.connection-panel [role=status]').textContent(), { timeout: patient(5000) }).toBe('Ringside restarts on this computer…');
    expect(store.read()).toEqual({ mode: 'local' });
    await vi.waitFor(() => expect(relaunch.mock.calls.length).toBe(restartsBefore + 1), { timeout: patient(5000) });
  });
});
