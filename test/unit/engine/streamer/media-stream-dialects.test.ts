// Other providers' media-stream dialects, detected from the first frames: frames copied from each
// provider's published samples (names, ids and numbers replaced). What arrives is read exactly
// (the encoding and rate the start frame gives, each track where it belongs, keys once), and
// commands go back in the dialect the stream speaks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeG711, encodeAlaw, encodeUlaw, ULAW_TO_PCM } from '../../../../electron/engine/audio/g711.ts';
import { until } from '../../../integration/support/live.ts';
import { startStreamRig, type BoundCall, type MediaSocket, type StreamRig } from './support/stream-rig.ts';

let rig: StreamRig;
beforeAll(async () => {
  rig = await startStreamRig();
});
afterAll(() => rig.stop());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
/** `n` samples of a `hz` sine at `rate`, amplitude `amp`. */
const sine = (n: number, hz: number, rate: number, amp = 8000) => Int16Array.from({ length: n }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * hz * i) / rate)));
const le16 = (samples: Int16Array) => Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
const be16 = (samples: Int16Array) => Buffer.from(le16(samples)).swap16();
const audioOf = (call: BoundCall, kind: 'audio' | 'outbound' = 'audio') => call.calls.flatMap((c) => (c.kind === kind ? c.samples : []));
const keysOf = (call: BoundCall) => call.calls.flatMap((c) => (c.kind === 'dtmf' ? [c.digit] : []));
const json = (media: MediaSocket) => media.received.map((text) => JSON.parse(text) as Record<string, unknown>);

/** Opens `/stream` (the start frame names the call) and sends `frames`; returns the bound call. */
async function stream(frames: (string | Buffer)[], path = '/stream'): Promise<{ media: MediaSocket; call: BoundCall }> {
  const before = rig.binder.bound.length;
  const media = await rig.connect(path);
  for (const frame of frames) media.ws.send(frame);
  const call = await until(() => rig.binder.bound[before], 2000, 'the bind');
  return { media, call };
}

/** SNR of `got` against `want`, in dB. */
function snr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < want.length; i++) {
    signal += want[i]! ** 2;
    noise += (want[i]! - got[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

describe('Twilio Media Streams (and SignalWire, which speaks them)', () => {
  const sid = 'MZ00000000000000000000000000000001';
  const start = (tracks: string[], mediaFormat = { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 }) =>
    JSON.stringify({ event: 'start', sequenceNumber: '1', start: { accountSid: 'AC00000000000000000000000000000000', streamSid: sid, callSid: 'CA00000000000000000000000000000042', tracks, mediaFormat, customParameters: {} }, streamSid: sid });
  const media = (n: number, track: string, payload: Uint8Array) =>
    JSON.stringify({ event: 'media', sequenceNumber: String(n + 2), media: { track, chunk: String(n + 1), timestamp: String(n * 20), payload: b64(payload) }, streamSid: sid });

  it('both_tracks: the caller is the inbound track only; the outbound track is kept apart', async () => {
    const inbound = encodeUlaw(new Int16Array(160).fill(1000));
    const outbound = encodeUlaw(sine(160, 400, 8000));
    const frames = ['{"event":"connected","protocol":"Call","version":"1.0.0"}', start(['inbound', 'outbound'])];
    for (let i = 0; i < 50; i++) frames.push(media(2 * i, 'inbound', inbound), media(2 * i + 1, 'outbound', outbound));
    frames.push(JSON.stringify({ event: 'dtmf', streamSid: sid, sequenceNumber: '103', dtmf: { track: 'inbound_track', digit: '1' } }));
    frames.push(JSON.stringify({ event: 'mark', sequenceNumber: '104', streamSid: sid, mark: { name: 'greeting' } }));
    frames.push(JSON.stringify({ event: 'stop', sequenceNumber: '105', streamSid: sid, stop: { accountSid: 'AC00000000000000000000000000000000', callSid: 'CA00000000000000000000000000000042' } }));
    const { media: socket, call } = await stream(frames);
    await until(() => call.link.facts.framesReceived === 100 && keysOf(call).length === 1, 2000, 'every frame');
    expect(call.callId).toBe('CA00000000000000000000000000000042');
    const caller = audioOf(call);
    expect(caller.length / 8000).toBe(1); // 1.00 s of caller audio for 1.00 s of call
    expect(caller.every((s) => s === decodeG711(inbound, ULAW_TO_PCM)[0])).toBe(true);
    expect(audioOf(call, 'outbound')).toEqual(Array.from({ length: 50 }, () => [...decodeG711(outbound, ULAW_TO_PCM)]).flat());
    expect(keysOf(call)).toEqual(['1']);
    expect(call.link.facts).toMatchObject({ dialect: 'twilio', framing: 'json', encoding: 'pcmu', sampleRate: 8000, framesMalformed: 0 });
    socket.ws.close();
  });

  it('commands: break is clear, speech is media frames in the stream’s format, and no DTMF or transfer', async () => {
    const { media: socket, call } = await stream([start(['inbound'])]);
    const speech = sine(320, 300, 8000);
    expect(call.link.send({ type: 'break' })).toBe(true);
    expect(call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 8000, audio: b64(le16(speech)) })).toBe(true);
    expect(call.link.refuses({ type: 'digits', digits: '12' })).toBe("the stream speaks Twilio Media Streams, which has no message to send DTMF: send the digits with the provider's call API");
    expect(call.link.refuses({ type: 'transfer', to: '+33100000000' })).toMatch(/no message to transfer a call/);
    expect(call.link.refuses({ type: 'play', url: 'https://example.com/a.mp3' })).toMatch(/cannot play a file from a URL/);
    expect(call.link.send({ type: 'digits', digits: '12' })).toBe(false);
    await until(() => socket.received.length === 2, 2000, 'two messages');
    const [clear, speak] = json(socket);
    expect(clear).toEqual({ event: 'clear', streamSid: sid });
    expect(speak).toEqual({ event: 'media', streamSid: sid, media: { payload: b64(encodeUlaw(speech)) } });
    socket.ws.close();
  });

  it('SignalWire’s A-law start is decoded as A-law, and speech goes back in A-law', async () => {
    const tone = sine(160, 440, 8000);
    const { media: socket, call } = await stream([start(['inbound'], { encoding: 'audio/x-alaw', sampleRate: 8000, channels: 1 }), media(0, 'inbound', encodeAlaw(tone))]);
    await until(() => audioOf(call).length === 160, 2000, 'the frame');
    expect(snr(audioOf(call), tone)).toBeGreaterThan(30);
    expect(call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 8000, audio: b64(le16(tone)) })).toBe(true);
    await until(() => socket.received.length === 1, 2000, 'the speech');
    expect(json(socket)[0]).toMatchObject({ event: 'media', media: { payload: b64(encodeAlaw(tone)) } });
    socket.ws.close();
  });
});

describe('Telnyx media streaming', () => {
  const streamId = '32DE0DEA-53CB-4B21-89A4-9E1819C043BC';
  const start = (encoding: string, sampleRate: number) =>
    JSON.stringify({ event: 'start', sequence_number: '1', start: { user_id: '3E6F995F-85F7-4705-9741-53B116D28237', call_control_id: 'v3:TelnyxCallControlId0000000001', client_state: 'aGF2ZSBhIG5pY2UgZGF5ID1d', from: '+15550100001', to: '+15550100002', media_format: { encoding, sample_rate: sampleRate, channels: 1 } }, stream_id: streamId });
  const media = (payload: Uint8Array, n = 1) => JSON.stringify({ event: 'media', sequence_number: String(n + 2), media: { track: 'inbound', chunk: String(n), timestamp: String(n * 20), payload: b64(payload) }, stream_id: streamId });

  it('PCMA is decoded as A-law, exactly (sox’s decoder as the reference)', async () => {
    const tone = sine(800, 440, 8000);
    const alaw = encodeAlaw(tone);
    const { media: socket, call } = await stream(['{"event":"connected","version":"1.0.0"}', start('PCMA', 8000), ...[0, 1, 2, 3, 4].map((i) => media(alaw.subarray(i * 160, i * 160 + 160), i + 1))]);
    await until(() => audioOf(call).length === 800, 2000, 'five frames');
    expect(call.callId).toBe('v3:TelnyxCallControlId0000000001');
    const dir = mkdtempSync(join(tmpdir(), 'ringside-alaw-'));
    writeFileSync(join(dir, 'in.al'), alaw);
    execFileSync('sox', ['-t', 'raw', '-r', '8000', '-e', 'a-law', '-b', '8', '-c', '1', join(dir, 'in.al'), '-t', 'raw', '-e', 'signed', '-b', '16', '-L', join(dir, 'out.s16')]);
    const reference = readFileSync(join(dir, 'out.s16'));
    expect(audioOf(call)).toEqual([...new Int16Array(reference.buffer, reference.byteOffset, reference.length / 2)]);
    expect(snr(audioOf(call), tone)).toBeGreaterThan(30);
    expect(call.link.facts).toMatchObject({ dialect: 'telnyx', framing: 'json', encoding: 'pcma', sampleRate: 8000 });
    socket.ws.close();
  });

  it('L16 at 16 kHz is RTP payload (network byte order); dtmf, mark, error and stop are understood; clear and media go back', async () => {
    const tone = sine(320, 500, 16000);
    const { media: socket, call } = await stream([
      start('L16', 16000),
      media(be16(tone)),
      JSON.stringify({ event: 'dtmf', stream_id: streamId, occurred_at: '2024-03-05T10:15:00.250Z', sequence_number: '4', dtmf: { digit: '#' } }),
      JSON.stringify({ event: 'mark', sequence_number: '5', stream_id: streamId, mark: { name: 'said-hello' } }),
      JSON.stringify({ event: 'error', sequence_number: '6', stream_id: streamId, payload: { code: 100002, title: 'unknown_error', detail: 'An unknown error occurred' } }),
      JSON.stringify({ event: 'stop', sequence_number: '7', stop: { user_id: '3E6F995F-85F7-4705-9741-53B116D28237', call_control_id: 'v3:TelnyxCallControlId0000000002' }, stream_id: streamId }),
    ]);
    await until(() => audioOf(call).length === 320 && keysOf(call).length === 1, 2000, 'the frame and the key');
    expect(audioOf(call)).toEqual([...tone]);
    expect(keysOf(call)).toEqual(['#']);
    expect(call.link.facts).toMatchObject({ dialect: 'telnyx', encoding: 'l16', sampleRate: 16000, framesMalformed: 0 });
    call.link.send({ type: 'break' });
    call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 16000, audio: b64(le16(tone)) });
    await until(() => socket.received.length === 2, 2000, 'two messages');
    expect(json(socket)).toEqual([{ event: 'clear' }, { event: 'media', media: { payload: b64(be16(tone)) } }]);
    socket.ws.close();
  });
});

describe('Vonage WebSockets', () => {
  it('websocket:connected gives the rate; binary 640-byte frames are 16 kHz little-endian PCM, even when they look like RTP', async () => {
    const tone = sine(320, 250, 16000);
    const lookalike = Buffer.alloc(640);
    lookalike.set([0x80, 0x00, 0x00, 0x01]); // a frame that starts like an RTP header
    const { media: socket, call } = await stream(
      [
        JSON.stringify({ event: 'websocket:connected', 'content-type': 'audio/l16;rate=16000', prop1: 'value1', prop2: 'value2' }),
        lookalike,
        le16(tone),
        JSON.stringify({ event: 'websocket:dtmf', digit: '5', duration: 260 }),
        JSON.stringify({ event: 'websocket:notify', payload: { name: 'm1' } }),
        JSON.stringify({ event: 'websocket:cleared' }),
      ],
      '/stream/vonage-call-1',
    );
    await until(() => audioOf(call).length === 640 && keysOf(call).length === 1, 2000, 'two frames and the key');
    expect(audioOf(call).slice(320)).toEqual([...tone]);
    expect(call.link.facts).toMatchObject({ dialect: 'vonage', framing: 'raw', encoding: 'l16', sampleRate: 16000, framesMalformed: 0 });
    call.link.send({ type: 'break' });
    call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 16000, audio: b64(le16(sine(500, 300, 16000))) });
    expect(call.link.refuses({ type: 'digits', digits: '1' })).toMatch(/Vonage WebSockets, which has no message to send DTMF/);
    const binary: Buffer[] = [];
    socket.ws.on('message', (data: Buffer, isBinary: boolean) => isBinary && binary.push(data));
    await until(() => socket.received.length === 1 && binary.length === 2, 2000, 'the clear and two frames');
    expect(json(socket)).toEqual([{ action: 'clear' }]);
    expect(binary.map((b) => b.length)).toEqual([640, 640]); // whole 20 ms frames, the last padded with silence
    socket.ws.close();
  });
});

describe('Plivo audio streams', () => {
  const streamId = '87654321-4321-4321-4321-cba987654321';
  it('reads start, media, dtmf, playedStream and clearedAudio; answers with playAudio, clearAudio and sendDTMF', async () => {
    const tone = sine(320, 350, 16000);
    const { media: socket, call } = await stream([
      JSON.stringify({ event: 'start', sequenceNumber: 1, start: { callId: '12345678-1234-1234-1234-123456789abc', streamId, accountId: 'MAXXXXXXXXXXXXXXXXXX', tracks: ['inbound'], mediaFormat: { encoding: 'audio/x-l16', sampleRate: 16000 } }, extra_headers: 'userId=12345;sessionId=abc-xyz' }),
      JSON.stringify({ event: 'media', sequenceNumber: 2, streamId, media: { track: 'inbound', timestamp: '1705312200000', chunk: 1, payload: b64(le16(tone)) }, extra_headers: 'userId=12345;sessionId=abc-xyz' }),
      JSON.stringify({ event: 'dtmf', sequenceNumber: 3, streamId, dtmf: { track: 'inbound', digit: '7', timestamp: '1705312200100' } }),
      JSON.stringify({ event: 'playedStream', sequenceNumber: 4, streamId, name: 'checkpoint-1' }),
      JSON.stringify({ event: 'clearedAudio', sequenceNumber: 5, streamId }),
    ]);
    await until(() => audioOf(call).length === 320 && keysOf(call).length === 1, 2000, 'the frame and the key');
    expect(call.callId).toBe('12345678-1234-1234-1234-123456789abc');
    expect(audioOf(call)).toEqual([...tone]);
    expect(call.link.facts).toMatchObject({ dialect: 'plivo', framing: 'json', encoding: 'l16', sampleRate: 16000, framesMalformed: 0 });
    call.link.send({ type: 'break' });
    call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 16000, audio: b64(le16(tone)) });
    expect(call.link.send({ type: 'digits', digits: '12#' })).toBe(true);
    expect(call.link.refuses({ type: 'transfer', to: '+33100000000' })).toMatch(/Plivo audio streams, which has no message to transfer/);
    await until(() => socket.received.length === 3, 2000, 'three messages');
    expect(json(socket)).toEqual([
      { event: 'clearAudio', streamId },
      { event: 'playAudio', media: { contentType: 'audio/x-l16', sampleRate: 16000, payload: b64(le16(tone)) } },
      { event: 'sendDTMF', dtmf: '12#' },
    ]);
    socket.ws.close();
  });
});

describe('Exotel voicebot streams', () => {
  const sid = 'MZ0000000000000000000000000000ex';
  it('reads raw/slin (audio/x-raw) media, dtmf, mark and stop; answers with clear and media', async () => {
    const tone = sine(800, 300, 8000); // Exotel sends about 100 ms a frame
    const { media: socket, call } = await stream([
      '{"event":"connected"}',
      JSON.stringify({ event: 'start', sequence_number: '1', stream_sid: sid, start: { stream_sid: sid, call_sid: 'CA00000000000000000000000000exo1', account_sid: 'AC000000000000000000000000000exo', from: '+919800000001', to: '+918000000002', custom_parameters: { key1: 'value1' }, media_format: { encoding: 'audio/x-raw', sample_rate: '8000', bit_rate: '16' } } }),
      JSON.stringify({ event: 'media', sequence_number: '3', stream_sid: sid, media: { chunk: '2', timestamp: '200', payload: b64(le16(tone)) } }),
      JSON.stringify({ event: 'dtmf', sequence_number: '7', stream_sid: sid, dtmf: { digit: '5', duration: '100' } }),
      JSON.stringify({ event: 'mark', sequence_number: '15', stream_sid: sid, mark: { name: 'bot-reply-1' } }),
      JSON.stringify({ event: 'stop', sequence_number: '16', stream_sid: sid, stop: { call_sid: 'CA00000000000000000000000000exo1', account_sid: 'AC000000000000000000000000000exo', reason: 'callended' } }),
    ]);
    await until(() => audioOf(call).length === 800 && keysOf(call).length === 1, 2000, 'the frame and the key');
    expect(call.callId).toBe('CA00000000000000000000000000exo1');
    expect(audioOf(call)).toEqual([...tone]);
    expect(call.link.facts).toMatchObject({ dialect: 'exotel', framing: 'json', encoding: 'l16', sampleRate: 8000, framesMalformed: 0 });
    call.link.send({ type: 'break' });
    call.link.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate: 8000, audio: b64(le16(tone.subarray(0, 320))) });
    await until(() => socket.received.length === 2, 2000, 'two messages');
    expect(json(socket)).toEqual([
      { event: 'clear', stream_sid: sid },
      { event: 'media', stream_sid: sid, media: { payload: b64(le16(tone.subarray(0, 320))) } },
    ]);
    socket.ws.close();
  });
});

describe('the ringover-streamer protocol stays the default', () => {
  it('a stream that never names a dialect gets the streamer’s commands', async () => {
    const { media: socket, call } = await stream([], '/stream/ringover-default');
    expect(call.link.refuses({ type: 'transfer', to: '+33100000000' })).toBeUndefined();
    call.link.send({ type: 'transfer', to: '+33100000000' });
    await until(() => socket.received.length === 1, 2000, 'the command');
    expect(socket.received).toEqual(['{"event":"transfer","data":"+33100000000"}']);
    socket.ws.close();
  });
});
