import { describe, expect, it } from 'vitest';
import { hmacHex, safeEqual, verifyHmacSha256Hex } from '../../../../electron/engine/webhooks/signatures.ts';

describe('HMAC helpers', () => {
  // GitHub's published test vector for X-Hub-Signature-256.
  const secret = "It's a Secret to Everybody";
  const payload = 'Hello, World!';
  const expected = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it('matches the GitHub X-Hub-Signature-256 test vector', () => {
    expect(hmacHex('sha256', secret, payload)).toBe(expected);
    expect(verifyHmacSha256Hex(`sha256=${expected}`, secret, Buffer.from(payload))).toBe(true);
  });

  it('accepts the bare hex form, and only the exact lowercase spelling', () => {
    expect(verifyHmacSha256Hex(expected, secret, Buffer.from(payload))).toBe(true);
    expect(verifyHmacSha256Hex(expected.toUpperCase(), secret, Buffer.from(payload))).toBe(false);
    expect(verifyHmacSha256Hex(`SHA256=${expected}`, secret, Buffer.from(payload))).toBe(false);
  });

  it('rejects a signature of another body or key', () => {
    expect(verifyHmacSha256Hex(expected, secret, Buffer.from('Hello, World?'))).toBe(false);
    expect(verifyHmacSha256Hex(expected, 'another secret', Buffer.from(payload))).toBe(false);
    expect(verifyHmacSha256Hex(expected.slice(0, -1), secret, Buffer.from(payload))).toBe(false);
  });

  it('compares strings of any length without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });
});
