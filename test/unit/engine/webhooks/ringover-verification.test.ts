import { describe, expect, it } from 'vitest';
import { createRingoverProvider } from '../../../../electron/engine/webhooks/ringover.ts';
import type { AcceptedDelivery, DeliveryVerdict } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';
import { ringoverBody, signRingoverHmac, signRingoverJwt } from '../../../fakes/webhook-signers.ts';

const SECRET = 'ringover-shared-secret';
const BIG_ID = '1234567890987654321';
const provider = createRingoverProvider({ secret: SECRET });
const accept = (signed: Parameters<typeof toWebhookRequest>[0]) => provider.accept(toWebhookRequest(signed));

function accepted(verdict: DeliveryVerdict): AcceptedDelivery {
  if (!verdict.ok) throw new Error(`rejected ${verdict.status}: ${verdict.error}`);
  return verdict;
}

describe('Ringover webhook verification', () => {
  it('accepts an HS512 JWT carrying {url, payload} and keeps the call id exact', async () => {
    const body = ringoverBody('ringing', BIG_ID, { direction: 'in', from_number: '33612345678', to_number: '33187654321' });
    const result = accepted(await accept(signRingoverJwt(body, { key: SECRET })));
    expect(result.event).toMatchObject({ provider: 'ringover', providerCallId: BIG_ID, type: 'ringing', direction: 'inbound' });
    expect(result.event.from).toEqual({ number: '33612345678' });
    expect(result.storedBody).toBe(body);
  });

  it('accepts the flat claims form and the string payload form', async () => {
    const body = ringoverBody('hangup', BIG_ID, { duration_in_seconds: 42 });
    expect(accepted(await accept(signRingoverJwt(body, { key: SECRET, form: 'flat' }))).event.type).toBe('ended');
    expect(accepted(await accept(signRingoverJwt(body, { key: SECRET, form: 'string' }))).event.durationSeconds).toBe(42);
  });

  it('accepts the HMAC form X-Ringover-Signature: sha256=<hex>', async () => {
    const body = ringoverBody('answered', BIG_ID);
    expect(accepted(await accept(signRingoverHmac(body, SECRET))).event.type).toBe('answered');
  });

  it('rejects a tampered body under both forms', async () => {
    const body = ringoverBody('answered', BIG_ID);
    for (const signed of [signRingoverJwt(body, { key: SECRET }), signRingoverHmac(body, SECRET)]) {
      const tampered = { ...signed, body: signed.body.replace('answered', 'hangup\u0020\u0020') };
      expect(await accept(tampered)).toMatchObject({ ok: false, status: 401 });
    }
  });

  it('rejects a JWT signed with a wrong key', async () => {
    const verdict = await accept(signRingoverJwt(ringoverBody('ringing', '1'), { key: 'not-the-secret' }));
    expect(verdict).toEqual({ ok: false, status: 401, error: 'X-Ringover-Webhook-Signature does not verify with the configured key' });
  });

  it('rejects HS256 and alg "none" even when keyed with the right secret', async () => {
    const body = ringoverBody('ringing', '1');
    for (const alg of ['HS256', 'none'] as const) {
      expect(await accept(signRingoverJwt(body, { key: SECRET, alg }))).toEqual({
        ok: false,
        status: 401,
        error: 'X-Ringover-Webhook-Signature must be an HS512 JWT',
      });
    }
  });

  it('rejects the signature spelled with other spare bits in its last base64url character', async () => {
    const signed = signRingoverJwt(ringoverBody('ringing', '1'), { key: SECRET });
    const token = signed.headers['x-ringover-webhook-signature']!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.at(-1)!);
    for (let d = 1; d < 4; d++) {
      const respelled = token.slice(0, -1) + alphabet[(last & ~3) | ((last + d) & 3)];
      const verdict = await accept({ ...signed, headers: { 'x-ringover-webhook-signature': respelled } });
      expect(verdict).toMatchObject({ ok: false, status: 401 });
    }
  });

  it('rejects an expired token and one issued for another URL', async () => {
    const body = ringoverBody('ringing', '1');
    const expired = await accept(signRingoverJwt(body, { key: SECRET, exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(expired).toMatchObject({ ok: false, status: 401, error: 'X-Ringover-Webhook-Signature has expired' });
    const elsewhere = await accept(signRingoverJwt(body, { key: SECRET, url: 'https://example.test/other-hook' }));
    expect(elsewhere).toMatchObject({ ok: false, status: 401, error: 'X-Ringover-Webhook-Signature was issued for another URL' });
  });

  it('accepts a signed URL with a proxy prefix in front of our path', async () => {
    const signed = signRingoverJwt(ringoverBody('ringing', '1'), { key: SECRET, url: 'https://example.test/ringside/webhooks/ringover' });
    expect((await accept(signed)).ok).toBe(true);
  });

  it('rejects a request with no signature header, saying which headers it expects', async () => {
    const verdict = await accept({ path: '/webhooks/ringover', headers: {}, body: ringoverBody('ringing', '1') });
    expect(verdict).toMatchObject({ ok: false, status: 401 });
    expect((verdict as { error: string }).error).toContain('X-Ringover-Webhook-Signature');
  });

  it('answers 503 naming the setting when no key is configured', async () => {
    const unconfigured = createRingoverProvider({});
    const verdict = await unconfigured.accept(toWebhookRequest(signRingoverHmac(ringoverBody('ringing', '1'), SECRET)));
    expect(verdict).toMatchObject({ ok: false, status: 503 });
    expect((verdict as { error: string }).error).toBe(
      'Ringover webhooks are not configured: set “Webhook secret” (Ringover; in Settings or RINGOVER_WEBHOOK_SECRET) to the secret from the Ringover dashboard',
    );
    expect(unconfigured.missingSetting()).toBe('ringoverWebhookSecret');
  });

  it('answers 400 naming the missing field', async () => {
    const noCallId = '{"resource":"call","event":"ringing","timestamp":1,"data":{}}';
    expect(await accept(signRingoverHmac(noCallId, SECRET))).toEqual({ ok: false, status: 400, error: 'missing required field: data.call_id' });
    const noResource = '{"event":"ringing","data":{"call_id":1}}';
    expect(await accept(signRingoverHmac(noResource, SECRET))).toEqual({ ok: false, status: 400, error: 'missing required field: resource' });
    expect(await accept(signRingoverHmac('{"resource":', SECRET))).toMatchObject({ ok: false, status: 400 });
  });

  it('gives a redelivery (new attempt number) the same dedupe key, and another event its own', async () => {
    const first = accepted(await accept(signRingoverHmac(ringoverBody('hangup', BIG_ID, {}, 'call', 1, '1700000100.1'), SECRET)));
    const retry = accepted(await accept(signRingoverHmac(ringoverBody('hangup', BIG_ID, {}, 'call', 2, '1700000100.1'), SECRET)));
    const other = accepted(await accept(signRingoverHmac(ringoverBody('answered', BIG_ID, {}, 'call', 1, '1700000100.1'), SECRET)));
    const later = accepted(await accept(signRingoverHmac(ringoverBody('hangup', BIG_ID, {}, 'call', 1, '1700000460.5'), SECRET)));
    expect(retry.dedupeKey).toBe(first.dedupeKey);
    expect(other.dedupeKey).not.toBe(first.dedupeKey);
    expect(later.dedupeKey).not.toBe(first.dedupeKey);
  });
});

describe('Ringover per-type webhook keys', () => {
  const keys = { secret: 'shared-secret', call: 'key-call', contactCall: 'key-contact', contactSearch: 'key-search', routing: 'key-routing' };
  const typed = createRingoverProvider(keys);
  const cases = [
    { resource: 'call', event: 'hangup', key: keys.call },
    { resource: 'aftercall', event: 'record_available', key: keys.call },
    { resource: 'call', event: 'contact', key: keys.contactCall },
    { resource: 'search', event: 'contact', key: keys.contactSearch },
    { resource: 'call', event: 'routing', key: keys.routing },
    { resource: 'call', event: 'ivr_response_code', key: keys.routing },
  ];

  it.each(cases)('$resource/$event verifies only with its own key', async ({ resource, event, key }) => {
    const body = ringoverBody(event, '77', {}, resource);
    expect((await typed.accept(toWebhookRequest(signRingoverJwt(body, { key })))).ok).toBe(true);
    for (const other of Object.values(keys).filter((k) => k !== key)) {
      const verdict = await typed.accept(toWebhookRequest(signRingoverJwt(body, { key: other })));
      expect(verdict, `signed with ${other}`).toMatchObject({ ok: false, status: 401 });
    }
  });

  it('falls back to RINGOVER_WEBHOOK_SECRET for a type without its own key', async () => {
    const partial = createRingoverProvider({ secret: 'shared-secret', call: 'key-call' });
    const body = ringoverBody('contact', '77');
    expect((await partial.accept(toWebhookRequest(signRingoverJwt(body, { key: 'shared-secret' })))).ok).toBe(true);
  });

  it('refuses the shared-secret HMAC for a type that has its own key, saying why and what to do', async () => {
    const partial = createRingoverProvider({ secret: 'shared-secret', call: 'key-call' });
    for (const [resource, event] of [['call', 'answered'], ['aftercall', 'record_available'], ['sms', 'received']]) {
      const verdict = await partial.accept(toWebhookRequest(signRingoverHmac(ringoverBody(event!, '78', {}, resource), 'shared-secret')));
      expect(verdict, `${resource}/${event}`).toEqual({
        ok: false,
        status: 401,
        error: expect.stringMatching(
          /^X-Ringover-Signature is made with “Webhook secret” \(Ringover; in Settings or RINGOVER_WEBHOOK_SECRET\), but “Call events key” \(Ringover; in Settings or RINGOVER_WEBHOOK_KEY_CALL\) is set and is then the only key .*clear “Call events key” \(Ringover\)/,
        ),
      });
    }
    // Types without their own key still take the HMAC, and the type's own key still works.
    expect((await partial.accept(toWebhookRequest(signRingoverHmac(ringoverBody('contact', '78'), 'shared-secret')))).ok).toBe(true);
    expect((await partial.accept(toWebhookRequest(signRingoverJwt(ringoverBody('answered', '78'), { key: 'key-call' })))).ok).toBe(true);
  });

  it('answers 503 naming the key when a type has no key and there is no shared secret', async () => {
    const partial = createRingoverProvider({ call: 'key-call' });
    const verdict = await partial.accept(toWebhookRequest(signRingoverJwt(ringoverBody('contact', '1', {}, 'search'), { key: 'whatever' })));
    expect(verdict).toMatchObject({ ok: false, status: 503 });
    expect((verdict as { error: string }).error).toContain('set “Contact search key” (Ringover; in Settings or RINGOVER_WEBHOOK_KEY_CONTACT_SEARCH) (or “Webhook secret” (Ringover; in Settings or RINGOVER_WEBHOOK_SECRET))');
  });
});
