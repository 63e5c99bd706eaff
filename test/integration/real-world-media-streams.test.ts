// Real-world media streams through the whole engine: RTP as PBXes send it (a key press in
// telephone events, silence suppression with comfort noise) and another provider's dialect
// (Twilio both_tracks), as the call's timeline, live feed, recording and commands show them. The
// streams' clock stands still, so the recordings hold exactly what the frames say.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../../shared/call.ts';
import { decodeG711, encodeUlaw, ULAW_TO_PCM } from '../../electron/engine/audio/g711.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { rtpBytes, toneEvent } from '../unit/engine/streamer/support/rtp-bytes.ts';
import { consoleGet, consolePost, SECRETS, startEngine } from './support/engine.ts';
import { eventually, openLive, until, type LiveFeed } from './support/live.ts';

let engine: Engine;
let live: LiveFeed;
beforeAll(async () => {
  engine = await startEngine({}, { streamNow: () => 1_700_000_000_000 });
  live = await openLive(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
});
afterAll(async () => {
  live.close();
  await engine.stop();
});

interface Stream {
  id: string;
  ws: WebSocket;
  received: string[];
  /** Closes the stream, hangs the call up, and returns its finished recording (left, right channels). */
  hangUp(frames: number): Promise<[Int16Array, Int16Array]>;
}

async function stream(): Promise<Stream> {
  const callId = newCallId();
  const id = `ringover-${callId}`;
  const ws = new WebSocket(`${engine.publicUrl.replace(/^http/, 'ws')}/stream/${callId}?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`);
  const received: string[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => isBinary || received.push(data.toString('utf8')));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    id,
    ws,
    received,
    async hangUp(frames) {
      ws.close();
      const sender = new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET);
      expect(await sender.send('hangup', { callId, direction: 'in', from: '+33600000001', to: '+33100000002' })).toBe(200);
      return until(() => {
        try {
          const wav = new wavefile.WaveFile(readFileSync(join(engine.config.dataDir, 'recordings', `${id}.wav`)));
          const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
          return channels[0]!.length >= frames ? ([channels[0]!, channels[1]!] as [Int16Array, Int16Array]) : undefined;
        } catch {
          return undefined;
        }
      }, 8000, 'the finished recording');
    },
  };
}

const detail = async (id: string) => (await consoleGet(engine, `/api/calls/${id}`)).body as { call: Call; events: CallEvent[] };
const tone = (level: number) => encodeUlaw(new Int16Array(160).fill(level));
const ulaw = (level: number) => decodeG711(encodeUlaw(Int16Array.of(level)), ULAW_TO_PCM)[0]!;

describe('RTP as PBXes send it', () => {
  it('a key press in PT 101 telephone events is one DTMF event on the timeline and the live feed, and no audio', async () => {
    const { id, ws, hangUp } = await stream();
    ws.send(rtpBytes({ pt: 0, seq: 300, ts: 48_000, ssrc: 0x5eed, payload: tone(1000) }));
    for (const [seq, end, duration] of [[301, false, 160], [302, false, 480], [303, true, 960], [304, true, 960], [305, true, 960]] as const) {
      ws.send(rtpBytes({ pt: 101, seq, ts: 48_160, ssrc: 0x5eed, payload: toneEvent(5, end, 10, duration), marker: seq === 301 }));
    }
    ws.send(rtpBytes({ pt: 0, seq: 306, ts: 49_120, ssrc: 0x5eed, payload: tone(1000) }));
    const { call, events } = await eventually(async () => {
      const got = await detail(id);
      expect(got.call.stream?.framesReceived).toBe(7);
      expect(got.events.filter((e) => e.providerEvent === 'stream.dtmf')).toHaveLength(1);
      return got;
    });
    expect(events.find((e) => e.providerEvent === 'stream.dtmf')?.detail).toEqual({ digit: '5' });
    expect(call.stream).toMatchObject({ framing: 'rtp', encoding: 'pcmu', dialect: 'ringover', framesLost: 0, framesMalformed: 0 });
    await until(() => live.messages.some((m) => m.type === 'event.appended' && m.event.callId === id && m.event.providerEvent === 'stream.dtmf') || undefined, 5000, 'the key on the live feed');
    expect(live.messages.filter((m) => m.type === 'event.appended' && m.event.callId === id && m.event.providerEvent === 'stream.dtmf')).toHaveLength(1);
    const [caller] = await hangUp(1280);
    expect(caller).toHaveLength(160 + 960 + 160); // the press lasted 960 samples: silence, not header bytes
    expect([...caller.subarray(160, 1120)].every((s) => s === 0)).toBe(true);
  });

  it('50 packets, comfort noise, 2 s of nothing, then seq+1 at ts+16,160 with the marker: a 4.0 s recording (± one packet)', async () => {
    const { id, ws, hangUp } = await stream();
    for (let i = 0; i < 50; i++) ws.send(rtpBytes({ pt: 0, seq: 65_510 + i, ts: 4_294_960_000 + i * 160, ssrc: 0xc0ffee, payload: tone(1500) }));
    ws.send(rtpBytes({ pt: 13, seq: 65_560, ts: 4_294_968_000, ssrc: 0xc0ffee, payload: [0x3c] }));
    for (let i = 0; i < 50; i++) ws.send(rtpBytes({ pt: 0, seq: (65_561 + i) & 0xffff, ts: (4_294_968_000 + 16_160 + i * 160) >>> 0, ssrc: 0xc0ffee, payload: tone(1500), marker: i === 0 }));
    const { call } = await eventually(async () => {
      const got = await detail(id);
      expect(got.call.stream?.framesReceived).toBe(101);
      return got;
    });
    expect(call.stream).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesLost: 0, framesMalformed: 0 });
    const [caller] = await hangUp(32_000);
    expect(Math.abs(caller.length / 8000 - 4.0)).toBeLessThanOrEqual(0.02);
    expect(caller.subarray(8000, 24_160).every((s) => s === 0)).toBe(true);
    expect(caller.subarray(24_160).every((s) => s === ulaw(1500))).toBe(true);
  });
});

describe('Twilio Media Streams', () => {
  const sid = 'MZ00000000000000000000000000000007';
  const start = JSON.stringify({ event: 'start', sequenceNumber: '1', start: { accountSid: 'AC00000000000000000000000000000000', streamSid: sid, callSid: 'CA00000000000000000000000000000007', tracks: ['inbound', 'outbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 }, customParameters: {} }, streamSid: sid });
  const media = (n: number, track: string, payload: Uint8Array) => JSON.stringify({ event: 'media', sequenceNumber: String(n + 2), media: { track, chunk: String(n + 1), timestamp: String(n * 20), payload: Buffer.from(payload).toString('base64') }, streamSid: sid });

  it('both_tracks: 1.00 s of caller audio for 1.00 s of call, the outbound track in the other channel', async () => {
    const { id, ws, hangUp } = await stream();
    ws.send('{"event":"connected","protocol":"Call","version":"1.0.0"}');
    ws.send(start);
    const outbound = encodeUlaw(Int16Array.from({ length: 160 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 400 * i) / 8000))));
    for (let i = 0; i < 50; i++) {
      ws.send(media(2 * i, 'inbound', tone(1000)));
      ws.send(media(2 * i + 1, 'outbound', outbound));
    }
    await eventually(async () => expect((await detail(id)).call.stream).toMatchObject({ dialect: 'twilio', framing: 'json', encoding: 'pcmu', framesReceived: 100 }));
    const [caller, agent] = await hangUp(8000);
    expect(caller.length).toBeLessThanOrEqual(8000 + 160); // the far end's last frame may end one frame after the caller's
    expect([...caller.subarray(0, 8000)].every((s) => s === ulaw(1000))).toBe(true); // only the inbound track
    expect([...caller.subarray(8000)].every((s) => s === 0)).toBe(true);
    const far = [...decodeG711(outbound, ULAW_TO_PCM)];
    expect([...agent.subarray(160, 320)]).toEqual(far); // the outbound track, a frame behind its inbound one
    expect(agent.subarray(160, 8160).reduce((n, s) => n + Math.abs(s), 0)).toBe(50 * far.reduce((n, s) => n + Math.abs(s), 0));
  });

  it('takes commands in its own dialect: break is clear, and DTMF is refused with what to do', async () => {
    const { id, ws, received, hangUp } = await stream();
    ws.send(start);
    ws.send(media(0, 'inbound', tone(1000)));
    await eventually(async () => expect((await detail(id)).call.stream?.dialect).toBe('twilio'));
    expect(await consolePost(engine, `/api/calls/${id}/commands`, { type: 'break' })).toMatchObject({ status: 202, body: { sent: true } });
    await until(() => received.length === 1 || undefined, 5000, 'the clear');
    expect(JSON.parse(received[0]!)).toEqual({ event: 'clear', streamSid: sid });
    expect(await consolePost(engine, `/api/calls/${id}/commands`, { type: 'digits', digits: '12#' })).toEqual(
      expect.objectContaining({ status: 409, body: { error: `call ${id}: the stream speaks Twilio Media Streams, which has no message to send DTMF: send the digits with the provider's call API` } }),
    );
    const speech = Buffer.from(new Int16Array(800).fill(2000).buffer).toString('base64'); // 100 ms at 8 kHz
    expect(await consolePost(engine, `/api/calls/${id}/commands`, { type: 'streamAudio', sampleRate: 8000, audioDataType: 'raw', audio: speech })).toMatchObject({ status: 202 });
    await until(() => received.filter((r) => r.includes('"media"')).length >= 2 || undefined, 5000, 'the speech as media frames');
    const frame = JSON.parse(received.find((r) => r.includes('"media"'))!) as { event: string; streamSid: string; media: { payload: string } };
    expect(frame).toMatchObject({ event: 'media', streamSid: sid });
    expect([...decodeG711(Buffer.from(frame.media.payload, 'base64'), ULAW_TO_PCM)].every((s) => s === ulaw(2000))).toBe(true);
    expect(received.some((r) => r.includes('streamAudio'))).toBe(false);
    await hangUp(160);
  });
});
