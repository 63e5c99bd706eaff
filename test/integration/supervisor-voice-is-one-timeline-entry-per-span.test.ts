// A supervisor's take-over voice arrives in 100 ms pieces; the call's timeline keeps one entry per
// span of speech (hand back, or the call ending, closes it), with the span's whole length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../../shared/call.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { consoleGet, consolePost, SECRETS, startEngine } from './support/engine.ts';
import { eventually } from './support/live.ts';

let engine: Engine;
let webhooks: RingoverWebhookSender;

beforeAll(async () => {
  engine = await startEngine();
  webhooks = new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET);
});
afterAll(() => engine.stop());

async function streamedCall(): Promise<{ id: string; media: SimulatedMediaServer }> {
  const data = { callId: newCallId(), direction: 'in' as const, from: '+33612345678', to: '+33187654321' };
  expect(await webhooks.send('ringing', data)).toBe(200);
  expect(await webhooks.send('answered', data)).toBe(200);
  const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId: data.callId, clips: loadClips() });
  media.startAudio();
  return { id: `ringover-${data.callId}`, media };
}

/** 100 ms of a supervisor's microphone at 16 kHz, as the console sends it. */
const piece = Buffer.from(new Int16Array(1600).fill(500).buffer).toString('base64');
const command = (id: string, body: unknown) => consolePost(engine, `/api/calls/${id}/commands`, body);
const speak = (id: string) => command(id, { type: 'streamAudio', sampleRate: 16000, audioDataType: 'raw', audio: piece });

const voiceEvents = async (id: string) =>
  ((await consoleGet(engine, `/api/calls/${id}`)).body as { call: Call; events: CallEvent[] }).events.filter(
    (e) => e.type === 'command' && (e.detail?.command as { type: string }).type === 'streamAudio',
  );

describe('a supervisor’s voice on the timeline', () => {
  it('stores 10 s of take-over audio as one span event, closed by the hand back', async () => {
    const { id, media } = await streamedCall();
    try {
      expect((await command(id, { type: 'takeover' })).status).toBe(202);
      for (let i = 0; i < 100; i++) expect((await speak(id)).body).toMatchObject({ sent: true, durationMs: 100 });
      expect(await voiceEvents(id)).toEqual([]); // the span is still open
      expect((await command(id, { type: 'handback' })).status).toBe(202);
      const [span, ...more] = await eventually(async () => {
        const events = await voiceEvents(id);
        expect(events.length).toBeGreaterThan(0);
        return events;
      });
      expect(more).toEqual([]);
      expect(span!.providerEvent).toBe('command.streamAudio');
      expect(span!.detail).toMatchObject({ origin: 'supervisor', command: { type: 'streamAudio', durationMs: 10_000, audioBytes: 320_000, sampleRate: 16000 } });
      const { startedAt, endedAt, pieces } = span!.detail!.span as { startedAt: string; endedAt: string; pieces: number };
      expect(pieces).toBe(100);
      expect(span!.occurredAt).toBe(startedAt);
      expect(Date.parse(endedAt) - Date.parse(startedAt)).toBeGreaterThanOrEqual(10_000);
    } finally {
      media.stop();
    }
  });

  it('closes the span when the call’s stream ends', async () => {
    const { id, media } = await streamedCall();
    for (let i = 0; i < 20; i++) await speak(id);
    media.stop();
    const events = await eventually(async () => {
      const found = await voiceEvents(id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0]!.detail).toMatchObject({ origin: 'supervisor', command: { durationMs: 2000 } });
  });
});
