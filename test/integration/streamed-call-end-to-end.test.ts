import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeaksMessage } from '../../shared/api.ts';
import type { Call, CallEvent } from '../../shared/call.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { encodeWav } from '../../electron/engine/audio/wav.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender, type RingoverCallData } from '../../electron/engine/simulator/webhook-sender.ts';
import { consoleGet, consolePost, SECRETS, startEngine } from './support/engine.ts';
import { eventually, openLive, until, type LiveFeed } from './support/live.ts';

let engine: Engine;
let webhooks: RingoverWebhookSender;
let live: LiveFeed;

beforeAll(async () => {
  engine = await startEngine();
  webhooks = new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET);
  live = await openLive(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
});
afterAll(async () => {
  live.close();
  await engine.stop();
});

const callData = (callId = newCallId()): RingoverCallData => ({ callId, direction: 'in', from: '+33612345678', to: '+33187654321', fromName: 'Claire Dubois' });
const getCall = async (id: string) => (await consoleGet(engine, `/api/calls/${id}`)).body as { call: Call; events: CallEvent[] };

/** A call announced by webhooks, then streamed by a simulated media server. */
async function streamedCall(): Promise<{ id: string; data: RingoverCallData; media: SimulatedMediaServer }> {
  const data = callData();
  expect(await webhooks.send('ringing', data)).toBe(200);
  expect(await webhooks.send('answered', data)).toBe(200);
  const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId: data.callId, clips: loadClips() });
  media.startAudio();
  return { id: `ringover-${data.callId}`, data, media };
}

describe('a streamed call, end to end', () => {
  it('joins the webhook call, shows its stream, and feeds waveform peaks to the live view', async () => {
    const { id, media } = await streamedCall();
    try {
      const peaks = await until(
        () => live.messages.flatMap((m) => (m.type === 'audio.peaks' ? m.calls : [])).find((p) => p.callId === id && p.caller.some((v) => v > 0)),
        8000,
        'caller peaks',
      );
      expect(peaks.startMs % 20).toBe(0);
      expect(peaks.agent).toHaveLength(peaks.caller.length);
      const { call } = await getCall(id);
      expect(call).toMatchObject({ state: 'in-progress', from: { number: '+33612345678', name: 'Claire Dubois' } });
      expect(call.stream).toMatchObject({ state: 'connected', framing: 'rtp', encoding: 'pcmu', sampleRate: 8000, framesLost: 0, framesMalformed: 0, connections: 1 });
      expect(call.stream!.framesReceived).toBeGreaterThan(0);
      expect(Date.parse(call.stream!.lastFrameAt!)).toBeGreaterThan(Date.now() - 5000);
    } finally {
      media.stop();
    }
  });

  it('starts a console that opens a running call with its recent peaks, right after the calls, then goes on from there', async () => {
    const { id, media } = await streamedCall();
    try {
      const published = () => live.messages.flatMap((m) => (m.type === 'audio.peaks' ? m.calls : [])).filter((p) => p.callId === id);
      await until(() => published().reduce((n, p) => n + p.caller.length, 0) >= 50 || undefined, 8000, 'a second of peaks'); // 20 ms each
      const late = await openLive(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
      try {
        await until(() => late.messages.filter((m) => m.type === 'audio.peaks').length >= 2 || undefined, 5000, 'the opening peaks and a live batch');
        const opening = late.messages.findIndex((m) => m.type !== 'call.updated');
        expect(opening).toBeGreaterThan(0); // the live calls first
        const first = late.messages[opening]!;
        expect(first.type).toBe('audio.peaks');
        const recent = (first as PeaksMessage).calls.find((p) => p.callId === id)!;
        // All of this call so far (it is under a minute old), as the first console drew it.
        expect(recent.startMs).toBe(0);
        expect(recent.caller.length).toBeGreaterThanOrEqual(50);
        const drawn = published().flatMap((p) => p.caller).slice(0, recent.caller.length);
        expect(recent.caller).toEqual(drawn);
        const next = late.messages
          .slice(opening + 1)
          .flatMap((m) => (m.type === 'audio.peaks' ? m.calls : []))
          .find((p) => p.callId === id)!;
        expect(next.startMs).toBe(recent.startMs + recent.caller.length * 20); // no gap, no overlap
      } finally {
        late.close();
      }
    } finally {
      media.stop();
    }
  });

  it('delivers every command to the media server byte-exact, and logs it with its origin', async () => {
    const { id, media } = await streamedCall();
    try {
      const sent = [
        [{ type: 'digits', digits: '0123#' }, '{"event":"digits","data":"0123#"}'],
        [{ type: 'transfer', to: '+33 1 23 45 67 89' }, '{"event":"transfer","data":"+33123456789"}'],
      ] as const;
      // transfer ends the simulated call, so it goes last; break and play first.
      const first = [
        [{ type: 'break' }, '{"event":"break"}'],
        [{ type: 'play', url: 'https://cdn.example/hold-music.mp3' }, '{"event":"play","file":"https://cdn.example/hold-music.mp3"}'],
        [{ type: 'streamAudio', sampleRate: 8000, audioDataType: 'mp3', audio: 'SUQzBAAAAAAA' }, '{"type":"streamAudio","data":{"audioDataType":"mp3","sampleRate":8000,"audioData":"SUQzBAAAAAAA"}}'],
      ] as const;
      for (const [command] of [...first, ...sent]) {
        expect(await consolePost(engine, `/api/calls/${id}/commands`, command)).toMatchObject({ status: 202, body: { sent: true } });
      }
      await until(() => media.received.length >= 5 || undefined, 5000, 'five messages');
      expect(media.received.map((r) => r.text)).toEqual([...first, ...sent].map(([, wire]) => wire));
      expect(media.digits).toEqual(['0123#']);
      expect(media.transferredTo).toBe('+33123456789');

      const commands = await eventually(async () => {
        const logged = (await getCall(id)).events.filter((e) => e.type === 'command');
        expect(logged.map((e) => (e.detail as { command: { type: string } }).command.type)).toEqual(['break', 'play', 'streamAudio', 'digits', 'transfer']);
        return logged;
      });
      expect(commands.every((e) => (e.detail as { origin: string }).origin === 'supervisor')).toBe(true);
      expect(live.messages.some((m) => m.type === 'event.appended' && m.event.callId === id && m.event.type === 'command')).toBe(true);
    } finally {
      media.stop();
    }
  });

  it('paces raw speech in chunks that add up, byte for byte, to what was sent, and records it', async () => {
    const { id, media } = await streamedCall();
    try {
      const speech = Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin(i / 5))); // 1 s at 8 kHz
      const reply = await consolePost(engine, `/api/calls/${id}/commands`, {
        type: 'streamAudio',
        sampleRate: 8000,
        audioDataType: 'raw',
        audio: Buffer.from(speech.buffer).toString('base64'),
      });
      expect(reply).toMatchObject({ status: 202, body: { sent: true, durationMs: 1000 } });
      await until(() => media.speech.reduce((n, s) => n + s.samples.length, 0) >= 8000 || undefined, 5000, 'all the speech');
      const chunks = media.speech.map((s) => s.samples);
      expect(chunks.every((c) => c.length === 320 || c === chunks.at(-1))).toBe(true); // 40 ms chunks
      const received = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) (received.set(c, at), (at += c.length));
      expect(Array.from(received)).toEqual(Array.from(speech));
      const spread = media.speech.at(-1)!.at - media.speech[0]!.at;
      expect(spread).toBeGreaterThan(700); // paced over about a second, not sent at once
    } finally {
      media.stop();
    }
  });

  it('turns a WAV into paced speech at the declared rate', async () => {
    const { id, media } = await streamedCall();
    try {
      const wav = encodeWav(new Int16Array(16000).fill(1000), 16000); // 1 s at 16 kHz
      const reply = await consolePost(engine, `/api/calls/${id}/commands`, { type: 'streamAudio', sampleRate: 8000, audioDataType: 'wav', audio: wav.toString('base64') });
      expect(reply.body).toMatchObject({ sent: true, durationMs: 1000 });
      await until(() => media.speech.reduce((n, s) => n + s.samples.length, 0) >= 8000 || undefined, 5000, 'the speech');
      expect(media.speech.every((s) => s.sampleRate === 8000)).toBe(true);
    } finally {
      media.stop();
    }
  });

  it('answers 404 for an unknown call, 409 without a live stream, 400 for a bad command', async () => {
    expect(await consolePost(engine, '/api/calls/ringover-1/commands', { type: 'break' })).toMatchObject({ status: 404 });
    const data = callData();
    await webhooks.send('ringing', data);
    const noStream = await consolePost(engine, `/api/calls/ringover-${data.callId}/commands`, { type: 'break' });
    expect(noStream).toMatchObject({ status: 409, body: { error: expect.stringMatching(/no live stream/) } });
    expect(await consolePost(engine, `/api/calls/ringover-${data.callId}/commands`, { type: 'digits', digits: '12x' })).toMatchObject({
      status: 400,
      body: { error: 'digits must be 1 to 32 of 0-9, *, #, A-D' },
    });
    expect(await consolePost(engine, `/api/calls/ringover-${data.callId}/commands`, '{"type":')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^malformed JSON/) } });
  });

  it('records both sides to a stereo WAV as long as the stream, playable from the console', async () => {
    const { id, data, media } = await streamedCall();
    await until(() => media.sentAt.length >= 75 || undefined, 5000, '1.5 s of caller audio'); // 20 ms packets
    media.stop();
    expect(await webhooks.send('hangup', data)).toBe(200);
    const packets = media.sentAt.length;
    const recorded = await until(() => {
      const file = join(engine.config.dataDir, 'recordings', `${id}.wav`);
      try {
        const wav = new wavefile.WaveFile(readFileSync(file));
        const frames = (wav.getSamples(false, Int16Array) as unknown as Int16Array[])[0]!.length;
        return frames >= packets * 160 ? { wav, frames } : undefined;
      } catch {
        return undefined;
      }
    }, 8000, 'the finished recording');
    expect((recorded.wav.fmt as { numChannels: number; sampleRate: number }).numChannels).toBe(2);
    expect(recorded.frames).toBe(packets * 160);
    const res = await fetch(`${engine.consoleUrl}/api/calls/${id}/recording?token=${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, { headers: { range: 'bytes=0-43' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    const { call } = await eventually(async () => {
      const detail = await getCall(id);
      expect(detail.call.recording?.durationSeconds).toBeCloseTo(packets * 0.02, 1);
      return detail;
    });
    expect(call.state).toBe('ended');
  });

  it('ends a transferred call as transferred', async () => {
    const { id, data, media } = await streamedCall();
    await consolePost(engine, `/api/calls/${id}/commands`, { type: 'transfer', to: '+33999999999' });
    expect(await media.ended).toBe('transferred');
    expect(await webhooks.send('hangup', data)).toBe(200);
    await eventually(async () => {
      expect((await getCall(id)).call).toMatchObject({ state: 'ended', outcome: 'transferred', transferredTo: '+33999999999' });
    });
  });
});
