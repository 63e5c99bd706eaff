// Ringover's JWT signature: an HS512 token in `X-Ringover-Webhook-Signature`, with one key per
// webhook type. The token carries the event itself (`{url, payload}`, or the envelope's own
// members), so we bind it to the body token for token and to the path it was sent to.
import { createVerifier, TokenError } from 'fast-jwt';
import { compactJson, topLevelMembers } from './json-exact.ts';

export type RingoverWebhookType = 'call' | 'contactCall' | 'contactSearch' | 'routing';

export interface RingoverKeys {
  /** RINGOVER_WEBHOOK_SECRET: HMAC key, and JWT key of every type without its own. */
  secret?: string;
  call?: string;
  contactCall?: string;
  contactSearch?: string;
  routing?: string;
}

export const TYPE_SETTING: Record<RingoverWebhookType, string> = {
  call: 'RINGOVER_WEBHOOK_KEY_CALL',
  contactCall: 'RINGOVER_WEBHOOK_KEY_CONTACT_CALL',
  contactSearch: 'RINGOVER_WEBHOOK_KEY_CONTACT_SEARCH',
  routing: 'RINGOVER_WEBHOOK_KEY_ROUTING',
};

const TYPES = Object.keys(TYPE_SETTING) as RingoverWebhookType[];

export function webhookTypeOf(resource: string, event: string): RingoverWebhookType {
  if (resource === 'call' && event === 'contact') return 'contactCall';
  if (resource === 'search' && event === 'contact') return 'contactSearch';
  if (resource === 'call' && (event === 'routing' || event === 'ivr_response_code')) return 'routing';
  return 'call';
}

/** The only key that verifies a type: its own when set, else the shared secret. */
export const keyFor = (keys: RingoverKeys, type: RingoverWebhookType): string | undefined => keys[type] ?? keys.secret;

/** JWT claims registered by RFC 7519 (plus Ringover's `url`), allowed beside a flat envelope. */
const NON_BODY_CLAIMS = new Set(['iat', 'exp', 'nbf', 'iss', 'aud', 'sub', 'jti', 'url']);

/** True when the signed claims carry exactly this body (same JSON tokens; whitespace aside). */
export function claimsCarryBody(claims: Map<string, string>, bodyText: string): boolean {
  const payload = claims.get('payload');
  if (payload !== undefined) {
    const signed = payload.startsWith('"') ? compactJson(JSON.parse(payload) as string) : payload;
    return signed === compactJson(bodyText);
  }
  const body = topLevelMembers(bodyText);
  if (!body || body.size === 0) return false;
  for (const [key, value] of body) if (claims.get(key) !== value) return false;
  for (const key of claims.keys()) if (!body.has(key) && !NON_BODY_CLAIMS.has(key)) return false;
  return true;
}

export type JwtVerdict =
  | { ok: true; types: Set<RingoverWebhookType> }
  | { ok: false; reason: 'no-key-matched' | 'invalid'; error: string };

export type RingoverJwtVerifier = (token: string, bodyText: string, path: string) => JwtVerdict;

/** Builds the verifier once: one HS512-only verifier per distinct configured key. */
export function createRingoverJwtVerifier(keys: RingoverKeys): RingoverJwtVerifier {
  const candidates = [...new Set(TYPES.map((t) => keyFor(keys, t)).filter((k): k is string => !!k))].map((key) => ({
    verify: createVerifier({ key, algorithms: ['HS512'], complete: true, clockTolerance: 300_000 }),
    types: new Set(TYPES.filter((t) => keyFor(keys, t) === key)),
  }));

  return (token, bodyText, path) => {
    if (!hasCanonicalSignature(token)) return { ok: false, reason: 'invalid', error: 'X-Ringover-Webhook-Signature is not a valid JWT' };
    for (const candidate of candidates) {
      try {
        candidate.verify(token);
      } catch (error) {
        if (error instanceof TokenError && error.code === TokenError.codes.invalidSignature) continue;
        return { ok: false, reason: 'invalid', error: describeTokenError(error) };
      }
      const claims = topLevelMembers(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
      if (!claims || !claimsCarryBody(claims, bodyText)) {
        return { ok: false, reason: 'invalid', error: 'X-Ringover-Webhook-Signature was not issued for this body' };
      }
      const signedUrl = claims.get('url');
      if (signedUrl && !signedPathMatches(JSON.parse(signedUrl) as unknown, path)) {
        return { ok: false, reason: 'invalid', error: 'X-Ringover-Webhook-Signature was issued for another URL' };
      }
      return { ok: true, types: candidate.types };
    }
    return { ok: false, reason: 'no-key-matched', error: 'X-Ringover-Webhook-Signature does not verify with the configured key' };
  };
}

/**
 * The signature segment must be canonical base64url: decoders ignore the last character's spare
 * bits (and stray characters), so without this check one token would have several valid spellings.
 * The other two segments are bytes the HMAC covers, so they cannot be respelled.
 */
function hasCanonicalSignature(token: string): boolean {
  const signature = token.split('.')[2];
  return !signature || Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

/** A tunnel or proxy may add a prefix, so the signed URL's path must end with ours. */
function signedPathMatches(signedUrl: unknown, path: string): boolean {
  if (typeof signedUrl !== 'string') return false;
  try {
    return new URL(signedUrl, 'http://placeholder').pathname.replace(/\/+$/, '').endsWith(path.replace(/\/+$/, ''));
  } catch {
    return false;
  }
}

function describeTokenError(error: unknown): string {
  const code = error instanceof TokenError ? error.code : undefined;
  if (code === TokenError.codes.invalidAlgorithm || code === TokenError.codes.missingSignature) {
    return 'X-Ringover-Webhook-Signature must be an HS512 JWT';
  }
  if (code === TokenError.codes.expired) return 'X-Ringover-Webhook-Signature has expired';
  if (code === TokenError.codes.inactive) return 'X-Ringover-Webhook-Signature is not valid yet (nbf)';
  return 'X-Ringover-Webhook-Signature is not a valid JWT';
}
