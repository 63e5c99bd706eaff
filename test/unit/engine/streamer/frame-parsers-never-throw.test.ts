// Property: whatever a media server sends, classifying a frame never throws, and good frames —
// even amid garbage — still decode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameClassifier } from '../../../../electron/engine/streamer/framing.ts';
import { buildRtp } from '../../../../electron/engine/streamer/rtp.ts';

const rtpPacket = fc
  .record({ seq: fc.integer({ min: 0, max: 65535 }), payload: fc.uint8Array({ minLength: 1, maxLength: 320 }), pt: fc.constantFrom(0, 8) })
  .map(({ seq, payload, pt }) => Buffer.from(buildRtp({ payloadType: pt, marker: false, sequence: seq, timestamp: seq * 160, ssrc: 42, payload })));
const twilioMedia = fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => JSON.stringify({ event: 'media', media: { track: 'inbound', payload: Buffer.from(bytes).toString('base64') } }));
const jsonFrames = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom('{"event":"start","start":{"callSid":"1","mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000}}}', '{"event":"dtmf"}', '{"event":"stop"}', '{"event":"media","media":{}}', '{', '[]', 'null', '"x"'),
  fc.string(),
);
const mutate = (bytes: Buffer, at: number, value: number, cut: number) => {
  const copy = Buffer.from(bytes);
  if (copy.length) copy[at % copy.length] = value;
  return copy.subarray(0, Math.max(0, copy.length - cut));
};

describe('frame classification', () => {
  it('never throws on random or mutated frames (over 10,000 of them)', () => {
    const classifier = new FrameClassifier();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => ({ data: Buffer.from(b), binary: true })),
          fc.tuple(rtpPacket, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 20 })).map(([p, at, v, cut]) => ({ data: mutate(p, at, v, cut), binary: true })),
          jsonFrames.map((s) => ({ data: Buffer.from(s), binary: false })),
          fc.tuple(twilioMedia, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, at, v]) => ({ data: mutate(Buffer.from(s), at, v, 0), binary: false })),
          fc.uint8Array({ maxLength: 200 }).map((b) => ({ data: Buffer.from(b), binary: false })),
        ),
        ({ data, binary }) => {
          const frame = classifier.classify(data, binary);
          expect(frame.kind).toBeTypeOf('string');
        },
      ),
      { numRuns: 12_000 },
    );
  });

  it('still decodes good RTP and media frames, whatever garbage came before', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), rtpPacket, twilioMedia, (garbage, good, media) => {
        const classifier = new FrameClassifier();
        for (const g of garbage) classifier.classify(Buffer.from(g), false);
        const frame = classifier.classify(good, true);
        expect(frame.kind).toBe('rtp');
        if (frame.kind === 'rtp') expect(Buffer.from(frame.packet.payload)).toEqual(good.subarray(12));
        const decoded = classifier.classify(Buffer.from(media), false);
        expect(decoded.kind).toBe('media');
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads raw 16-bit PCM as little-endian samples, and rejects an odd byte count', () => {
    const classifier = new FrameClassifier();
    expect(classifier.classify(Buffer.from([0x01, 0x00, 0xff, 0xff]), true)).toEqual({ kind: 'pcm', samples: Int16Array.from([1, -1]) });
    expect(classifier.classify(Buffer.from([1, 2, 3]), true).kind).toBe('malformed');
  });

  it('reads a Twilio start and a generic start frame', () => {
    const classifier = new FrameClassifier();
    const twilio = classifier.classify(Buffer.from(JSON.stringify({ event: 'start', start: { callSid: 'CA1', streamSid: 'MZ1', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000 }, customParameters: { from: '+331' } } })), false);
    expect(twilio).toEqual({ kind: 'start', start: { meta: { callId: 'CA1', streamId: 'MZ1', encoding: 'pcmu', sampleRate: 8000, from: '+331', to: undefined, dialect: 'twilio' }, order: 'le' } });
    const generic = classifier.classify(Buffer.from('{"event":"start","call_id":1234567890987654321,"encoding":"L16","sample_rate":16000}'), false);
    expect(generic).toMatchObject({ kind: 'start', start: { meta: { encoding: 'l16', sampleRate: 16000, dialect: 'ringover' } } });
  });

  it('does not mistake raw PCM for RTP once a stream has shown it sends raw audio', () => {
    const classifier = new FrameClassifier();
    classifier.classify(Buffer.alloc(320), true); // raw silence first
    const lookalike = Buffer.from(buildRtp({ payloadType: 0, marker: false, sequence: 1, timestamp: 1, ssrc: 7, payload: new Uint8Array(160) }));
    expect(classifier.classify(lookalike, true).kind).toBe('pcm');
  });
});
