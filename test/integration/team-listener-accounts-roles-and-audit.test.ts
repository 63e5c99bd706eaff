// The team listener over real TLS: the first administrator (with the console token), accounts and
// roles checked on every console API operation, brute force slowed, a stolen cookie useless from
// another origin, a disabled account stopped at once, the take-over lock, the audit trail, and
// nothing of it on the public listener.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, httpRequestOf, type OperationName } from '../../shared/api-operations.ts';
import { allows } from '../../shared/team.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { SECRETS, startEngine } from './support/engine.ts';
import { until } from './support/live.ts';
import { TeamClient } from './support/team.ts';

const ADMIN = { name: 'Ada Admin', password: 'admin-password-1' };
const ALICE = { name: 'Alice Martin', password: 'alice-password-1' };
const BOB = { name: 'Bob Durand', password: 'bob-password-12' };
const VERA = { name: 'Vera Viewer', password: 'vera-password-1' };

/** Sample arguments for each operation, enough to pass the schema (the role is checked before them). */
/** A sample call of every operation: typed by the table, so a new operation without a sample fails the type check. */
const SAMPLE_ARGS: Record<OperationName, unknown[]> = {
  listCalls: [{ state: 'live' }],
  getCall: ['x'],
  health: [],
  sendCommand: ['x', { type: 'break' }],
  settings: [],
  updateSettings: [{ botLanguage: 'fr' }],
  setDemo: [false],
  testEvent: ['ringover'],
  issueTicket: [{ use: 'live' }],
  stats: [{}],
  ringoverStatus: [],
  testRingoverKey: [],
  transferTargets: [],
  backfill: [{ from: '2025-03-01T00:00:00Z', to: '2025-03-02T00:00:00Z' }],
  callBack: ['x'],
  sendSms: ['x', 'hello'],
  tagCall: ['x', ['vip']],
  commentCall: ['x', 'a note'],
  ringoverInsights: ['x'],
  pauseRecording: ['x', true],
  setLegalHold: ['x', { hold: true, reason: 'a claim' }],
  findNumber: ['+33 6 12 34 56 78'],
  exportNumber: ['+33 6 12 34 56 78'],
  eraseNumber: ['+33 6 12 34 56 78'],
  noteTranscriptExport: ['x', 'txt'],
};

let tls: TestCertificate;
let engine: Engine;
let clock = Date.now();
const client = (origin?: string | null) => new TeamClient(engine.teamUrl!, { ca: tls.cert, ...(origin !== undefined && { origin }) });

beforeAll(async () => {
  tls = makeTestCertificate();
  engine = await startEngine(
    { teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile },
    { demo: true, holdGraceMs: 200, signInLimits: { windowMs: 60_000, perAccount: 5, perAddress: 1000, now: () => clock } },
  );
  const setup = await client().request('POST', '/api/team/setup', ADMIN);
  expect(setup.status).toBe(401); // not without the console token
  const first = await client().request('POST', '/api/team/setup', ADMIN, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
  expect(first.status).toBe(200);
  const admin = client();
  await admin.signIn(ADMIN.name, ADMIN.password);
  for (const [who, role] of [[ALICE, 'supervisor'], [BOB, 'supervisor'], [VERA, 'viewer']] as const) {
    expect((await admin.request('POST', '/api/team/accounts', { ...who, role })).status).toBe(201);
  }
});

afterAll(async () => {
  await engine?.stop();
});

describe('team listener', () => {
  it('speaks TLS with the operator’s certificate, and tells what it is before sign-in', async () => {
    expect(engine.teamUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const hello = await client().request('GET', '/api/team/hello');
    expect(hello.body).toMatchObject({ ringside: true, apiVersion: 1, needsAdmin: false });
    expect((await client().request('GET', '/api/calls?state=live')).status).toBe(401);
  });

  it('serves none of it on the public listener', async () => {
    for (const path of ['/api/team/hello', '/api/team/sign-in', '/api/calls?state=live', '/api/live', '/']) {
      const res = await fetch(`${engine.publicUrl}${path}`, { method: path.endsWith('sign-in') ? 'POST' : 'GET' });
      expect(res.status, path).toBe(404);
    }
  });

  it('marks as viewed only calls that exist, so made-up ids cannot grow what every console is sent', async () => {
    const vera = client();
    expect((await vera.signIn(VERA.name, VERA.password)).status).toBe(200);
    for (const made of ['made-up-call', 'x'.repeat(4000)]) {
      const reply = await vera.request('POST', `/api/team/calls/${encodeURIComponent(made)}/viewing`, { open: true });
      expect(reply.status, made.slice(0, 20)).toBe(404);
    }
    const presence = await vera.request('GET', '/api/team/presence');
    expect(JSON.stringify(presence.body)).not.toContain('made-up-call');
  });

  it('checks the role of every console API operation server-side: a viewer gets 403 on each it may not call', async () => {
    const vera = client();
    expect((await vera.signIn(VERA.name, VERA.password)).status).toBe(200);
    for (const name of OPERATION_NAMES) {
      const { method, path, body } = httpRequestOf(name, SAMPLE_ARGS[name]!);
      const reply = await vera.request(method, path, body);
      if (name === 'issueTicket') expect(reply.status).toBe(404);
      else if (allows('viewer', OPERATIONS[name].role)) expect(reply.status, name).not.toBe(403);
      else expect(reply.status, name).toBe(403);
    }
    // The audit trail and accounts are an administrator's.
    expect((await vera.request('GET', '/api/team/audit')).status).toBe(403);
    expect((await vera.request('GET', '/api/team/accounts')).status).toBe(403);
    await expect(vera.openLive(`/api/calls/x/listen`)).rejects.toMatchObject({ status: 403 });
  });

  it('slows a brute force: at most 5 guesses per account a minute, then 429 with Retry-After', async () => {
    const mallory = client();
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) answers.push((await mallory.request('POST', '/api/team/sign-in', { name: BOB.name, password: `guess-${i}` })).status);
    const evaluated = answers.filter((s) => s === 401).length;
    expect(evaluated).toBe(5); // guesses checked in this minute
    expect(answers.slice(5).every((s) => s === 429)).toBe(true);
    const refused = await mallory.request('POST', '/api/team/sign-in', { name: BOB.name, password: BOB.password });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    clock += 61_000;
    expect((await client().signIn(BOB.name, BOB.password)).status).toBe(200);
  });

  it('refuses a stolen cookie from another origin, and a cookie change without its CSRF token', async () => {
    const alice = client();
    await alice.signIn(ALICE.name, ALICE.password);
    const thief = client('https://evil.example');
    thief.cookie = alice.cookie;
    thief.csrf = alice.csrf;
    expect((await thief.request('GET', '/api/calls?state=live')).status).toBe(403);
    expect((await thief.request('POST', '/api/calls/x/commands', { type: 'break' })).status).toBe(403);
    await expect(thief.openLive()).rejects.toMatchObject({ status: 403 });
    const noCsrf = client();
    noCsrf.cookie = alice.cookie;
    expect((await noCsrf.request('POST', '/api/calls/x/commands', { type: 'break' })).status).toBe(403);
    // The cookie is HttpOnly, Secure, SameSite=Strict and bound to this host.
    const setCookie = String((await client().request('POST', '/api/team/sign-in', { ...ALICE, client: 'browser' })).headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-ringside-session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('stops a disabled account’s sessions at once: its live socket closes and its next request is refused', async () => {
    const admin = client();
    await admin.signIn(ADMIN.name, ADMIN.password);
    const { body } = await admin.request('POST', '/api/team/accounts', { name: 'Carl Temp', role: 'supervisor', password: 'carl-password-1' });
    const carl = client();
    await carl.signIn('Carl Temp', 'carl-password-1');
    const desktop = client(null);
    await desktop.signIn('Carl Temp', 'carl-password-1', 'desktop');
    const live = await carl.openLive();
    expect((await desktop.request('GET', '/api/calls?state=live')).status).toBe(200);
    expect((await admin.request('PATCH', `/api/team/accounts/${body.id}`, { disabled: true })).status).toBe(200);
    expect(await live.closed).toMatchObject({ code: 4401 });
    expect((await carl.request('GET', '/api/calls?state=live')).status).toBe(401);
    expect((await desktop.request('GET', '/api/calls?state=live')).status).toBe(401);
    expect((await client().signIn('Carl Temp', 'carl-password-1')).status).toBe(403);
  });

  it('lets one person at a time hold a call; others are refused with who has it; the audit trail keeps each step', async () => {
    const alice = client();
    await alice.signIn(ALICE.name, ALICE.password);
    const bob = client();
    await bob.signIn(BOB.name, BOB.password);
    const bobLive = await bob.openLive();
    const callId = await waitForStreamedCall(alice);
    expect((await alice.request('POST', `/api/calls/${encodeURIComponent(callId)}/commands`, { type: 'takeover' })).status).toBe(202);
    await until(() => bobLive.messages.some((m) => m.type === 'presence' && m.calls.some((c: any) => c.callId === callId && c.people.some((p: any) => p.name === ALICE.name && p.holding))), 5000, 'Alice holding, seen by Bob');
    const refused = await bob.request('POST', `/api/calls/${encodeURIComponent(callId)}/commands`, { type: 'say', text: 'hello' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain('Alice Martin has this call');
    expect((await bob.request('POST', `/api/team/calls/${encodeURIComponent(callId)}/ask`)).status).toBe(202);
    expect((await alice.request('POST', `/api/calls/${encodeURIComponent(callId)}/commands`, { type: 'handback' })).status).toBe(202);
    expect((await bob.request('POST', `/api/calls/${encodeURIComponent(callId)}/commands`, { type: 'takeover' })).status).toBe(202);
    const admin = client();
    await admin.signIn(ADMIN.name, ADMIN.password);
    expect((await admin.request('POST', `/api/team/calls/${encodeURIComponent(callId)}/take-from`)).status).toBe(200);
    expect((await bob.request('POST', `/api/calls/${encodeURIComponent(callId)}/commands`, { type: 'break' })).status).toBe(409);
    const trail = await admin.request('GET', `/api/team/audit?callId=${encodeURIComponent(callId)}`);
    expect(trail.body.entries.map((e: any) => `${e.actorName}:${e.action}`)).toEqual([
      'Alice Martin:take-over',
      'Bob Durand:ask-handover',
      'Alice Martin:hand-back',
      'Bob Durand:take-over',
      'Ada Admin:take-from',
    ]);
    expect(trail.body.entries[2].detail.durationMs).toBeGreaterThanOrEqual(0);
    // The call's own timeline carries them.
    const detail = await admin.request('GET', `/api/calls/${encodeURIComponent(callId)}`);
    expect(detail.body.audit).toHaveLength(5);
    // CSV export, formula cells defused.
    const csv = await admin.request('GET', `/api/team/audit?format=csv&callId=${encodeURIComponent(callId)}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('seq,at,actorId,actorName,address,action,callId,detail');
    // Leaving releases the call after the grace period; the bot resumes.
    bobLive.ws.close();
  });

  it('records privacy actions in the trail as the person who took them, with no phone number', async () => {
    const alice = client();
    await alice.signIn(ALICE.name, ALICE.password);
    const callId = await waitForStreamedCall(alice);
    const path = `/api/calls/${encodeURIComponent(callId)}`;
    // A supervisor pauses and resumes the recording; holds and requests about a number are an administrator's.
    expect((await alice.request('POST', `${path}/recording-pause`, { paused: true })).status).toBe(200);
    expect((await alice.request('POST', `${path}/recording-pause`, { paused: false })).status).toBe(200);
    expect((await alice.request('POST', `${path}/legal-hold`, { hold: true })).status).toBe(403);
    const admin = client();
    await admin.signIn(ADMIN.name, ADMIN.password);
    expect((await admin.request('POST', `${path}/legal-hold`, { hold: true, reason: 'a claim' })).status).toBe(200);
    expect((await admin.request('POST', `${path}/legal-hold`, { hold: false })).status).toBe(200);
    const number = (await admin.request('GET', path)).body.call.from.number as string;
    expect((await admin.request('POST', '/api/privacy/export', { number })).status).toBe(200);
    const trail = await admin.request('GET', `/api/team/audit?callId=${encodeURIComponent(callId)}`);
    const privacy = trail.body.entries.filter((e: any) => /recording-|legal-hold|data-export/.test(e.action));
    expect(privacy.map((e: any) => `${e.actorName}:${e.action}`)).toEqual([
      'Alice Martin:recording-pause',
      'Alice Martin:recording-resume',
      'Ada Admin:legal-hold',
      'Ada Admin:legal-hold-lift',
      'Ada Admin:data-export',
    ]);
    expect(privacy.every((e: any) => e.address !== 'loopback')).toBe(true); // the person's own address
    const digits = number.replace(/\D/g, '').slice(-9);
    expect(JSON.stringify(trail.body.entries)).not.toContain(digits);
    expect(JSON.stringify(trail.body.entries)).not.toContain('a claim');
  });

  it('keeps the audit trail append-only', () => {
    expect(() => engine.team.store.execForTest("UPDATE audit SET action = 'x'")).toThrow(/append-only/);
    expect(() => engine.team.store.execForTest('DELETE FROM audit')).toThrow(/append-only/);
    const names = engine.team.audit.query({}).map((e) => e.action);
    expect(names).toEqual(expect.arrayContaining(['account-create', 'sign-in', 'sign-in-failed', 'account-disable']));
  });
});

async function waitForStreamedCall(c: TeamClient): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { body } = await c.request('GET', '/api/calls?state=live');
    const call = body.calls.find((x: any) => x.stream?.state === 'connected');
    if (call) return call.id;
    if (Date.now() > deadline) throw new Error(`no streamed demo call: ${JSON.stringify(body.calls.map((x: any) => Object.keys(x)))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
