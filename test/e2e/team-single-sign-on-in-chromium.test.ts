// Single sign-on in real Chromium: the team listener's sign-in page offers it, the browser goes to a
// stand-in OpenID Connect issuer (HTTPS) and back, and the console opens signed in as the person the
// issuer names; a person without an account comes back to the sign-in page, which says why.
import type { Browser } from 'playwright-core';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { FakeOidcIssuer } from '../fakes/fake-oidc-issuer.ts';
import { SECRETS, startEngine } from '../integration/support/engine.ts';
import { TeamClient } from '../integration/support/team.ts';
import { patient } from '../support/patience.ts';
import { makeTestCertificate } from '../support/test-certificate.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { ensureWebBuild } from './support/web-build.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);
const CLIENT = { id: 'ringside-team', secret: 'sso-client-secret-123' };

describe.skipIf(missing)('single sign-on in Chromium', () => {
  let issuer: FakeOidcIssuer;
  let engine: Engine;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuild();
    const tls = makeTestCertificate();
    issuer = await new FakeOidcIssuer(CLIENT).start(tls);
    const dispatcher = new Agent({ connect: { ca: tls.cert } });
    const trusting = ((url: string, init?: object) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
    engine = await startEngine(
      { teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile, oidcIssuer: issuer.issuer, oidcClientId: CLIENT.id, oidcClientSecret: CLIENT.secret },
      { oidcFetch: trusting },
    );
    const admin = new TeamClient(engine.teamUrl!, { ca: tls.cert });
    await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
    await admin.signIn('Ada Admin', 'admin-password-1');
    await admin.request('POST', '/api/team/accounts', { name: 'Alice Martin', role: 'viewer', password: 'a-first-password' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await issuer?.stop();
  });

  it('signs in through the issuer, or says why not', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US' });
    context.setDefaultTimeout(patient(10_000));
    try {
      const page = await context.newPage();
      issuer.person = { sub: 'u-zed', preferred_username: 'Zed Nobody' };
      await page.goto(engine.teamUrl!);
      await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('no account of that name');
      expect(new URL(page.url()).search).toBe('');
      expect(await seriousViolations(page)).toEqual([]);

      issuer.person = { sub: 'u-alice', preferred_username: 'Alice Martin' };
      await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
      await expect.poll(() => page.locator('.signed-in').textContent()).toContain('Alice Martin (viewer)');
    } finally {
      await context.close();
    }
  });
});
