// A media server connection's two phases: waiting for the call id (frames held, a bounded number
// of them, until a start frame names the call) and bound (every frame goes to the call). A call id
// the calls refuse closes the stream with 4003 and why; no id in time closes it with 4002.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUlaw } from '../../../../electron/engine/audio/g711.ts';
import { CLOSE } from '../../../../electron/engine/streamer/port.ts';
import { MAX_HELD_FRAMES } from '../../../../electron/engine/streamer/stream-connection.ts';
import { until } from '../../../integration/support/live.ts';
import { startStreamRig, type StreamRig } from './support/stream-rig.ts';

let rig: StreamRig;
beforeAll(async () => {
  rig = await startStreamRig();
});
afterAll(() => rig.stop());

/** A JSON media frame whose samples are all (about) `level`. */
const media = (level: number) => JSON.stringify({ event: 'media', media: { payload: Buffer.from(encodeUlaw(new Int16Array(160).fill(level))).toString('base64') } });
/** A raw 16-bit frame (20 ms at 8 kHz) whose samples are all `level`. */
const raw = (level: number) => Buffer.from(new Int16Array(160).fill(level).buffer);
const start = (callSid: string) => JSON.stringify({ event: 'start', start: { callSid, streamSid: 'MZ9', from: '+33612345678', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000 } } });

describe('waiting for the call id', () => {
  it('binds at once when the URL names the call', async () => {
    const socket = await rig.connect('/stream/call_url-named?sample_rate=16000');
    const call = await until(() => rig.binder.bound.find((b) => b.callId === 'url-named'), 2000, 'the bind');
    expect(call.meta).toMatchObject({ callId: 'url-named', sampleRate: 16000 });
    socket.ws.close();
  });

  it('holds frames until a start frame names the call, then hands them over first, in order', async () => {
    const socket = await rig.connect('/stream');
    socket.ws.send(raw(100));
    socket.ws.send(media(2000));
    socket.ws.send(raw(300));
    socket.ws.send(start('named-by-start'));
    socket.ws.send(raw(400));
    const call = await until(() => rig.binder.bound.find((b) => b.callId === 'named-by-start'), 2000, 'the bind');
    await until(() => call.calls.length === 4, 2000, 'four frames');
    expect(call.meta).toMatchObject({ callId: 'named-by-start', streamId: 'MZ9', from: '+33612345678', encoding: 'pcmu', sampleRate: 8000 });
    expect(call.calls.map((c) => (c.kind === 'audio' ? c.samples[0] : c.kind))).toEqual([100, expect.closeTo(2000, -2), 300, 400]);
    expect(call.link.facts.framesReceived).toBe(4);
    socket.ws.close();
  });

  it(`holds at most ${MAX_HELD_FRAMES} frames, then closes with 4002 and says how to name the call`, async () => {
    const socket = await rig.connect('/stream');
    const binds = rig.binder.binds;
    for (let i = 0; i < MAX_HELD_FRAMES; i++) socket.ws.send(raw(i));
    socket.ws.send(start('just-in-time'));
    const call = await until(() => rig.binder.bound.find((b) => b.callId === 'just-in-time'), 2000, 'the bind');
    await until(() => call.calls.length === MAX_HELD_FRAMES, 2000, 'every held frame');
    socket.ws.close();

    const late = await rig.connect('/stream');
    for (let i = 0; i <= MAX_HELD_FRAMES; i++) late.ws.send(raw(i));
    expect(await late.closed).toEqual({ code: CLOSE.noCallId, reason: 'no call id: put it in the URL (/stream/{callId}) or send a start frame first' });
    expect(rig.binder.binds).toBe(binds + 1);
  });

  it('closes with 4003 and the reason when the calls refuse the id, and hands over nothing', async () => {
    rig.binder.refuse.set('refused-id', 'has a control character (U+0007)');
    const socket = await rig.connect('/stream');
    socket.ws.send(raw(1));
    socket.ws.send(start('refused-id'));
    socket.ws.send(raw(2));
    expect(await socket.closed).toEqual({ code: CLOSE.badCallId, reason: 'call id refused: has a control character (U+0007)' });
    expect(rig.binder.bound.find((b) => b.callId === 'refused-id')).toBeUndefined();

    const named = await rig.connect('/stream/refused-id');
    expect((await named.closed).code).toBe(CLOSE.badCallId);
  });
});

describe('bound', () => {
  it('takes a later start frame’s format for the frames after it', async () => {
    const socket = await rig.connect('/stream/rebound');
    const call = await until(() => rig.binder.bound.find((b) => b.callId === 'rebound'), 2000, 'the bind');
    socket.ws.send(JSON.stringify({ event: 'start', start: { mediaFormat: { encoding: 'audio/x-alaw', sampleRate: 8000 } } }));
    socket.ws.send(media(1000));
    await until(() => call.calls.length === 1, 2000, 'the frame');
    expect(call.link.facts).toMatchObject({ framing: 'json', encoding: 'pcma' });
    socket.ws.close();
    await until(() => call.calls.at(-1)?.kind === 'closed', 2000, 'the close');
  });
});
