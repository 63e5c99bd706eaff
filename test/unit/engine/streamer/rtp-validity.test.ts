import { describe, expect, it } from 'vitest';
import { buildRtp, parseRtp } from '../../../../electron/engine/streamer/rtp.ts';

const payload = Uint8Array.from({ length: 160 }, (_, i) => i);
const packet = (overrides: Partial<Parameters<typeof buildRtp>[0]> = {}) =>
  buildRtp({ payloadType: 0, marker: false, sequence: 65535, timestamp: 4294967200, ssrc: 0xdeadbeef, payload, ...overrides });

describe('RTP packets (RFC 3550)', () => {
  it('reads the header fields and the payload', () => {
    expect(parseRtp(packet({ marker: true }))).toEqual({
      payloadType: 0,
      marker: true,
      sequence: 65535,
      timestamp: 4294967200,
      ssrc: 0xdeadbeef,
      payload,
    });
  });

  it('skips CSRCs and a header extension, and strips padding', () => {
    const base = packet();
    const csrcs = 2;
    const extensionWords = 1;
    const padding = 3;
    const bytes = new Uint8Array(12 + csrcs * 4 + 4 + extensionWords * 4 + payload.length + padding);
    bytes.set(base.subarray(0, 12));
    bytes[0] = 0x80 | 0x20 | 0x10 | csrcs; // V=2, P, X, CC=2
    const ext = 12 + csrcs * 4;
    bytes[ext + 3] = extensionWords;
    bytes.set(payload, ext + 4 + extensionWords * 4);
    bytes[bytes.length - 1] = padding;
    expect(parseRtp(bytes)?.payload).toEqual(payload);
  });

  it.each([
    ['version 1', (b: Uint8Array) => (b[0] = 0x40)],
    ['an RTCP payload type (200, sender report)', (b: Uint8Array) => (b[1] = 200 & 0x7f | 0x80)],
    ['a padding count of zero', (b: Uint8Array) => ((b[0] = 0xa0), (b[b.length - 1] = 0))],
    ['padding longer than the payload', (b: Uint8Array) => ((b[0] = 0xa0), (b[b.length - 1] = 250))],
  ])('rejects %s', (_name, corrupt) => {
    const bytes = packet();
    corrupt(bytes);
    expect(parseRtp(bytes)).toBeUndefined();
  });

  it('rejects a CSRC list longer than the packet', () => {
    const short = packet({ payload: new Uint8Array(10) });
    short[0] = 0x8f; // 15 CSRCs: 60 bytes that are not there
    expect(parseRtp(short)).toBeUndefined();
  });

  it('rejects packets too short to hold a header and a payload', () => {
    expect(parseRtp(packet().subarray(0, 11))).toBeUndefined();
    expect(parseRtp(packet().subarray(0, 12))).toBeUndefined();
  });
});
