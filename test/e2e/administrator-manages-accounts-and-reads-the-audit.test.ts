// An administrator's pages in real Chromium, on one engine's team listener (HTTPS, test certificate):
// Accounts (invite with a role by keyboard, change a role, disable, reset a password, list and revoke
// sessions — each change takes effect on the server at once) and the Audit trail (filtered by person,
// call, action and date, exported as CSV and JSON); both axe-clean in English and French; a
// supervisor sees neither. Saving a transcript from a call's detail is recorded by the engine.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { SECRETS, startEngine } from '../integration/support/engine.ts';
import { TeamClient } from '../integration/support/team.ts';
import { patient } from '../support/patience.ts';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { ensureWebBuild } from './support/web-build.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

const ADA = { name: 'Ada Admin', password: 'admin-password-1' };
const BOB = { name: 'Bob Durand', password: 'bob-password-123', role: 'supervisor' };

describe.skipIf(missing)('an administrator’s Accounts and Audit trail pages', () => {
  let tls: TestCertificate;
  let engine: Engine;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: TeamClient;
  const client = () => new TeamClient(engine.teamUrl!, { ca: tls.cert });

  beforeAll(async () => {
    await ensureWebBuild();
    tls = makeTestCertificate();
    engine = await startEngine({ teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile }, { demo: true });
    api = client();
    await api.request('POST', '/api/team/setup', ADA, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
    await api.signIn(ADA.name, ADA.password);
    expect((await api.request('POST', '/api/team/accounts', BOB)).status).toBe(201);
    browser = await launchChromium();
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
    // Every step's bound is a quiet machine's, made patient (this machine is shared).
    context.setDefaultTimeout(patient(10_000));
    page = await context.newPage();
    await page.goto(engine.teamUrl!);
    await page.getByLabel('Name').fill(ADA.name);
    await page.getByLabel('Password').fill(ADA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.signed-in').waitFor({ timeout: patient(10_000) });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await engine?.stop();
  });

  const accountOf = async (name: string) => (await api.request('GET', '/api/team/accounts')).body.accounts.find((a: { name: string }) => a.name === name);
  const status = () => page.locator('.team-admin > .feedback');

  it('invites by keyboard, changes a role, resets a password, disables, and revokes a session', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Invite a colleague' }).waitFor();

    // Invite Carla with the keyboard only: type, Tab to the role, arrow to "viewer", Tab, type, Enter.
    await page.getByRole('textbox', { name: 'Name' }).focus();
    await page.keyboard.type('Carla Chen');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Home'); // the first role: viewer
    await page.keyboard.press('Tab');
    await page.keyboard.type('carla-first-pass');
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent(), { timeout: patient(10_000) }).toContain('Carla Chen can now sign in');
    expect(await accountOf('Carla Chen')).toMatchObject({ role: 'viewer', disabled: false, mustChangePassword: true });
    const carlaRow = page.locator('tr[data-account="Carla Chen"]');
    await carlaRow.waitFor();

    // Change her role to supervisor (a button confirms it: moving through the list changes nothing).
    await page.getByLabel('Role of Carla Chen').selectOption('supervisor');
    expect((await accountOf('Carla Chen')).role).toBe('viewer');
    await carlaRow.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(async () => (await accountOf('Carla Chen')).role, { timeout: patient(5000) }).toBe('supervisor');

    // Reset her password: the new one works, the first one no longer does.
    await page.getByRole('button', { name: 'Reset password of Carla Chen' }).click();
    await page.getByLabel('New password for Carla Chen').fill('carla-second-pass');
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent(), { timeout: patient(5000) }).toContain('The password of Carla Chen is reset');
    expect((await client().signIn('Carla Chen', 'carla-first-pass')).status).toBe(401);
    const carla = client();
    expect((await carla.signIn('Carla Chen', 'carla-second-pass')).status).toBe(200);

    // Her session is listed (after the page reads the lists again); Revoke ends it at once.
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    const revoke = page.getByRole('button', { name: /^Revoke the session of Carla Chen/ });
    await revoke.click({ timeout: patient(10_000) });
    await expect.poll(async () => (await carla.request('GET', '/api/team/me')).status, { timeout: patient(5000) }).toBe(401);

    // Bob signed in as the desktop app; disabling him stops his token at once.
    const bob = client();
    expect((await bob.signIn(BOB.name, BOB.password, 'desktop')).status).toBe(200);
    expect((await bob.request('GET', '/api/team/me')).status).toBe(200);
    await page.getByRole('button', { name: 'Disable Bob Durand' }).click();
    await expect.poll(async () => (await bob.request('GET', '/api/team/me')).status, { timeout: patient(5000) }).toBe(401);
    await page.locator('tr[data-account="Bob Durand"]').getByText('Disabled').waitFor();
    await page.getByRole('button', { name: 'Enable Bob Durand' }).click();
    await expect.poll(async () => (await accountOf(BOB.name)).disabled, { timeout: patient(5000) }).toBe(false);
    // An administrator cannot disable or demote themself from here.
    expect(await page.getByRole('button', { name: 'Disable Ada Admin' }).count()).toBe(0);
    expect(await page.getByLabel('Role of Ada Admin').isDisabled()).toBe(true);
  });

  it('saves a transcript from a call’s detail and the engine records it', async () => {
    let callId: string | undefined;
    await expect.poll(async () => (callId = (await engine.api.listCalls({ state: 'live' })).calls[0]?.id), { timeout: patient(20_000) }).toBeTruthy();
    await page.goto(`${engine.teamUrl}/#/calls/${encodeURIComponent(callId!)}`);
    const txt = page.getByRole('group', { name: 'Export:' }).getByRole('button', { name: 'TXT' });
    await txt.waitFor({ timeout: patient(30_000) });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: patient(10_000) }), txt.click()]);
    expect(download.suggestedFilename()).toBe(`ringside-${callId}.txt`);
    const trail = await api.request('GET', `/api/team/audit?action=transcript-export&callId=${encodeURIComponent(callId!)}`);
    expect(trail.body.entries).toEqual([expect.objectContaining({ actorName: ADA.name, detail: { format: 'txt' } })]);
  });

  it('filters the audit trail by person, action, call and date, and exports what it shows', async () => {
    await page.goto(`${engine.teamUrl}/#/team/audit`);
    const rows = page.locator('table.audit-entries tbody tr');
    await rows.first().waitFor({ timeout: patient(10_000) });

    await page.getByLabel('Person').fill('Carla Chen');
    await page.getByLabel('Action').selectOption({ label: 'Sign-in refused' });
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => rows.count(), { timeout: patient(5000) }).toBe(1);
    expect(await rows.first().getAttribute('data-action')).toBe('sign-in-failed');

    // By action alone: every account change of the first test, newest first.
    await page.getByLabel('Person').fill('');
    await page.getByLabel('Action').selectOption({ label: 'Reset a password' });
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => rows.allTextContents(), { timeout: patient(5000) }).toEqual([expect.stringContaining('Carla Chen')]);

    // By date: today has them, yesterday has none.
    const day = (offset: number) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await page.getByLabel('From').fill(day(-1));
    await page.getByLabel('To').fill(day(-1));
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText('No entry matches.').waitFor({ timeout: patient(5000) });
    await page.getByLabel('To').fill(day(0));
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => rows.count(), { timeout: patient(5000) }).toBe(1);

    // The exports carry exactly what the page shows.
    const csv = await page.evaluate(async () => (await fetch((document.querySelector('a[download="ringside-audit.csv"]') as HTMLAnchorElement).href)).text());
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actorId,actorName,address,action,callId,detail');
    expect(lines.slice(1)).toEqual([expect.stringContaining(',password-reset,')]);
    const json = await page.evaluate(async () => (await fetch((document.querySelector('a[download="ringside-audit.json"]') as HTMLAnchorElement).href)).json());
    expect(json.entries.map((e: { action: string; detail: { name: string } }) => [e.action, e.detail.name])).toEqual([['password-reset', 'Carla Chen']]);

    // By call: the transcript export of the second test, linked to its call.
    await page.getByRole('button', { name: 'Clear' }).click();
    const callId = (await api.request('GET', '/api/team/audit?action=transcript-export')).body.entries[0].callId as string;
    await page.getByLabel('Call').fill(callId);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(async () => [...new Set(await rows.locator('td:nth-child(4)').allTextContents())], { timeout: patient(5000) }).toEqual([callId]);
    expect(await rows.allTextContents()).toContainEqual(expect.stringContaining('Exported a transcript'));
  });

  it('is axe-clean in English and French', async () => {
    for (const language of ['en', 'fr'] as const) {
      await page.evaluate((chosen) => localStorage.setItem('ringside.language', chosen), language);
      for (const view of ['accounts', 'audit']) {
        await page.goto(`${engine.teamUrl}/#/team/${view}`);
        await page.reload(); // a new hash alone is no new page: reload so the language is read again
        await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
        await page.locator('.team-admin table').first().waitFor({ timeout: patient(10_000) });
        expect(await seriousViolations(page), `${view} in ${language}`).toEqual([]);
      }
    }
    expect(await page.getByRole('heading', { name: 'Journal d’audit' }).count()).toBe(1);
    await page.evaluate(() => localStorage.removeItem('ringside.language'));
  });

  it('shows a supervisor neither page, and the server refuses them', async () => {
    const bobContext = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US' });
    bobContext.setDefaultTimeout(patient(10_000));
    try {
      const bobPage = await bobContext.newPage();
      await bobPage.goto(`${engine.teamUrl}/#/team/accounts`);
      await bobPage.getByLabel('Name').fill(BOB.name);
      await bobPage.getByLabel('Password').fill(BOB.password);
      await bobPage.getByRole('button', { name: 'Sign in' }).click();
      await bobPage.locator('.signed-in').waitFor({ timeout: patient(10_000) });
      expect(await bobPage.getByRole('link', { name: 'Accounts' }).count()).toBe(0);
      expect(await bobPage.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
      expect(await bobPage.locator('.team-admin').count()).toBe(0);
      expect(await bobPage.evaluate(async () => (await fetch('/api/team/audit')).status)).toBe(403);
    } finally {
      await bobContext.close();
    }
  });
});
