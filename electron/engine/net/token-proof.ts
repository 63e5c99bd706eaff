// How a second start asks "are you the Ringside of my console token?" without sending the token:
// it sends an HMAC of a fixed label keyed by the token, which only a holder of the same token can
// match. A program squatting a port learns nothing it could sign in with.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The request header carrying the proof. */
export const TOKEN_PROOF_HEADER = 'x-ringside-token-proof';

/** HMAC-SHA256 of a fixed label, keyed by `token`, as hex. */
export function tokenProof(token: string): string {
  return createHmac('sha256', token).update('ringside console: same token?').digest('hex');
}

/** Whether `proof` (a header's value) is `token`'s, compared in constant time. */
export function provesToken(proof: string | string[] | undefined, token: string): boolean {
  if (typeof proof !== 'string') return false;
  const expected = Buffer.from(tokenProof(token));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
