// Ringover's JWT signature: an HS512 token in `X-Ringover-Webhook-Signature`, with one key per
// webhook type. The token carries the event itself (`{url, payload}`, or the envelope's own
// members), so we bind it to the body token for token and to the path it was sent to.
import { createVerifier, TokenError } from 'fast-jwt';
import type { ConfigKey } from '../../../shared/setting-catalog.ts';
import { JsonRefusedError, walkJson } from '../json/walk-json.ts';
import { compactJson, topLevelMembers } from './json-exact.ts';

export type RingoverWebhookType = 'call' | 'contactCall' | 'contactSearch' | 'routing';

export interface RingoverKeys {
  /** The webhook secret (ringoverWebhookSecret): HMAC key, and JWT key of every type without its own. */
  secret?: string;
  call?: string;
  contactCall?: string;
  contactSearch?: string;
  routing?: string;
}

/** The setting that holds each webhook type's own key. */
export const TYPE_SETTING: Record<RingoverWebhookType, ConfigKey> = {
  call: 'ringoverWebhookKeyCall',
  contactCall: 'ringoverWebhookKeyContactCall',
  contactSearch: 'ringoverWebhookKeyContactSearch',
  routing: 'ringoverWebhookKeyRouting',
};

export const TYPES = Object.keys(TYPE_SETTING) as RingoverWebhookType[];

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
  | { ok: false; reason: 'no-key-matched' | 'invalid'; error: string }
  | { ok: false; reason: 'malformed'; error: string; refused: JsonRefusedError };

export type RingoverJwtVerifier = (token: string, bodyText: string, path: string) => JwtVerdict;

/** Builds the verifier once: one HS512-only verifier per distinct configured key. */
export function createRingoverJwtVerifier(keys: RingoverKeys): RingoverJwtVerifier {
  const candidates = [...new Set(TYPES.map((t) => keyFor(keys, t)).filter((k): k is string => !!k))].map((key) => ({
    verify: createVerifier({ key, algorithms: ['HS512'], complete: true, clockTolerance: 300_000 }),
    types: new Set(TYPES.filter((t) => keyFor(keys, t) === key)),
  }));

  return (token, bodyText, path) => {
    const segments = token.split('.');
    if (segments.length !== 3 || !hasCanonicalSignature(segments[2]!)) {
      return { ok: false, reason: 'invalid', error: 'X-Ringover-Webhook-Signature is not a valid JWT' };
    }
    for (const candidate of candidates) {
      try {
        candidate.verify(token);
      } catch (error) {
        if (error instanceof TokenError && error.code === TokenError.codes.invalidSignature) continue;
        return { ok: false, reason: 'invalid', error: describeTokenError(error) };
      }
      const claimsText = Buffer.from(segments[1]!, 'base64url').toString('utf8');
      try {
        walkJson(claimsText); // signed JSON too: within the limits, and no key twice
      } catch (error) {
        if (!(error instanceof JsonRefusedError)) throw error;
        return { ok: false, reason: 'malformed', error: error.message, refused: error };
      }
      const claims = topLevelMembers(claimsText);
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
function hasCanonicalSignature(signature: string): boolean {
  const spareBits = SPARE_BITS[signature.length % 4];
  if (spareBits === undefined || !BASE64URL.test(signature)) return false;
  return spareBits === 0 || (BASE64URL_ALPHABET.indexOf(signature[signature.length - 1]!) & ((1 << spareBits) - 1)) === 0;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Unused low bits of the last character, by length mod 4 (a length of 1 mod 4 is never base64). */
const SPARE_BITS: Record<number, number> = { 0: 0, 2: 4, 3: 2 };

/** A tunnel or proxy may add a prefix, so the signed URL's path must end with ours. */
function signedPathMatches(signedUrl: unknown, path: string): boolean {
  if (typeof signedUrl !== 'string') return false;
  const signedPath = pathOf(signedUrl);
  return signedPath !== undefined && signedPath.replace(/\/+$/, '').endsWith(path.replace(/\/+$/, ''));
}

/** A provider signs the same URL on every delivery: remember the last few parsed paths. */
const parsedPaths = new Map<string, string | undefined>();

function pathOf(url: string): string | undefined {
  if (parsedPaths.has(url)) return parsedPaths.get(url);
  let path: string | undefined;
  try {
    path = new URL(url, 'http://placeholder').pathname;
  } catch {
    path = undefined;
  }
  if (parsedPaths.size >= 16) parsedPaths.clear();
  parsedPaths.set(url, path);
  return path;
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
