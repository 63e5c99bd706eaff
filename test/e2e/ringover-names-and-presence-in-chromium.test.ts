// In Chromium, with Ringover's API played by the stand-in: a call whose webhooks carry only a number
// shows the contact's name (and company) from Ringover's contacts on its card, and the transfer form
// lists the team with their availability, an offline user listed and marked, never hidden.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { SECRETS } from '../integration/support/engine.ts';
import { startRingoverRig } from '../integration/support/ringover-engine.ts';
import { patient } from '../support/patience.ts';
import { launchChromium } from './support/chromium.ts';
import { card, consoleLink, screenshot } from './support/console-page.ts';
import { ensureWebBuild } from './support/web-build.ts';

let rig: Awaited<ReturnType<typeof startRingoverRig>>;
let browser: Browser;
let media: SimulatedMediaServer | undefined;

beforeAll(async () => {
  await ensureWebBuild();
  rig = await startRingoverRig();
  rig.fake.contacts = [{ contact_id: 7, concat_name: 'Alice Martin', company: 'Acme', numbers: [{ number: 33612345678, format: { e164: '+33612345678' } }] }];
  rig.fake.users = [
    { user_id: 11, concat_name: 'Bob Durand', numbers: [{ number: 33100000011 }] },
    { user_id: 12, concat_name: 'Claire Petit', numbers: [{ number: 33100000012 }] },
  ];
  rig.fake.presences = [{ user_id: 11, status: 'offline' }, { user_id: 12, status: 'available' }];
  browser = await launchChromium();
}, patient(120_000));

afterAll(async () => {
  media?.stop();
  await browser?.close();
  await rig?.stop();
});

describe('Ringover’s names and presence in the console', () => {
  it('shows the contact’s name on the card and marks an unavailable user in the transfer form', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await page.goto(consoleLink(rig.engine));
    const data = { callId: newCallId(), direction: 'in' as const, from: '+33612345678', to: '+33187654321' };
    const webhooks = new RingoverWebhookSender(rig.engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET);
    await webhooks.send('ringing', data);
    await webhooks.send('answered', data);
    media = await SimulatedMediaServer.connect({ target: rig.engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId: data.callId, clips: [] });
    media.startAudio();

    const shown = card(page, 'Alice Martin');
    await shown.waitFor({ timeout: patient(10_000) });
    await expect.poll(() => shown.locator('.sub').textContent(), { timeout: patient(5000) }).toContain('Acme');

    const transfer = shown.getByRole('button', { name: 'Transfer' });
    await expect.poll(() => transfer.isEnabled(), { timeout: patient(10_000) }).toBe(true);
    await transfer.click();
    const team = shown.getByRole('list', { name: 'Team members and numbers' });
    const bob = team.getByRole('listitem').filter({ hasText: 'Bob Durand' });
    await bob.waitFor({ timeout: patient(10_000) });
    expect(await bob.getAttribute('class')).toContain('unavailable');
    expect(await bob.textContent()).toContain('Offline');
    const claire = team.getByRole('listitem').filter({ hasText: 'Claire Petit' });
    expect(await claire.getAttribute('class')).toBeNull();
    expect(await claire.textContent()).toContain('Available');
    // Searchable: typing narrows the list, the unavailable user is still there when searched for.
    await shown.getByRole('searchbox', { name: 'Search the team' }).fill('bob');
    await expect.poll(() => team.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'ringover-names-and-presence');
  });
});
