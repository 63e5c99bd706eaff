// A PBX that suppresses silence sends nothing once the caller stops talking. The caller's turn
// still ends after RINGSIDE_TURN_SILENCE_MS of wall-clock silence: the bot transcribes and answers
// though no packet arrives after the caller's last word (with or without comfort noise first).
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUlaw } from '../../electron/engine/audio/g711.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { rtpBytes } from '../unit/engine/streamer/support/rtp-bytes.ts';
import { clip, startBotRig, type BotRig } from './support/bot.ts';
import { SECRETS } from './support/engine.ts';
import { until } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig(); // turnSilenceMs: 400
});
afterAll(() => rig.stop());

/**
 * A caller who says clip 0 as PCMU RTP at the pace a PBX sends it (20 ms packets, on a clock
 * like the simulator's), then, with `comfortNoise`, one CN packet, then nothing. Resolves once the
 * last packet went out, with when (performance.now()).
 */
async function sayThenStop(comfortNoise: boolean): Promise<{ ws: WebSocket; lastSentAt: number; speech: () => number }> {
  const ws = new WebSocket(`${rig.engine.publicUrl.replace(/^http/, 'ws')}/stream/${newCallId()}?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`);
  let speech = 0;
  ws.on('message', (data: Buffer) => (speech += String(data).includes('streamAudio') ? 1 : 0));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const samples = clip(0);
  const packets: Buffer[] = [];
  for (let i = 0; i < samples.length / 160; i++) {
    const payload = new Uint8Array(160).fill(0xff);
    payload.set(encodeUlaw(samples.subarray(i * 160, i * 160 + 160)));
    packets.push(rtpBytes({ pt: 0, seq: 1000 + i, ts: 160_000 + i * 160, ssrc: 0xbeef, payload, marker: i === 0 }));
  }
  if (comfortNoise) packets.push(rtpBytes({ pt: 13, seq: 1000 + packets.length, ts: 160_000 + packets.length * 160, ssrc: 0xbeef, payload: [0x40] }));
  const startedAt = performance.now();
  const lastSentAt = await new Promise<number>((resolve) => {
    let next = 0;
    const timer = setInterval(() => {
      while (next < packets.length && startedAt + next * 20 <= performance.now()) ws.send(packets[next++]!);
      if (next === packets.length) {
        clearInterval(timer);
        resolve(performance.now());
      }
    }, 5);
  });
  return { ws, lastSentAt, speech: () => speech };
}

describe('the bot on a line that suppresses silence', () => {
  it.each([
    ['after one comfort-noise packet', true],
    ['when the packets just stop', false],
  ])('ends the caller’s turn on wall-clock silence and answers, %s', async (_, comfortNoise) => {
    const caller = await sayThenStop(comfortNoise);
    try {
      // The caller's last words end a turn only after the last packet: nothing more ever arrives.
      const stt = await until(() => rig.openai.made('/v1/audio/transcriptions').find((r) => r.at > caller.lastSentAt), 5000, 'a speech-to-text request after the last packet');
      expect(stt.audioSeconds).toBeGreaterThan(0.5);
      await until(() => caller.speech() > 0 || undefined, 8000, 'the bot’s answer');
    } finally {
      caller.ws.close();
    }
  });
});
