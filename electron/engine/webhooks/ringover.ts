// Ringover: envelope {resource, event, timestamp, attempt, data}; signed by an HS512 JWT
// (X-Ringover-Webhook-Signature) or an HMAC of the raw body (X-Ringover-Signature: sha256=<hex>).
import type { IncomingHttpHeaders } from 'node:http';
import { nameSetting, settingLabel } from '../../../shared/setting-names.ts';
import { decodeUtf8, isObject, parseObjectText, pick, refusedJson, type Json } from './fields.ts';
import { decodeJsonString } from '../json/walk-json.ts';
import { findTopLevelMember } from './json-exact.ts';
import { ringoverEvent } from './ringover-events.ts';
import { createRingoverJwtVerifier, keyFor, TYPE_SETTING, TYPES, webhookTypeOf, type RingoverKeys, type RingoverWebhookType } from './ringover-signature.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { verifyHmacSha256Hex } from './signatures.ts';
import { notConfigured, reject, type DeliveryVerdict, type RejectedDelivery, type WebhookProvider } from './types.ts';

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Which signature verified a delivery, and the webhook types its key may sign. */
interface Verified {
  by: 'jwt' | 'hmac';
  types: ReadonlySet<RingoverWebhookType>;
}

export function createRingoverProvider(keys: RingoverKeys): WebhookProvider {
  const anyKey = Object.values(keys).some(Boolean);
  const verifyJwt = createRingoverJwtVerifier(keys);
  // The HMAC is always made with the shared secret: it verifies only types without a key of their own.
  const hmacTypes: ReadonlySet<RingoverWebhookType> = new Set(TYPES.filter((type) => !keys[type]));
  /** What the headers alone tell: not configured, or no signature at all. */
  const screenHeaders = (headers: IncomingHttpHeaders): RejectedDelivery | undefined => {
    if (!anyKey) return notConfigured('Ringover', 'ringoverWebhookSecret');
    const jwt = header(headers, 'x-ringover-webhook-signature');
    const hmac = header(headers, 'x-ringover-signature');
    if (!jwt && !hmac) {
      return reject(401, 'missing signature: expected X-Ringover-Webhook-Signature (JWT) or X-Ringover-Signature (sha256=<hex>)');
    }
    if (hmac && !keys.secret) return notConfigured('Ringover', 'ringoverWebhookSecret');
    return undefined;
  };
  return {
    name: 'ringover',
    missingSetting: () => (anyKey ? undefined : 'ringoverWebhookSecret'),
    screen(headers) {
      return screenHeaders(headers);
    },
    accept(request) {
      const refused = screenHeaders(request.headers);
      if (refused) return refused;
      const jwt = header(request.headers, 'x-ringover-webhook-signature');
      const hmac = header(request.headers, 'x-ringover-signature');
      if (hmac) {
        if (!keys.secret) return notConfigured('Ringover', 'ringoverWebhookSecret');
        if (!verifyHmacSha256Hex(hmac, keys.secret, request.rawBody)) {
          return reject(401, `X-Ringover-Signature does not match the body: check ${nameSetting('ringoverWebhookSecret', 'peer')}`);
        }
      }
      const text = decodeUtf8(request.rawBody);
      let verified: Verified = { by: 'hmac', types: hmacTypes };
      if (jwt) {
        const verdict = text === undefined
          ? ({ ok: false, reason: 'invalid', error: 'X-Ringover-Webhook-Signature was not issued for this body' } as const)
          : verifyJwt(jwt, text, request.path);
        if (!verdict.ok) {
          if (verdict.reason === 'malformed') return refusedJson(verdict.refused, "X-Ringover-Webhook-Signature's claims");
          const type = verdict.reason === 'no-key-matched' && text !== undefined ? claimedType(text) : undefined;
          if (type && !keyFor(keys, type)) return missingKey(type);
          return reject(401, verdict.error);
        }
        verified = { by: 'jwt', types: verdict.types };
      }
      const parsed = parseObjectText(text);
      if (!parsed.ok) return parsed;
      return normalize(parsed.body, parsed.text, verified, keys);
    },
  };
}

/**
 * The webhook type an unauthenticated body claims (to name the key to set), read with bounded
 * walks to its `resource` and `event`: the body is not parsed before it is authenticated.
 */
function claimedType(text: string): RingoverWebhookType | undefined {
  const member = (key: string) => {
    try {
      const span = findTopLevelMember(text, key);
      return span && text.charCodeAt(span.start) === 0x22 ? decodeJsonString(text, span.start, span.end) : undefined;
    } catch {
      return undefined;
    }
  };
  const resource = member('resource');
  const event = member('event');
  return resource === undefined || event === undefined ? undefined : webhookTypeOf(resource, event);
}

function missingKey(type: keyof typeof TYPE_SETTING) {
  return notConfigured('Ringover', TYPE_SETTING[type], 'ringoverWebhookSecret');
}

function normalize(body: Json, text: string, verified: Verified, keys: RingoverKeys): DeliveryVerdict {
  const { resource, event, data } = body;
  if (typeof resource !== 'string' || !resource) return reject(400, 'missing required field: resource');
  if (typeof event !== 'string' || !event) return reject(400, 'missing required field: event');
  if (!isObject(data)) return reject(400, 'missing required field: data (an object)');

  const webhookType = webhookTypeOf(resource, event);
  if (!verified.types.has(webhookType)) {
    if (!keyFor(keys, webhookType)) return missingKey(webhookType);
    const setting = TYPE_SETTING[webhookType];
    if (verified.by === 'hmac') {
      return reject(
        401,
        `X-Ringover-Signature is made with ${nameSetting('ringoverWebhookSecret', 'peer')}, but ${nameSetting(setting, 'peer')} is set and is then the only key for this webhook type: ` +
          `have Ringover sign it with that key (X-Ringover-Webhook-Signature), or clear ${settingLabel(setting)} to verify it with ${settingLabel('ringoverWebhookSecret')}`,
      );
    }
    return reject(401, `X-Ringover-Webhook-Signature uses another webhook type's key: set ${nameSetting(setting, 'peer')} to this webhook's key`);
  }

  const belongsToCall = resource === 'call' || resource === 'aftercall';
  const providerCallId = pick(data, 'call_id', 'id');
  if (belongsToCall && !providerCallId) return reject(400, 'missing required field: data.call_id');
  const unusable = refuseUnusableIds({ 'data.call_id': pick(data, 'call_id'), 'data.id': pick(data, 'id') });
  if (unusable) return unusable;

  const { dedupeKey, event: normalized } = ringoverEvent(resource, event, data, body, belongsToCall ? providerCallId : undefined);
  return { ok: true, dedupeKey, storedBody: text, event: normalized };
}
