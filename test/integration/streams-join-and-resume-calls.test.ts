import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Call, CallEvent } from '../../shared/call.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { encodeUlaw } from '../../electron/engine/audio/g711.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { consoleGet, SECRETS, startEngine } from './support/engine.ts';
import { eventually } from './support/live.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

const getCall = async (id: string) => (await consoleGet(engine, `/api/calls/${id}`)).body as { call: Call; events: CallEvent[] };

/** A bare media-server socket, for frames the simulator does not send. */
function rawSocket(path: string): Promise<WebSocket> {
  const ws = new WebSocket(`${engine.publicUrl.replace('http', 'ws')}${path}${path.includes('?') ? '&' : '?'}token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const closed = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

describe('streams and calls', () => {
  it('creates the call when a stream arrives before (or without) any webhook', async () => {
    const callId = newCallId();
    const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips() });
    media.startAudio();
    try {
      const { call, events } = await eventually(async () => {
        const detail = await getCall(`ringover-${callId}`);
        expect(detail.call.stream?.framesReceived).toBeGreaterThan(0);
        return detail;
      });
      expect(call).toMatchObject({ provider: 'ringover', providerCallId: callId, state: 'in-progress', stream: { state: 'connected' } });
      expect(events.map((e) => e.providerEvent)).toContain('stream.connected');
    } finally {
      media.stop();
    }
  });

  it('takes the call id from a Twilio-style start frame on /stream, and decodes its media frames', async () => {
    const callId = newCallId();
    const ws = await rawSocket('/stream');
    ws.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
    const frame = (samples: Int16Array) => JSON.stringify({ event: 'media', media: { track: 'inbound', payload: Buffer.from(encodeUlaw(samples)).toString('base64') } });
    ws.send(frame(new Int16Array(160).fill(8000))); // before the start frame: held, then played
    ws.send(JSON.stringify({ event: 'start', start: { callSid: callId, streamSid: 'MZ1', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
    for (let i = 0; i < 10; i++) ws.send(frame(new Int16Array(160).fill(8000)));
    const { call } = await eventually(async () => {
      const detail = await getCall(`ringover-${callId}`);
      expect(detail.call.stream?.framesReceived).toBe(11);
      return detail;
    });
    expect(call.stream).toMatchObject({ framing: 'json', encoding: 'pcmu', sampleRate: 8000 });
    ws.close();
  });

  it('reads raw PCM at the rate given in the URL', async () => {
    const callId = newCallId();
    const ws = await rawSocket(`/stream/call_${callId}?sample_rate=16000`);
    for (let i = 0; i < 5; i++) ws.send(Buffer.alloc(640)); // 20 ms of 16 kHz PCM16
    const { call } = await eventually(async () => {
      const detail = await getCall(`ringover-${callId}`);
      expect(detail.call.stream?.framesReceived).toBe(5);
      return detail;
    });
    expect(call.stream).toMatchObject({ framing: 'raw', encoding: 'l16', sampleRate: 16000 });
    expect(call.recording?.durationSeconds).toBeCloseTo(0.1, 2);
    ws.close();
  });

  it('counts malformed frames and drops them without hurting a healthy stream', async () => {
    const callId = newCallId();
    const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips() });
    media.startAudio();
    try {
      media.sendRaw('not json');
      media.sendRaw('{"event":"karaoke"}');
      media.sendRaw(Buffer.from([1, 2, 3]));
      const before = await eventually(async () => {
        const stream = (await getCall(`ringover-${callId}`)).call.stream!;
        expect(stream.framesMalformed).toBe(3);
        return stream;
      });
      // The healthy audio goes on being counted after the bad frames.
      await eventually(async () => {
        const after = (await getCall(`ringover-${callId}`)).call.stream!;
        expect(after.state).toBe('connected');
        expect(after.framesMalformed).toBe(3);
        expect(after.framesReceived).toBeGreaterThan(before.framesReceived);
      });
    } finally {
      media.stop();
    }
  });

  it('resumes the call when its media server reconnects, and replaces an older connection', async () => {
    const callId = newCallId();
    const connect = () => SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips() });
    const first = await connect();
    first.startAudio();
    await eventually(async () => expect((await getCall(`ringover-${callId}`)).call.stream?.framesReceived).toBeGreaterThan(5));
    first.stop();
    await eventually(async () => expect((await getCall(`ringover-${callId}`)).call.stream?.state).toBe('disconnected'));
    const recordedBefore = (await getCall(`ringover-${callId}`)).call.recording!.durationSeconds;

    const second = await connect();
    second.startAudio();
    const third = await connect(); // a newer connection for the same call wins
    third.startAudio();
    expect(await second.ended).toBe('closed');
    await eventually(async () => {
      const { call, events } = await getCall(`ringover-${callId}`);
      expect(call.stream).toMatchObject({ state: 'connected', connections: 3 });
      expect(call.recording!.durationSeconds).toBeGreaterThan(recordedBefore);
      expect(events.filter((e) => e.providerEvent === 'stream.connected')).toHaveLength(3);
    });
    third.stop();
  });

  it('logs the keys the caller presses, as the media server reports them', async () => {
    const callId = newCallId();
    const ws = await rawSocket(`/stream/${callId}`);
    ws.send(JSON.stringify({ event: 'dtmf', dtmf: { track: 'inbound_track', digit: '7' } }));
    await eventually(async () => {
      const { events } = await getCall(`ringover-${callId}`);
      expect(events.find((e) => e.providerEvent === 'stream.dtmf')?.detail).toEqual({ digit: '7' });
    });
    ws.close();
  });

  it('closes a connection that never says which call it carries', async () => {
    const ws = await rawSocket('/stream');
    const ended = closed(ws);
    for (let i = 0; i < 201; i++) ws.send(Buffer.alloc(320));
    expect(await ended).toEqual({ code: 4002, reason: 'no call id: put it in the URL (/stream/{callId}) or send a start frame first' });
  });
});
