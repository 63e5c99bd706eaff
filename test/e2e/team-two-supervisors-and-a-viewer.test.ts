// Team mode in real Chromium: two supervisors and a viewer, each in their own browser context,
// signed in on one engine's team listener (HTTPS with a test certificate). Alice takes a call over;
// Bob sees "Alice has this call", cannot send speech, asks; Alice hands over; Bob holds the call. The
// viewer sees no control and gets 403 on every command through the API; the audit trail has each step.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { SECRETS, startEngine } from '../integration/support/engine.ts';
import { TeamClient } from '../integration/support/team.ts';
import { patient } from '../support/patience.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { ensureWebBuild } from './support/web-build.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

const PEOPLE = {
  alice: { name: 'Alice Martin', password: 'alice-password-1', role: 'supervisor' },
  bob: { name: 'Bob Durand', password: 'bob-password-123', role: 'supervisor' },
  vera: { name: 'Vera Viewer', password: 'vera-password-1', role: 'viewer' },
} as const;

describe.skipIf(missing)('two supervisors and a viewer on one engine', () => {
  let tls: TestCertificate;
  let engine: Engine;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Record<keyof typeof PEOPLE, Page> = {} as never;
  let admin: TeamClient;

  beforeAll(async () => {
    await ensureWebBuild();
    tls = makeTestCertificate();
    engine = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile }, { demo: true });
    admin = new TeamClient(engine.teamUrl!, { ca: tls.cert });
    await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
    await admin.signIn('Ada Admin', 'admin-password-1');
    for (const person of Object.values(PEOPLE)) expect((await admin.request('POST', '/api/team/accounts', person)).status).toBe(201);
    browser = await launchChromium();
    for (const [key, person] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 }, locale: 'en-US', permissions: ['microphone'] });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(engine.teamUrl!);
      await page.getByLabel('Name').fill(person.name);
      await page.getByLabel('Password').fill(person.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.signed-in').waitFor({ timeout: patient(10_000) });
      pages[key] = page;
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await engine?.stop();
  });

  it('locks a take-over to one person, asks and hands over, and shows a viewer no control', async () => {
    // A streamed demo call, on every board.
    let callId: string | undefined;
    await expect
      .poll(async () => (callId = (await engine.api.listCalls({ state: 'live' })).calls.find((c) => c.stream?.state === 'connected')?.id), { timeout: patient(20_000) })
      .toBeTruthy();
    const cardOf = (page: Page) => page.locator(`article[data-call-id="${callId}"]`);
    for (const page of Object.values(pages)) await cardOf(page).waitFor({ timeout: patient(10_000) });

    await cardOf(pages.alice).getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => cardOf(pages.bob).locator('.holder-line').textContent(), { timeout: patient(10_000) }).toContain('Alice Martin has this call');
    expect(await cardOf(pages.bob).getByRole('button', { name: 'Take over' }).count()).toBe(0);
    await expect.poll(() => cardOf(pages.vera).locator('.presence-chip.holding').getAttribute('title'), { timeout: patient(5000) }).toBe('Alice Martin: has this call');

    // Bob cannot send speech through the API either.
    const bobApi = await pages.bob.evaluate(async (id) => {
      const csrf = await fetch('/api/team/me').then((r) => r.json()).then((me) => me.csrfToken);
      const r = await fetch(`/api/calls/${encodeURIComponent(id)}/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ type: 'say', text: 'hello' }) });
      return { status: r.status, error: (await r.json()).error };
    }, callId!);
    expect(bobApi.status).toBe(409);
    expect(bobApi.error).toContain('Alice Martin has this call');

    // Bob asks; Alice is prompted and hands over; Bob takes the call.
    await cardOf(pages.bob).getByRole('button', { name: 'Ask Alice Martin' }).click();
    await pages.alice.getByRole('button', { name: 'Hand over' }).click({ timeout: patient(10_000) });
    await cardOf(pages.bob).getByRole('button', { name: 'Take over' }).click({ timeout: patient(10_000) });
    await expect.poll(() => cardOf(pages.alice).locator('.holder-line').textContent(), { timeout: patient(10_000) }).toContain('Bob Durand has this call');

    // The viewer: no control on the page, 403 on every command through the API.
    expect(await cardOf(pages.vera).getByRole('button').allTextContents()).toEqual(['Details']);
    expect(await pages.vera.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    const veraStatuses = await pages.vera.evaluate(async (id) => {
      const csrf = await fetch('/api/team/me').then((r) => r.json()).then((me) => me.csrfToken);
      const commands = [{ type: 'break' }, { type: 'takeover' }, { type: 'handback' }, { type: 'say', text: 'x' }, { type: 'digits', digits: '1' }, { type: 'transfer', to: '+33123456789' }];
      const statuses: number[] = [];
      for (const command of commands) {
        const r = await fetch(`/api/calls/${encodeURIComponent(id)}/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(command) });
        statuses.push(r.status);
      }
      return statuses;
    }, callId!);
    expect(veraStatuses).toEqual([403, 403, 403, 403, 403, 403]);

    // The audit trail holds each step, in order.
    const trail = await admin.request('GET', `/api/team/audit?callId=${encodeURIComponent(callId!)}`);
    const steps = trail.body.entries.map((e: { actorName: string; action: string }) => `${e.actorName}:${e.action}`).filter((s: string) => !s.includes(':listen-') && !s.includes(':command'));
    expect(steps).toEqual(['Alice Martin:take-over', 'Bob Durand:ask-handover', 'Alice Martin:hand-back', 'Bob Durand:take-over']);
  });
});
