// The desktop app connected to a Ringside server uses its console API as it would its own engine's:
// operations over HTTPS with the bearer token, the live feed and listen-in over WebSockets with the
// token in a header (never in a URL), the signed-in person's role checked by the server, and a
// revoked session said at once. Under plain Node against a real engine's team listener.
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveMessage } from '../../../shared/api.ts';
import type { Engine } from '../../../electron/engine/engine.ts';
import { createRemoteApi } from '../../../electron/main/remote-api.ts';
import { connectToServer } from '../../../electron/main/remote-server.ts';
import { createI18n } from '../../../shared/i18n/index.ts';
import { SECRETS, startEngine } from '../../integration/support/engine.ts';
import { TeamClient } from '../../integration/support/team.ts';
import { patient } from '../../support/patience.ts';
import { makeTestCertificate, type TestCertificate } from '../../support/test-certificate.ts';

const t = createI18n('en').t;
let tls: TestCertificate;
let engine: Engine;
let trusting: typeof fetch;
let admin: TeamClient;

beforeAll(async () => {
  tls = makeTestCertificate();
  engine = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile }, { demo: true });
  const dispatcher = new Agent({ connect: { ca: tls.cert } });
  trusting = ((url: string, init?: object) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
  admin = new TeamClient(engine.teamUrl!, { ca: tls.cert });
  await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
  await admin.signIn('Ada Admin', 'admin-password-1');
  await admin.request('POST', '/api/team/accounts', { name: 'Vera Viewer', role: 'viewer', password: 'vera-password-1' });
  await admin.request('POST', '/api/team/accounts', { name: 'Sam Super', role: 'supervisor', password: 'sam-password-12' });
});
afterAll(async () => engine?.stop());

const remote = async (name: string, password: string, extra: { onSignedOut?: () => void } = {}) => {
  const session = await connectToServer(engine.teamUrl!, name, password, t, trusting);
  return { session, api: createRemoteApi({ origin: session.origin, token: session.token, fetch: trusting, ca: tls.cert, ...extra }) };
};

describe('the desktop app against a Ringside server', () => {
  it('follows live calls, reads them, and listens in as a supervisor', async () => {
    const { api } = await remote('Sam Super', 'sam-password-12');
    const messages: LiveMessage[] = [];
    const stop = api.subscribe((m) => messages.push(m));
    const callId = await vi.waitFor(
      () => {
        const update = messages.find((m) => m.type === 'call.updated' && m.call.state !== 'ended' && m.call.stream?.state === 'connected');
        if (!update || update.type !== 'call.updated') throw new Error('no live streamed call on the feed yet');
        return update.call.id;
      },
      { timeout: patient(20_000), interval: 50 },
    );
    expect((await api.getCall(callId)).call.id).toBe(callId);
    expect((await api.listCalls({ state: 'live' })).calls.map((c) => c.id)).toContain(callId);

    const audio: number[] = [];
    const ended = vi.fn();
    const stopListening = api.listen(callId, { audio: ({ sampleRate, samples }) => audio.push(sampleRate, samples.length), ended });
    await vi.waitFor(() => expect(audio.length).toBeGreaterThan(0), { timeout: patient(10_000) });
    expect([8000, 16000, 24000, 48000]).toContain(audio[0]);
    stopListening();
    // The server saw a supervisor listening: the audit trail says who.
    await vi.waitFor(async () => {
      const trail = await admin.request('GET', `/api/team/audit?action=listen-start&callId=${encodeURIComponent(callId)}`);
      expect(trail.body.entries.map((e: { actorName: string }) => e.actorName)).toContain('Sam Super');
    });
    stop();
    api.close();
  });

  it('is refused what its role may not do, with the server’s words', async () => {
    const { api } = await remote('Vera Viewer', 'vera-password-1');
    await expect(api.settings()).rejects.toMatchObject({ status: 403, message: expect.stringContaining('your role (viewer) may not') });
    await expect(api.getCall('no-such-call')).rejects.toMatchObject({ status: 404 });
    api.close();
  });

  it('says at once when its session is revoked', async () => {
    const onSignedOut = vi.fn();
    const { api } = await remote('Sam Super', 'sam-password-12', { onSignedOut });
    api.subscribe(() => undefined);
    await vi.waitFor(async () => {
      const sessions = (await admin.request('GET', '/api/team/sessions')).body.sessions as { id: string; accountName: string; kind: string }[];
      expect(sessions.some((s) => s.accountName === 'Sam Super' && s.kind === 'token')).toBe(true);
    });
    const sessions = (await admin.request('GET', '/api/team/sessions')).body.sessions as { id: string; accountName: string; kind: string; createdAt: string }[];
    const mine = sessions.filter((s) => s.accountName === 'Sam Super' && s.kind === 'token').sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!;
    expect((await admin.request('DELETE', `/api/team/sessions/${mine.id}`)).status).toBe(200);
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalledTimes(1), { timeout: patient(5000) });
    await expect(api.health()).rejects.toMatchObject({ status: 401 });
    api.close();
  });
});
