// The media line's port, seen from the call's side: a bound stream makes one sink call per frame,
// keeps its facts (format, counters) in one live object the call reads, writes commands in the
// wire format, and closes with codes from the engine's one table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeG711, encodeUlaw, ULAW_TO_PCM } from '../../../../electron/engine/audio/g711.ts';
import { CLOSE } from '../../../../electron/engine/streamer/port.ts';
import { buildRtp, PT_PCMU } from '../../../../electron/engine/streamer/rtp.ts';
import { until } from '../../../integration/support/live.ts';
import { startStreamRig, type BoundCall, type StreamRig } from './support/stream-rig.ts';

let rig: StreamRig;
beforeAll(async () => {
  rig = await startStreamRig();
});
afterAll(() => rig.stop());

let calls = 0;
/** A media server streaming a fresh call, and that call as the binder got it. */
async function streamedCall(query = ''): Promise<{ media: Awaited<ReturnType<StreamRig['connect']>>; call: BoundCall }> {
  const callId = `port-${++calls}`;
  const media = await rig.connect(`/stream/${callId}${query}`);
  const call = await until(() => rig.binder.bound.find((b) => b.callId === callId), 2000, 'the bind');
  return { media, call };
}

/** A 20 ms PCMU packet whose samples are all (about) `level`. */
const rtp = (sequence: number, level: number) =>
  buildRtp({ payloadType: PT_PCMU, marker: false, sequence, timestamp: sequence * 160, ssrc: 0x51, payload: encodeUlaw(new Int16Array(160).fill(level)) });
const ulaw = (level: number) => decodeG711(encodeUlaw(Int16Array.of(level)), ULAW_TO_PCM)[0]!;
type Sunk = BoundCall['calls'][number];
const audioOf = (call: BoundCall) => call.calls.filter((c): c is Extract<Sunk, { kind: 'audio' | 'outbound' }> => c.kind === 'audio');

describe('a bound stream and its call', () => {
  it('pushes one sink call per frame, in sequence order, and keeps the stream’s facts itself', async () => {
    const { media, call } = await streamedCall();
    const facts = call.link.facts;
    for (const [sequence, level] of [[0, 1000], [1, 2000], [3, 4000], [2, 3000], [4, 5000]] as const) media.ws.send(rtp(sequence, level));
    await until(() => facts.framesReceived === 5 && audioOf(call).length === 5, 2000, 'five frames');
    expect(audioOf(call).map((a) => a.samples[0])).toEqual([1000, 2000, 3000, 4000, 5000].map(ulaw));
    expect(audioOf(call).every((a) => a.samples.length === 160 && a.sampleRate === 8000)).toBe(true);
    expect(facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', sampleRate: 8000, framesReceived: 5, framesLost: 0, framesMalformed: 0, duplicates: 0, late: 0 });
    expect(facts.lastFrameAt).toBeGreaterThan(0);
    const settled = facts.changes;

    // Dropped frames make no sink call: the facts say what happened.
    media.ws.send(Buffer.from([1, 2, 3]));
    media.ws.send('{"event":"karaoke"}');
    media.ws.send(rtp(4, 5000)); // a duplicate
    await until(() => facts.framesMalformed === 2 && facts.duplicates === 1, 2000, 'the drops counted');
    expect(audioOf(call)).toHaveLength(5);
    expect(facts.changes).toBe(settled + 3);

    // Three packets lost: the gap is concealed as one frame of silence, then the packets after it.
    for (const sequence of [8, 9, 10]) media.ws.send(rtp(sequence, 6000));
    await until(() => audioOf(call).length === 9, 2000, 'the gap and three packets');
    expect(audioOf(call)[5]).toEqual({ kind: 'audio', samples: Array(3 * 160).fill(0), sampleRate: 8000 });
    expect(facts.framesLost).toBe(3);
    expect(facts.changes).toBe(settled + 6);
    expect(call.link.facts).toBe(facts); // one live object, for the connection's whole life
    media.ws.close();
    await until(() => call.calls.at(-1)?.kind === 'closed', 2000, 'the close');
    expect(call.calls.filter((c) => c.kind === 'closed')).toHaveLength(1);
  });

  it('decodes raw PCM at the URL’s rate and JSON media frames, one sink call each, and reports keys', async () => {
    const { media, call } = await streamedCall('?sample_rate=16000');
    const frame = Buffer.alloc(640);
    frame.writeInt16LE(-1234, 0);
    for (let i = 0; i < 3; i++) media.ws.send(frame);
    await until(() => audioOf(call).length === 3, 2000, 'three raw frames');
    expect(audioOf(call).map((a) => [a.samples.length, a.samples[0], a.sampleRate])).toEqual(Array(3).fill([320, -1234, 16000]));
    expect(call.link.facts).toMatchObject({ framing: 'raw', encoding: 'l16', sampleRate: 16000, framesReceived: 3 });

    const json = await streamedCall();
    json.media.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from(encodeUlaw(new Int16Array(160).fill(800))).toString('base64') } }));
    json.media.ws.send(JSON.stringify({ event: 'dtmf', dtmf: { digit: '7' } }));
    await until(() => json.call.calls.length === 2, 2000, 'a media frame and a key');
    expect(json.call.calls[0]).toMatchObject({ kind: 'audio', sampleRate: 8000 });
    expect(json.call.calls[1]).toEqual({ kind: 'dtmf', digit: '7' });
    expect(json.call.link.facts).toMatchObject({ framing: 'json', encoding: 'pcmu', framesReceived: 1 });
    media.ws.close();
    json.media.ws.close();
  });

  it('writes commands in the ringover-streamer format, and closes with the one table’s codes', async () => {
    const { media, call } = await streamedCall();
    expect(call.link.send({ type: 'break' })).toBe(true);
    expect(call.link.send({ type: 'digits', digits: '0#' })).toBe(true);
    expect(call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 16000, audio: 'AAAA' })).toBe(true);
    await until(() => media.received.length === 3, 2000, 'three commands');
    expect(media.received).toEqual([
      '{"event":"break"}',
      '{"event":"digits","data":"0#"}',
      '{"type":"streamAudio","data":{"audioDataType":"raw","sampleRate":16000,"audioData":"AAAA"}}',
    ]);
    call.link.close(CLOSE.replaced, 'replaced by a newer connection for this call');
    expect(await media.closed).toEqual({ code: 4000, reason: 'replaced by a newer connection for this call' });
    expect(call.link.send({ type: 'break' })).toBe(false); // closed: nothing sent, nothing thrown

    const other = await streamedCall();
    rig.streams.close();
    expect((await other.media.closed).code).toBe(CLOSE.goingAway);
    await until(() => other.call.calls.at(-1)?.kind === 'closed', 2000, 'the close reaching the call');
  });
});

describe('close codes', () => {
  it('are one table, and no WebSocket in the engine closes with a number of its own', () => {
    expect(CLOSE).toEqual({ normal: 1000, goingAway: 1001, internalError: 1011, tooSlow: 1013, replaced: 4000, noCallId: 4002, badCallId: 4003, noAudio: 4404, signedOut: 4401 });
    const engine = join(import.meta.dirname, '../../../../electron/engine');
    const sources = readdirSync(engine, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const literal = /\.close\(\s*\{?\s*(?:code:\s*)?\d{4}\b/;
    expect(sources.filter((file) => literal.test(readFileSync(join(engine, file), 'utf8')))).toEqual([]);
  });
});
