// Single sign-on with OpenID Connect on the team listener, against a stand-in issuer over real HTTPS:
// the browser goes to the issuer and comes back; openid-client checks the code (PKCE), the ID token's
// signature, audience and nonce; the person it names gets a session only when an account of that name
// exists and is enabled. A callback from another browser (no binding cookie), a forged or misaddressed
// ID token, and an unknown person are refused and said on the sign-in page. Not set up: no such route.
import { request } from 'node:https';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { SSO_COOKIE } from '../../shared/team.ts';
import { FakeOidcIssuer } from '../fakes/fake-oidc-issuer.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { SECRETS, startEngine } from './support/engine.ts';
import { TeamClient } from './support/team.ts';

const CLIENT = { id: 'ringside-team', secret: 'sso-client-secret-123' };
let tls: TestCertificate;
let issuer: FakeOidcIssuer;
let engine: Engine;
let admin: TeamClient;

/** One GET with the test certificate trusted; redirects are returned, not followed. */
function get(url: string, cookie?: string): Promise<{ status: number; location: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: tls.cert, headers: { ...(cookie && { cookie }) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), cookies: ([] as string[]).concat(res.headers['set-cookie'] ?? []) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const cookieOf = (cookies: string[], name: string) => cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** A browser's round trip: start, the issuer, back to the callback (with or without the binding cookie). */
async function signInThroughIssuer(options: { withBinding?: boolean } = {}) {
  const start = await get(`${engine.teamUrl}/api/team/sso/start`);
  expect(start.status).toBe(302);
  const binding = cookieOf(start.cookies, SSO_COOKIE);
  expect(start.cookies[0]).toContain('SameSite=Lax');
  const atIssuer = await get(start.location);
  expect(atIssuer.status).toBe(302);
  expect(atIssuer.location.startsWith(`https://${new URL(engine.teamUrl!).host}/api/team/sso/callback?`)).toBe(true);
  const back = await get(atIssuer.location.replace(`https://${new URL(engine.teamUrl!).host}`, engine.teamUrl!), options.withBinding === false ? undefined : binding);
  expect(back.status).toBe(302);
  const error = new URL(back.location, engine.teamUrl).searchParams.get('sso-error');
  return { back, error, session: cookieOf(back.cookies, '__Host-ringside-session') };
}

beforeAll(async () => {
  tls = makeTestCertificate();
  issuer = await new FakeOidcIssuer(CLIENT).start(tls);
  const dispatcher = new Agent({ connect: { ca: tls.cert } });
  const trusting = ((url: string, init?: object) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
  engine = await startEngine(
    { teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile, oidcIssuer: issuer.issuer, oidcClientId: CLIENT.id, oidcClientSecret: CLIENT.secret },
    { oidcFetch: trusting },
  );
  admin = new TeamClient(engine.teamUrl!, { ca: tls.cert });
  await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
  await admin.signIn('Ada Admin', 'admin-password-1');
  for (const name of ['Alice Martin', 'Dora Disabled']) await admin.request('POST', '/api/team/accounts', { name, role: 'supervisor', password: 'a-first-password' });
  const dora = (await admin.request('GET', '/api/team/accounts')).body.accounts.find((a: { name: string }) => a.name === 'Dora Disabled');
  await admin.request('PATCH', `/api/team/accounts/${dora.id}`, { disabled: true });
});

afterAll(async () => {
  await engine?.stop();
  await issuer?.stop();
});

describe('single sign-on', () => {
  it('is offered before sign-in, and signs in the person the issuer vouches for, with their account’s role', async () => {
    expect((await admin.request('GET', '/api/team/hello')).body.sso).toBe(true);
    issuer.person = { sub: 'u-alice', preferred_username: 'Alice Martin', email: 'alice@example.com' };
    const { error, session, back } = await signInThroughIssuer();
    expect(error).toBeNull();
    expect(back.location).toBe('/');
    expect(session).toBeDefined();
    const alice = new TeamClient(engine.teamUrl!, { ca: tls.cert });
    alice.cookie = session;
    const me = await alice.request('GET', '/api/team/me');
    expect(me.body.account).toMatchObject({ name: 'Alice Martin', role: 'supervisor' });
    const trail = await admin.request('GET', '/api/team/audit?action=sign-in&actor=Alice%20Martin');
    expect(trail.body.entries.at(-1).detail).toEqual({ client: 'single sign-on' });
  });

  it('refuses a person without an account, or with a disabled one, and says why on the sign-in page', async () => {
    issuer.person = { sub: 'u-zed', preferred_username: 'Zed Nobody' };
    const unknown = await signInThroughIssuer();
    expect(unknown.session).toBeUndefined();
    expect(unknown.error).toBe('the issuer signed you in as Zed Nobody, but this server has no account of that name: ask an administrator to invite you under it');
    issuer.person = { sub: 'u-dora', name: 'Dora Disabled' };
    const disabled = await signInThroughIssuer();
    expect(disabled.session).toBeUndefined();
    expect(disabled.error).toBe('this account is disabled: ask an administrator');
  });

  it('refuses a callback from another browser, and ID tokens signed by another key or for another client', async () => {
    issuer.person = { sub: 'u-alice', preferred_username: 'Alice Martin' };
    const stolen = await signInThroughIssuer({ withBinding: false });
    expect(stolen.session).toBeUndefined();
    expect(stolen.error).toContain('not from this browser');
    for (const tamper of ['wrong-key', 'wrong-audience'] as const) {
      issuer.tamper = tamper;
      const forged = await signInThroughIssuer();
      expect(forged.session, tamper).toBeUndefined();
      expect(forged.error, tamper).toMatch(/^the single sign-on issuer refused this sign-in/);
    }
    issuer.tamper = undefined;
  });

  it('is not there when not set up', async () => {
    const plain = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile });
    try {
      const client = new TeamClient(plain.teamUrl!, { ca: tls.cert });
      expect((await client.request('GET', '/api/team/hello')).body.sso).toBeUndefined();
      expect((await client.request('GET', '/api/team/sso/start')).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
