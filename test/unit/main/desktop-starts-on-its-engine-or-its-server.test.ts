// At start the desktop app runs on what was chosen: its own engine (also on the first start), or the
// Ringside server it signed in to — checked first, so a server on another team API version, gone, or
// one that ended this app's session is said with what to do. The choice is a file; the bearer token
// is kept apart, encrypted (a vault over safeStorage), never in that file. Plain Node, a real engine.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { connectionStore } from '../../../electron/main/connection-choice.ts';
import { openConsoleSource } from '../../../electron/main/console-source.ts';
import { connectToServer } from '../../../electron/main/remote-server.ts';
import { safeStorageVault, type SafeStorageLike } from '../../../electron/main/secrets.ts';
import { createI18n } from '../../../shared/i18n/index.ts';
import { SECRETS, startEngine } from '../../integration/support/engine.ts';
import { TeamClient } from '../../integration/support/team.ts';
import { makeTestCertificate, type TestCertificate } from '../../support/test-certificate.ts';

const t = createI18n('en').t;
/** A stand-in for Electron's safeStorage: reversible, but never the plain text on disk. */
const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
};

let tls: TestCertificate;
let server: Engine;
let trusting: typeof fetch;

beforeAll(async () => {
  tls = makeTestCertificate();
  server = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile });
  const dispatcher = new Agent({ connect: { ca: tls.cert } });
  trusting = ((url: string, init?: object) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
  await new TeamClient(server.teamUrl!, { ca: tls.cert }).request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
});
afterAll(async () => server?.stop());

const storeIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-choice-'));
  return { dir, store: connectionStore(join(dir, 'connection.json'), safeStorageVault(join(dir, 'server-session.json'), safeStorage, 'linux', silentLogger)) };
};

describe('the desktop app at start', () => {
  it('runs its own engine on the first start and when chosen', async () => {
    const { store } = storeIn();
    expect(store.read()).toBeUndefined();
    const local = { api: { health: vi.fn() } } as unknown as Engine;
    const startLocal = vi.fn(async () => local);
    expect(await openConsoleSource(store.read(), { startLocal, t })).toMatchObject({ kind: 'local', engine: local });
    store.useLocal();
    expect(store.read()).toEqual({ mode: 'local' });
    expect(await openConsoleSource(store.read(), { startLocal, t })).toMatchObject({ kind: 'local' });
    expect(startLocal).toHaveBeenCalledTimes(2);
  });

  it('opens the server it signed in to, keeping the token encrypted and out of the choice file', async () => {
    const { dir, store } = storeIn();
    const session = await connectToServer(server.teamUrl!, 'Ada Admin', 'admin-password-1', t, trusting);
    store.useRemote(session);
    expect(readFileSync(join(dir, 'connection.json'), 'utf8')).not.toContain(session.token);
    expect(readFileSync(join(dir, 'server-session.json'), 'utf8')).not.toContain(session.token);
    expect(store.read()).toEqual({ mode: 'remote', origin: session.origin, name: 'Ada Admin', token: session.token });

    const startLocal = vi.fn();
    const source = await openConsoleSource(store.read(), { startLocal, t, fetch: trusting, ca: tls.cert });
    expect(startLocal).not.toHaveBeenCalled();
    if (source.kind !== 'remote') throw new Error(`expected the server, got ${source.kind}`);
    expect((await source.api.health()).ok).toBe(true);
    source.api.close();
  });

  it('says what to do when the server is on another version, gone, or ended the session', async () => {
    const { store } = storeIn();
    const session = await connectToServer(server.teamUrl!, 'Ada Admin', 'admin-password-1', t, trusting);
    store.useRemote(session);
    const older = (async () => new Response(JSON.stringify({ ringside: true, apiVersion: 0, version: '0.9.0', needsAdmin: false }))) as unknown as typeof fetch;
    expect(await openConsoleSource(store.read(), { startLocal: vi.fn(), t, fetch: older })).toEqual({
      kind: 'unavailable',
      origin: session.origin,
      problem: 'version',
      reason: 'the server runs Ringside 0.9.0, older than this app: ask your administrator to update the server',
    });
    const gone = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await openConsoleSource(store.read(), { startLocal: vi.fn(), t, fetch: gone })).toMatchObject({ kind: 'unavailable', problem: 'unreachable' });
    store.forgetToken();
    expect(await openConsoleSource(store.read(), { startLocal: vi.fn(), t, fetch: trusting })).toMatchObject({
      kind: 'unavailable',
      problem: 'signed-out',
      reason: `this app’s session on ${session.origin} has ended: connect to the server again and sign in`,
    });
  });
});
