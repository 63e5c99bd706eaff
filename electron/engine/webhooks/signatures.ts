import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacHex(algorithm: 'sha256' | 'sha512', key: string, data: Uint8Array | string): string {
  return createHmac(algorithm, key).update(data).digest('hex');
}

/**
 * Constant-time string comparison. Both sides are hashed first, so neither the content nor
 * the length of the expected value leaks through timing.
 */
export function safeEqual(received: string, expected: string): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && received.length === expected.length;
}

/**
 * Checks a lowercase hex HMAC-SHA256 of the raw body, with or without a `sha256=` prefix. Exact
 * spelling only (as every HMAC library writes it), so one signature has exactly one valid form.
 */
export function verifyHmacSha256Hex(header: string, key: string, rawBody: Uint8Array): boolean {
  const received = header.trim().replace(/^sha256=/, '');
  // A digest's length is public (64 hex digits): past that check, compare the 32 bytes themselves.
  if (!LOWER_HEX_SHA256.test(received)) return false;
  return timingSafeEqual(Buffer.from(received, 'hex'), createHmac('sha256', key).update(rawBody).digest());
}

const LOWER_HEX_SHA256 = /^[0-9a-f]{64}$/;
