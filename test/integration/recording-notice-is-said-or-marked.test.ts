// The recording notice is said right after the greeting, in the call's language; a call where it
// was not played (it starts with a supervisor) is marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callDetail, callIn, startBotRig, type BotRig } from './support/bot.ts';
import { eventually } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ botGreeting: 'Bonjour.', botLanguage: 'fr', recordingNotice: 'en: This call is recorded.\nfr: Cet appel est enregistré.' });
});
afterAll(() => rig.stop());

describe('the recording notice', () => {
  it('follows the greeting in the call’s language, and the call says it was played', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      // Spoken sentence by sentence: the greeting, then the notice.
      await eventually(async () => expect(rig.openai.made('/v1/audio/speech').map((r) => r.body.input).join(' ')).toContain('Bonjour. Cet appel est enregistré.'), 10_000);
      await eventually(async () => expect((await callDetail(rig.engine, id)).call.recordingNotice).toBe(true), 5000);
    } finally {
      media.stop();
    }
  });

  it('is marked as not played on a call that starts with a supervisor', async () => {
    await rig.engine.settings.update({ callMode: 'human' });
    const { id, media } = await callIn(rig.engine);
    try {
      const { events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(detail.call.recordingNotice).toBe(false);
        return detail;
      }, 5000);
      expect(events.filter((e) => e.providerEvent === 'privacy.recording-notice').map((e) => e.detail)).toEqual([{ recordingNotice: false }]);
    } finally {
      media.stop();
      await rig.engine.settings.update({ callMode: null });
    }
  });
});
