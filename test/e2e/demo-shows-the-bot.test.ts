// The console in real Chromium with no AI model configured and the demo running: a demo call's
// card shows the bot talking (the caller's words and the bot's answer, from the built-in demo
// models) and says "Demo models", as the status bar does.
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { chromiumMissing } from './support/chromium.ts';
import { card, screenshot, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('the demo without a model, in the console', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started), { models: false });

  it('shows the bot’s transcript on a demo call’s card and says the demo models answer', async () => {
    rig.engine.demo.start(1); // the script's first situation: a caller asks about an order (Claire Dubois)
    const claire = card(rig.page, 'Claire Dubois');
    await claire.waitFor({ timeout: patient(20_000) });
    await expect.poll(() => claire.textContent(), { timeout: patient(40_000) }).toMatch(/Your parcel left our warehouse/);
    const text = await claire.textContent();
    expect(text).toMatch(/calling about my order/);
    expect(text).toContain('Demo models');
    expect(text).not.toContain('Monitor only');
    await expect.poll(() => rig.page.getByRole('contentinfo').textContent(), { timeout: patient(5000) }).toContain('Bot: Demo models');
    await screenshot(rig.page, 'demo-shows-the-bot');
    await rig.engine.demo.stop();
  }, patient(90_000));
});
