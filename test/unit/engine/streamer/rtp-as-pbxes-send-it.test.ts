// RTP as PBXes, SBCs and carriers send it (RFC 3550, 3551, 3389, 4733), packets written byte by
// byte: telephone events become one key press each and never audio; comfort noise and silence
// suppression keep real time by the RTP timestamp; the stream stays RTP whatever its source does
// mid-call (a new SSRC, payload type changes, jumps, wrap-arounds, padding and extensions). The
// streams' clock stands still here: what the call gets is exactly what the packets say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALAW_TO_PCM, decodeG711, encodeAlaw, encodeUlaw, ULAW_TO_PCM } from '../../../../electron/engine/audio/g711.ts';
import { until } from '../../../integration/support/live.ts';
import { rtpBytes, toneEvent } from './support/rtp-bytes.ts';
import { startStreamRig, type BoundCall, type StreamRig } from './support/stream-rig.ts';

let rig: StreamRig;
beforeAll(async () => {
  rig = await startStreamRig();
});
afterAll(() => rig.stop());

let calls = 0;
async function streamedCall(): Promise<{ send: (frame: Buffer) => void; call: BoundCall; close: () => Promise<void> }> {
  const callId = `pbx-${++calls}`;
  const media = await rig.connect(`/stream/${callId}`);
  const call = await until(() => rig.binder.bound.find((b) => b.callId === callId), 2000, 'the bind');
  return {
    send: (frame) => media.ws.send(frame),
    call,
    async close() {
      media.ws.close();
      await until(() => call.calls.at(-1)?.kind === 'closed', 2000, 'the close');
    },
  };
}

/** 20 ms of μ-law at about `level`. */
const tone = (level: number) => encodeUlaw(new Int16Array(160).fill(level));
const pcmu = (seq: number, ts: number, level = 1000, ssrc = 0x1234abcd, marker = false) => rtpBytes({ pt: 0, seq, ts, ssrc, payload: tone(level), marker });
const samplesOf = (call: BoundCall) => call.calls.flatMap((c) => (c.kind === 'audio' ? c.samples : []));
const keysOf = (call: BoundCall) => call.calls.flatMap((c) => (c.kind === 'dtmf' ? [c.digit] : []));
const ulaw = (level: number) => decodeG711(encodeUlaw(Int16Array.of(level)), ULAW_TO_PCM)[0]!;

describe('telephone events (RFC 4733)', () => {
  it('a key press in PT 101 packets is one DTMF event, no audio, no loss, and the stream stays rtp/pcmu', async () => {
    const { send, call, close } = await streamedCall();
    send(pcmu(100, 16000));
    // The press as a PBX sends it: a first report, updates, then the end three times (same timestamp).
    const press = (seq: number, end: boolean, duration: number) => rtpBytes({ pt: 101, seq, ts: 16160, ssrc: 0x1234abcd, payload: toneEvent(5, end, 10, duration), marker: seq === 101 });
    send(press(101, false, 160));
    send(press(102, false, 320));
    send(press(103, false, 640));
    for (const seq of [104, 105, 106]) send(press(seq, true, 960)); // `05 8a 03 c0`, sent three times
    send(pcmu(107, 17120, 2000)); // audio resumes after the 960-sample press
    const facts = call.link.facts;
    await until(() => facts.framesReceived === 8 && samplesOf(call).length >= 320, 2000, 'every packet');
    expect(keysOf(call)).toEqual(['5']);
    expect(facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', sampleRate: 8000, framesLost: 0, framesMalformed: 0, duplicates: 0, late: 0 });
    // Only G.711 reached the audio: the first packet, the press's 960 samples as silence, the last packet.
    const samples = samplesOf(call);
    expect(samples).toHaveLength(160 + 960 + 160);
    expect(samples.slice(0, 160)).toEqual(Array(160).fill(ulaw(1000)));
    expect(samples.slice(160, 1120)).toEqual(Array(960).fill(0));
    expect(samples.slice(1120)).toEqual(Array(160).fill(ulaw(2000)));
    await close();
  });

  it('recognises telephone events on any dynamic payload type, and two presses of one key are two', async () => {
    const { send, call, close } = await streamedCall();
    send(pcmu(1, 0));
    let seq = 2;
    for (const [start, key] of [[160, 1], [2000, 1], [4000, 11]] as const) {
      for (const end of [false, true, true, true]) send(rtpBytes({ pt: 96, seq: seq++, ts: start, ssrc: 0x1234abcd, payload: toneEvent(key, end, 8, end ? 800 : 160) }));
    }
    await until(() => call.link.facts.framesReceived === 13, 2000, 'every packet');
    expect(keysOf(call)).toEqual(['1', '1', '#']);
    expect(call.link.facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesLost: 0, framesMalformed: 0 });
    expect(samplesOf(call)).toHaveLength(160);
    await close();
  });
});

describe('silence suppression and comfort noise (RFC 3389, RFC 3551 §4.1)', () => {
  it('50 packets, comfort noise, nothing, then seq+1 at ts+16,160 with the marker: 4.02 s of audio, CN understood', async () => {
    const { send, call, close } = await streamedCall();
    for (let i = 0; i < 50; i++) send(pcmu(5000 + i, 80_000 + i * 160, 1500));
    send(rtpBytes({ pt: 13, seq: 5050, ts: 88_000, ssrc: 0x1234abcd, payload: [0x40] })); // noise level −64 dBov
    for (let i = 0; i < 50; i++) send(pcmu(5051 + i, 88_000 + 16_160 + i * 160, 1500, 0x1234abcd, i === 0));
    const facts = call.link.facts;
    await until(() => facts.framesReceived === 101 && samplesOf(call).length >= 32_000, 2000, 'every packet');
    const samples = samplesOf(call);
    expect(samples.length / 8000).toBeCloseTo(4.02, 5); // 1 s, 2.02 s of silence, 1 s
    expect(samples.slice(8000, 8000 + 16_160).every((s) => s === 0)).toBe(true); // comfort noise is rendered as silence
    expect(samples.slice(24_160).every((s) => s === ulaw(1500))).toBe(true);
    expect(facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesMalformed: 0, framesLost: 0 });
    await close();
  });

  it('places a gap by the timestamp, not by the number of packets missing, and a jump of hours is no gap', async () => {
    const { send, call, close } = await streamedCall();
    send(pcmu(10, 1000));
    send(pcmu(11, 1000 + 160 + 800, 2000)); // no packet missing, 100 ms of suppressed silence
    send(pcmu(12, 8000 * 3600 * 3, 2000)); // three hours later by its clock, the next packet by its sequence
    send(pcmu(13, 8000 * 3600 * 3 + 160, 2000));
    await until(() => call.link.facts.framesReceived === 4 && samplesOf(call).length >= 1440, 2000, 'the audio');
    expect(samplesOf(call)).toHaveLength(160 + 800 + 160 + 160 + 160);
    expect(call.link.facts.framesLost).toBe(0);
    await close();
  });

  it('places a suppressed silence across the timestamp wrap at 2^32 and the sequence wrap at 65535', async () => {
    const { send, call, close } = await streamedCall();
    for (let i = 0; i < 3; i++) send(pcmu(65533 + i, 2 ** 32 - 480 + i * 160));
    send(pcmu(0, 1600, 2000, 0x1234abcd, true)); // 200 ms of silence, then the caller again: ts wrapped
    send(pcmu(1, 1760, 2000));
    await until(() => call.link.facts.framesReceived === 5 && samplesOf(call).length >= 2400, 2000, 'five packets');
    expect(samplesOf(call)).toHaveLength(480 + 1600 + 320);
    expect(call.link.facts).toMatchObject({ framesLost: 0, late: 0, duplicates: 0 });
    await close();
  });
});

describe('a stream stays RTP whatever its source does mid-call', () => {
  it('a new SSRC (transfer, re-INVITE) with new bases: continuous audio, no loss storm, no gap', async () => {
    const { send, call, close } = await streamedCall();
    for (let i = 0; i < 20; i++) send(pcmu(1000 + i, 5000 + i * 160, 1000, 0xaaaa0001));
    for (let i = 0; i < 20; i++) send(pcmu(40_000 + i, 3_000_000_000 + i * 160, 3000, 0xbbbb0002, i === 0));
    const facts = call.link.facts;
    await until(() => facts.framesReceived === 40, 2000, 'every packet');
    await until(() => samplesOf(call).length >= 40 * 160, 2000, 'the audio');
    const samples = samplesOf(call);
    expect(samples).toHaveLength(40 * 160);
    expect(samples.slice(0, 3200).every((s) => s === ulaw(1000)) && samples.slice(3200).every((s) => s === ulaw(3000))).toBe(true);
    expect(facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesLost: 0, framesMalformed: 0 });
    // A stray late packet of the source that was replaced does not take the stream back.
    send(pcmu(1020, 5000 + 20 * 160, 9000, 0xaaaa0001));
    send(pcmu(40_020, 3_000_000_000 + 20 * 160, 3000, 0xbbbb0002));
    await until(() => facts.framesReceived === 42 && samplesOf(call).length >= 41 * 160, 2000, 'the last packets');
    expect(samplesOf(call)).toHaveLength(41 * 160);
    expect(samplesOf(call).includes(ulaw(9000))).toBe(false);
    expect(facts.late).toBe(1);
    await close();
  });

  it('follows payload type changes (PCMU ↔ PCMA, telephone events between) and decodes each exactly', async () => {
    const { send, call, close } = await streamedCall();
    const alaw = encodeAlaw(new Int16Array(160).fill(-2500));
    send(pcmu(1, 0, 1200));
    send(rtpBytes({ pt: 8, seq: 2, ts: 160, ssrc: 0x1234abcd, payload: alaw }));
    await until(() => call.link.facts.encoding === 'pcma' && samplesOf(call).length === 320, 2000, 'the A-law packet');
    send(rtpBytes({ pt: 101, seq: 3, ts: 320, ssrc: 0x1234abcd, payload: toneEvent(0, true, 10, 160) }));
    send(pcmu(4, 480, 1200));
    await until(() => samplesOf(call).length === 640 && keysOf(call).length === 1, 2000, 'the key and the μ-law packet');
    expect(samplesOf(call).slice(160, 320)).toEqual([...decodeG711(alaw, ALAW_TO_PCM)]);
    expect(samplesOf(call).slice(320, 480)).toEqual(Array(160).fill(0)); // the key's 20 ms
    expect(keysOf(call)).toEqual(['0']);
    expect(call.link.facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesMalformed: 0, framesLost: 0 });
    await close();
  });

  it('an odd packet is a bad packet, not a switch to raw PCM', async () => {
    const { send, call, close } = await streamedCall();
    send(pcmu(1, 0));
    send(pcmu(2, 160));
    send(Buffer.from([0x12, 0x34, 0x56, 0x78])); // 4 bytes: it would be 2 samples of raw PCM
    send(rtpBytes({ pt: 34, seq: 3, ts: 320, ssrc: 0x1234abcd, payload: new Uint8Array(100) })); // video (H.263)
    send(pcmu(4, 480));
    await until(() => call.link.facts.framesMalformed === 2 && samplesOf(call).length >= 640, 2000, 'the packets');
    expect(call.link.facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesLost: 0 });
    expect(samplesOf(call)).toHaveLength(640); // the missing seq 3 took its 20 ms
    await close();
  });

  it('reads audio, comfort noise and key presses with CSRCs, a header extension and padding', async () => {
    const { send, call, close } = await streamedCall();
    send(rtpBytes({ pt: 0, seq: 7, ts: 0, ssrc: 9, payload: tone(700), csrc: [0x01020304, 0x05060708] }));
    send(rtpBytes({ pt: 0, seq: 8, ts: 160, ssrc: 9, payload: tone(700), extension: [0xdeadbeef, 0x00000001] }));
    send(rtpBytes({ pt: 0, seq: 9, ts: 320, ssrc: 9, payload: tone(700), padding: 4 }));
    send(rtpBytes({ pt: 101, seq: 10, ts: 480, ssrc: 9, payload: toneEvent(11, true, 10, 160), extension: [0x00000002], padding: 2 }));
    send(rtpBytes({ pt: 13, seq: 11, ts: 640, ssrc: 9, payload: [0x50], csrc: [0x01020304], padding: 3 }));
    send(rtpBytes({ pt: 0, seq: 12, ts: 800, ssrc: 9, payload: tone(700) }));
    await until(() => samplesOf(call).length >= 800 && keysOf(call).length === 1, 2000, 'the packets');
    expect(samplesOf(call)).toEqual([...Array(480).fill(ulaw(700)), ...Array(320).fill(0), ...Array(160).fill(ulaw(700))]);
    expect(keysOf(call)).toEqual(['#']);
    expect(call.link.facts).toMatchObject({ framing: 'rtp', encoding: 'pcmu', framesMalformed: 0, framesLost: 0 });
    await close();
  });
});
