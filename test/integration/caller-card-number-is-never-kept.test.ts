// A caller reads out a card number to the bot: every line anyone sees or keeps says `[card number]`
// (the live feed, the stored transcript, the summary's input, the model's later turns), the bot
// still gets the digits within its own turn, and the recording holds silence from the start of that
// line until the caller goes on without a number; the timeline says who paused it. The bot's tools
// and a supervisor pause it too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent, Utterance } from '../../shared/call.ts';
import { recordingFile } from '../../electron/engine/audio/recording-files.ts';
import { botQuiet, callDetail, callIn, fixture, hangUp, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { consolePost } from './support/engine.ts';
import { eventually } from './support/live.ts';

const CARD = '4532 0151 1283 0366';
const DIGITS = '4532015112830366';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig();
});
afterAll(() => rig.stop());
afterEach(() => {
  rig.openai.transcripts.length = 0;
  rig.openai.replies.length = 0;
});

async function callerSays(media: Awaited<ReturnType<typeof callIn>>['media'], transcript: string, reply?: Parameters<BotRig['openai']['replies']['push']>[0]): Promise<void> {
  rig.openai.transcripts.push(transcript);
  if (reply) rig.openai.replies.push(reply);
  await media.speak(fixture('short-yes.wav'));
}

const pauses = (events: CallEvent[]) =>
  events.filter((e) => e.providerEvent.startsWith('recording.')).map((e) => ({ what: e.providerEvent, by: (e.detail!.recordingPause as { by: string }).by }));

/** The largest sample of the recording between two times (ms), both channels. */
function loudest(id: string, fromMs: number, toMs: number): number {
  const wav = readFileSync(recordingFile(join(rig.engine.config.dataDir, 'recordings'), id));
  const rate = wav.readUInt32LE(24);
  const samples = new Int16Array(wav.buffer, wav.byteOffset + 44, (wav.length - 44) >> 1);
  let peak = 0;
  for (let i = Math.floor((fromMs * rate) / 1000) * 2; i < Math.min(samples.length, Math.ceil((toMs * rate) / 1000) * 2); i++) peak = Math.max(peak, Math.abs(samples[i]!));
  return peak;
}

describe('a card number read out to the bot', () => {
  it('is shown and kept as [card number], paused out of the recording, and out of the model’s later turns', async () => {
    const { id, media } = await callIn(rig.engine);
    // Each line once the bot has answered the one before (speech over the bot's would be a backchannel).
    const exchange = async (transcript: string, reply: string, turn: number) => {
      await callerSays(media, transcript, { text: reply });
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).filter((u) => u.speaker === 'bot')).toHaveLength(turn), 10_000);
      await botQuiet(media);
    };
    await exchange('Hello, I want to pay my bill.', 'Sure.', 1);
    await exchange(`My card number is ${CARD}.`, 'Thank you.', 2);
    await exchange('That is all, thanks.', 'Goodbye.', 3);
    const { events } = await eventually(async () => {
      const detail = await callDetail(rig.engine, id);
      expect(utterances(detail.events).filter((u) => u.speaker === 'caller')).toHaveLength(3);
      expect(pauses(detail.events)).toEqual([
        { what: 'recording.paused', by: 'auto' },
        { what: 'recording.resumed', by: 'auto' },
      ]);
      return detail;
    }, 15_000);
    const lines = utterances(events).filter((u) => u.speaker === 'caller');
    expect(lines[1]!.text).toBe('My card number is [card number].');

    // The bot had the digits in the turn they were said in, never after.
    const chats = rig.openai.made('/v1/chat/completions').map((r) => JSON.stringify(r.body));
    expect(chats[1]).toContain(CARD);
    expect(chats[2]).not.toContain(CARD);
    expect(chats[2]).toContain('[card number]');

    // The recording: the caller's first line is there, the card line is silence.
    await hangUp(rig.engine, media);
    const card = lines[1] as Utterance;
    await eventually(async () => expect((await callDetail(rig.engine, id)).call.summary).toBeDefined(), 10_000);
    expect(loudest(id, lines[0]!.startMs, lines[0]!.endMs!)).toBeGreaterThan(1000);
    expect(loudest(id, card.startMs, card.endMs!)).toBe(0);

    // Nothing anyone saw or kept holds the digits: the live feed, the timeline, the summary's input.
    const seen = JSON.stringify(rig.live.messages) + JSON.stringify((await callDetail(rig.engine, id)).events);
    expect(seen).not.toContain(CARD);
    expect(seen).not.toContain(DIGITS);
    const summaryInput = JSON.stringify(rig.openai.summaries.at(-1)?.body);
    expect(summaryInput).toContain('[card number]');
    expect(summaryInput).not.toContain(CARD);
  }, 60_000);

  it('is paused by the bot’s tool and by a supervisor, and the timeline says who', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await callerSays(media, 'I would like to pay by card.', { text: 'Of course, go ahead.', toolCalls: [{ name: 'pause_recording', arguments: {} }] });
      await eventually(async () => expect(pauses((await callDetail(rig.engine, id)).events)).toEqual([{ what: 'recording.paused', by: 'bot' }]), 10_000);
      expect((await callDetail(rig.engine, id)).call.recordingPaused).toBe(true);
      const resumed = await consolePost(rig.engine, `/api/calls/${id}/recording-pause`, { paused: false });
      expect(resumed).toMatchObject({ status: 200, body: { paused: false } });
      await eventually(async () => expect(pauses((await callDetail(rig.engine, id)).events).at(-1)).toEqual({ what: 'recording.resumed', by: 'supervisor' }), 5000);
      expect((await callDetail(rig.engine, id)).call.recordingPaused).toBe(false);
    } finally {
      media.stop();
    }
    const gone = await consolePost(rig.engine, '/api/calls/ringover-unknown-call/recording-pause', { paused: true });
    expect(gone.status).toBe(404);
  }, 30_000);
});
