// In real Chromium, with Ringover's API played by the stand-in: an administrator opens History's
// "Back-fill from Ringover", picks the days, and sees how many calls the log added; the calls are in
// the list at once, and a second back-fill adds none. A supervisor signed in on the team listener
// sees no such action (the operation is the administrator's). Axe-clean, in English and French.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS } from '../integration/support/engine.ts';
import { startRingoverRig } from '../integration/support/ringover-engine.ts';
import { TeamClient } from '../integration/support/team.ts';
import { patient } from '../support/patience.ts';
import { makeTestCertificate } from '../support/test-certificate.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { consoleLink, screenshot } from './support/console-page.ts';
import { ensureWebBuild } from './support/web-build.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

/** A call in Ringover's log, `hoursAgo` before now: answered, two minutes long. */
function logCall(i: number, hoursAgo: number): Record<string, unknown> {
  const start = Date.now() - hoursAgo * 3_600_000;
  const at = (ms: number) => new Date(start + ms).toISOString();
  return {
    cdr_id: 9100 + i,
    call_id: String(7_100_000_000_000_000_000n + BigInt(i)),
    direction: 'in',
    last_state: 'ANSWERED',
    is_answered: true,
    start_time: at(0),
    answered_time: at(10_000),
    end_time: at(120_000),
    incall_duration: 110,
    from_number: 33611110000 + i,
    to_number: 33100000001,
    user: { user_id: 42, concat_name: 'Chloé Agent' },
  };
}

describe.skipIf(missing)('back-fill from Ringover in History', () => {
  let rig: Awaited<ReturnType<typeof startRingoverRig>>;
  let browser: Browser;
  const tls = makeTestCertificate();

  beforeAll(async () => {
    await ensureWebBuild();
    rig = await startRingoverRig(undefined, { teamHost: '127.0.0.1', teamPort: 0, tlsCert: tls.certFile, tlsKey: tls.keyFile });
    // Three calls over the last two days, and one from 40 days ago, outside any range the form allows by default.
    rig.fake.calls = [logCall(1, 3), logCall(2, 26), logCall(3, 47), logCall(4, 40 * 24)];
    browser = await launchChromium();
  }, patient(120_000));

  afterAll(async () => {
    await browser?.close();
    await rig?.stop();
  });

  it('lets an administrator back-fill a range of days and says how many calls were added', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await page.goto(consoleLink(rig.engine));
    await page.evaluate(() => (location.hash = '#/history'));
    await page.getByText('No ended calls yet').waitFor({ timeout: patient(10_000) });

    const backfill = page.locator('details.backfill');
    await backfill.getByText('Back-fill from Ringover').click();
    // Days in this browser's time zone: from three days ago to today.
    const day = (daysAgo: number) => page.evaluate((n) => {
      const d = new Date();
      d.setDate(d.getDate() - n);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }, daysAgo);
    await backfill.getByLabel('From day').fill(await day(3));
    await backfill.getByLabel('To day').fill(await day(0));
    expect(await seriousViolations(page)).toEqual([]);
    await backfill.getByRole('button', { name: 'Back-fill' }).click();
    const said = backfill.getByRole('status');
    await expect.poll(() => said.textContent(), { timeout: patient(10_000) }).toBe('3 calls added from Ringover (0 completed, 3 in the log)');
    // The added calls are listed without a reload.
    await expect.poll(() => page.locator('table.calls tbody tr').count(), { timeout: patient(5000) }).toBe(3);
    expect(await page.locator('table.calls').textContent()).toContain('33611110001');
    // What the request carried: the days picked, from the first one's start.
    const asked = rig.fake.requests.filter((r) => r.path === '/calls').at(-1)!;
    expect(Date.parse(asked.query.start_date!)).toBe(await page.evaluate((d) => new Date(`${d}T00:00:00`).getTime(), await day(3)));
    await screenshot(page, 'history-back-fill');

    // Again: nothing is added twice.
    await backfill.getByRole('button', { name: 'Back-fill' }).click();
    await expect.poll(() => said.textContent(), { timeout: patient(10_000) }).toBe('0 calls added from Ringover (0 completed, 3 in the log)');
    expect(await page.locator('table.calls tbody tr').count()).toBe(3);

    await page.evaluate(() => localStorage.setItem('ringside.language', 'fr'));
    await page.reload();
    const fr = page.locator('details.backfill');
    await fr.getByText('Compléter depuis Ringover').click();
    await fr.getByRole('button', { name: 'Compléter' }).click();
    await expect.poll(() => fr.getByRole('status').textContent(), { timeout: patient(10_000) }).toBe('0 appel ajouté depuis Ringover (0 complétés, 3 dans le journal)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, patient(60_000));

  it('shows a supervisor no back-fill', async () => {
    const admin = new TeamClient(rig.engine.teamUrl!, { ca: tls.cert });
    await admin.request('POST', '/api/team/setup', { name: 'Ada Admin', password: 'admin-password-1' }, { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` });
    await admin.signIn('Ada Admin', 'admin-password-1');
    expect((await admin.request('POST', '/api/team/accounts', { name: 'Sam Supervisor', password: 'sam-password-12', role: 'supervisor' })).status).toBe(201);
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => void asked.push(new URL(request.url()).pathname));
    await page.goto(rig.engine.teamUrl!);
    await page.getByLabel('Name').fill('Sam Supervisor');
    await page.getByLabel('Password').fill('sam-password-12');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.signed-in').waitFor({ timeout: patient(10_000) });
    await page.evaluate(() => (location.hash = '#/history'));
    // The list is there (the calls the administrator back-filled); the back-fill is not.
    await expect.poll(() => page.locator('table.calls tbody tr').count(), { timeout: patient(10_000) }).toBe(3);
    expect(await page.locator('details.backfill').count()).toBe(0);
    expect(await page.getByText('Back-fill from Ringover').count()).toBe(0);
    // Hidden by the role, not by a refusal: the page does not even ask for the Ringover key's state.
    expect(asked.filter((path) => path.startsWith('/api/ringover'))).toEqual([]);
    // And the engine refuses it to a supervisor anyway.
    const sam = new TeamClient(rig.engine.teamUrl!, { ca: tls.cert });
    await sam.signIn('Sam Supervisor', 'sam-password-12');
    expect((await sam.request('POST', '/api/ringover/backfill', { from: new Date(Date.now() - 86_400_000).toISOString() })).status).toBe(403);
    await context.close();
  }, patient(60_000));
});
