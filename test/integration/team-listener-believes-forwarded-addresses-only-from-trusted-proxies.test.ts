// Behind a reverse proxy the team listener's peer is the proxy, so the audit trail's address and the
// sign-in limit per address read the client from X-Forwarded-For — but only when the peer is one of
// the configured trusted proxies (the `trustedProxies` setting the stream allow-list uses). From
// anyone else the header is a claim: not recorded, and no way around the per-address limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { SECRETS, startEngine } from './support/engine.ts';
import { TeamClient } from './support/team.ts';

let tls: TestCertificate;
let engine: Engine;
let admin: TeamClient;
const client = () => new TeamClient(engine.teamUrl!, { ca: tls.cert });
const signIn = (name: string, forwardedFor: string) => client().request('POST', '/api/team/sign-in', { name, password: 'not-the-password' }, { 'x-forwarded-for': forwardedFor });
const lastFailure = async (name: string) => {
  const trail = await admin.request('GET', `/api/team/audit?action=sign-in-failed&actor=${encodeURIComponent(name)}`);
  return trail.body.entries.at(-1)?.address as string | undefined;
};

beforeAll(async () => {
  tls = makeTestCertificate();
  engine = await startEngine(
    { teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile },
    { signInLimits: { windowMs: 60_000, perAccount: 100, perAddress: 4 } },
  );
  admin = client();
  await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
  expect((await admin.signIn('Ada Admin', 'admin-password-1')).status).toBe(200);
});
afterAll(async () => engine?.stop());

describe('X-Forwarded-For on the team listener', () => {
  it('is a claim from a peer that is not a trusted proxy: not recorded, and no way around the limit', async () => {
    expect((await signIn('Eve One', '203.0.113.1')).status).toBe(401);
    expect(await lastFailure('Eve One')).toBe('127.0.0.1');
    // Each attempt claims another client; the limit (4 a minute) still counts the one real peer: setup's and Ada's sign-ins, then these.
    expect((await signIn('Eve Two', '203.0.113.2')).status).toBe(401);
    const third = await signIn('Eve Three', '203.0.113.3');
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
  });

  it('names the client from a trusted proxy, in the audit trail and in the limit per address', async () => {
    await engine.api.updateSettings({ trustedProxies: '127.0.0.1/32\n::1/128' });
    // The proxy appends the client it saw; what the client itself claimed is to its left and ignored.
    expect((await signIn('Mallory', '198.51.100.66, 203.0.113.20')).status).toBe(401);
    expect(await lastFailure('Mallory')).toBe('203.0.113.20');
    for (const name of ['Mallory Two', 'Mallory Three', 'Mallory Four']) expect((await signIn(name, '203.0.113.20')).status).toBe(401);
    expect((await signIn('Mallory Five', '203.0.113.20')).status).toBe(429);
    // Another client behind the same proxy is not held back by that one.
    expect((await signIn('Carol', '203.0.113.21')).status).toBe(401);
    expect(await lastFailure('Carol')).toBe('203.0.113.21');
    // Signed-in requests too: the audit of what a person does names where they are.
    const ada = client();
    const signed = await ada.request('POST', '/api/team/sign-in', { name: 'Ada Admin', password: 'admin-password-1' }, { 'x-forwarded-for': '192.0.2.44' });
    expect(signed.status).toBe(200);
    const trail = await admin.request('GET', '/api/team/audit?action=sign-in&actor=Ada%20Admin');
    expect(trail.body.entries.at(-1).address).toBe('192.0.2.44');
  });
});
