// The desktop app's "Connect to a Ringside server", under plain Node against a real engine's team
// listener (HTTPS with a test certificate): it signs in with a bearer token, refuses plain http to
// another machine, and says what to do when the server's team API version differs.
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToServer, RemoteServerError } from '../../../electron/main/remote-server.ts';
import type { Engine } from '../../../electron/engine/engine.ts';
import { createI18n } from '../../../shared/i18n/index.ts';
import { SECRETS, startEngine } from '../../integration/support/engine.ts';
import { TeamClient } from '../../integration/support/team.ts';
import { makeTestCertificate } from '../../support/test-certificate.ts';

const t = createI18n('en').t;
let engine: Engine;
let trusting: typeof fetch;

beforeAll(async () => {
  const tls = makeTestCertificate();
  engine = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile });
  const dispatcher = new Agent({ connect: { ca: tls.cert } });
  trusting = ((url: string, init?: object) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
  const setup = new TeamClient(engine.teamUrl!, { ca: tls.cert });
  await setup.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
});
afterAll(async () => engine?.stop());

describe('connect to a Ringside server', () => {
  it('signs in with a revocable bearer token the console API accepts', async () => {
    const session = await connectToServer(engine.teamUrl!, 'Ada Admin', 'admin-password-1', t, trusting);
    expect(session.account).toMatchObject({ name: 'Ada Admin', role: 'administrator' });
    const calls = await trusting(`${session.origin}/api/calls?state=live`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(calls.status).toBe(200);
  });

  it('refuses plain http to another machine, and a wrong password', async () => {
    await expect(connectToServer('http://ringside.example.com', 'a', 'b', t, trusting)).rejects.toMatchObject({ kind: 'address' });
    await expect(connectToServer(engine.teamUrl!, 'Ada Admin', 'wrong-password', t, trusting)).rejects.toMatchObject({ kind: 'refused', message: 'wrong name or password' });
  });

  it('says what to do when the server speaks another team API version', async () => {
    const newer = (async (url: string) => (String(url).endsWith('/hello') ? new Response(JSON.stringify({ ringside: true, apiVersion: 99, version: '9.0.0', needsAdmin: false })) : new Response('{}'))) as typeof fetch;
    const error = await connectToServer(engine.teamUrl!, 'x', 'y', t, newer).catch((e: RemoteServerError) => e);
    expect(error).toMatchObject({ kind: 'version' });
    expect((error as Error).message).toBe('the server runs Ringside 9.0.0, newer than this app: update this app (Help › Check for updates, or install the latest release)');
  });
});
