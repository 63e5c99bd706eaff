// Property: whatever RTP a source sends (any payload type, sizes, sources, sequence numbers and
// timestamps in any order), playing it never throws, only G.711 and L16 become audio, and no
// packet makes more than MAX_SILENCE_MS of silence appear in the caller's timeline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallerTimeline, MAX_SILENCE_MS } from '../../../../electron/engine/streamer/caller-timeline.ts';
import { RtpPlayout } from '../../../../electron/engine/streamer/rtp-playout.ts';
import type { RtpPacket } from '../../../../electron/engine/streamer/rtp.ts';

const packet: fc.Arbitrary<RtpPacket> = fc.record({
  payloadType: fc.oneof(fc.constantFrom(0, 8, 9, 10, 11, 13, 18, 19, 34), fc.integer({ min: 96, max: 127 })),
  marker: fc.boolean(),
  sequence: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 65_500, max: 65_535 }), fc.integer({ min: 0, max: 65_535 })),
  timestamp: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 0xffffffff })),
  ssrc: fc.constantFrom(1, 2, 3),
  payload: fc.uint8Array({ maxLength: 400 }),
});

describe('RTP playout', () => {
  it('plays any packets without throwing, and no packet brings more than MAX_SILENCE_MS of silence', () => {
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 60 }), fc.boolean(), (packets, l16) => {
        let emitted = 0;
        const timeline = new CallerTimeline((samples) => (emitted += samples.length));
        const playout = new RtpPlayout(
          {
            audio: (samples, rate) => timeline.audio(samples, rate, 0, true),
            silence: (samples, rate) => {
              const before = emitted;
              timeline.silence(samples, rate, 0);
              expect(emitted - before).toBeLessThanOrEqual((MAX_SILENCE_MS * rate) / 1000);
            },
            quiet: () => timeline.quietFrom(0),
            key: (digit) => expect('0123456789*#ABCD').toContain(digit),
            unplayable: (reason) => expect(reason).toMatch(/^RTP payload type \d+ /),
          },
          () => (l16 ? 16000 : undefined),
        );
        for (const p of packets) playout.push(p);
        playout.drain();
      }),
      { numRuns: 3000 },
    );
  });
});
