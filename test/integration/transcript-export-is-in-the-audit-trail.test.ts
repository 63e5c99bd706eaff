// Saving a call's transcript as a file is in the audit trail, written by the engine: the console asks
// it to record the export (who, which call, which format) before it saves the file. A viewer may
// export (they see the call); an unknown call or format is refused; the loopback console records as
// the local administrator.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { patient } from '../support/patience.ts';
import { consolePost, SECRETS, startEngine } from './support/engine.ts';
import { TeamClient } from './support/team.ts';

let tls: TestCertificate;
let engine: Engine;
let admin: TeamClient;
let vera: TeamClient;
let callId: string;

beforeAll(async () => {
  tls = makeTestCertificate();
  engine = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile }, { demo: true });
  admin = new TeamClient(engine.teamUrl!, { ca: tls.cert });
  await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
  await admin.signIn('Ada Admin', 'admin-password-1');
  expect((await admin.request('POST', '/api/team/accounts', { name: 'Vera Viewer', role: 'viewer', password: 'vera-password-1' })).status).toBe(201);
  vera = new TeamClient(engine.teamUrl!, { ca: tls.cert });
  expect((await vera.signIn('Vera Viewer', 'vera-password-1')).status).toBe(200);
  callId = await vi.waitFor(
    async () => {
      const id = (await engine.api.listCalls({ state: 'live' })).calls[0]?.id;
      if (!id) throw new Error('no demo call yet');
      return id;
    },
    { timeout: patient(20_000), interval: 50 },
  );
});

afterAll(async () => {
  await engine?.stop();
});

describe('transcript export', () => {
  it('is recorded by the engine with who exported which call in which format', async () => {
    const reply = await vera.request('POST', `/api/calls/${encodeURIComponent(callId)}/transcript-export`, { format: 'srt' });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ recorded: true });
    const trail = await admin.request('GET', `/api/team/audit?action=transcript-export&callId=${encodeURIComponent(callId)}`);
    expect(trail.body.entries).toEqual([expect.objectContaining({ actorName: 'Vera Viewer', action: 'transcript-export', callId, detail: { format: 'srt' } })]);
  });

  it('refuses an unknown call or format, and records nothing for them', async () => {
    expect((await vera.request('POST', '/api/calls/no-such-call/transcript-export', { format: 'txt' })).status).toBe(404);
    const bad = await vera.request('POST', `/api/calls/${encodeURIComponent(callId)}/transcript-export`, { format: 'docx' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('txt, json or srt');
    const trail = await admin.request('GET', '/api/team/audit?action=transcript-export');
    expect(trail.body.entries.map((e: { callId: string }) => e.callId)).toEqual([callId]);
  });

  it('on the loopback console, is recorded as the local administrator', async () => {
    expect((await consolePost(engine, `/api/calls/${encodeURIComponent(callId)}/transcript-export`, { format: 'json' })).status).toBe(201);
    const trail = await admin.request('GET', '/api/team/audit?action=transcript-export');
    expect(trail.body.entries.at(-1)).toMatchObject({ actorId: 'local', callId, detail: { format: 'json' } });
  });
});
