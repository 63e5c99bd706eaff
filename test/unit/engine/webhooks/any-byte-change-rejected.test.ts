// Property: a signed delivery with any single byte changed (body or signature header) is rejected.
// Applies to the providers that sign the body: Ringover (JWT and HMAC forms) and Ringyo. Ringotel
// and Ringg authenticate with a bearer secret and do not protect the body, so they are not covered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRingoverProvider } from '../../../../electron/engine/webhooks/ringover.ts';
import { createRingyoProvider } from '../../../../electron/engine/webhooks/ringyo.ts';
import type { WebhookProvider } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';
import { signRingoverHmac, signRingoverJwt, signRingyo, type SignedRequest } from '../../../fakes/webhook-signers.ts';

const KEY = 'property-secret';
const ringover = createRingoverProvider({ secret: KEY });
const ringyo = createRingyoProvider(KEY);

const ringoverEnvelope = fc
  .record({
    event: fc.constantFrom('ringing', 'answered', 'hangup', 'missed'),
    callId: fc.bigInt({ min: 1n, max: 10n ** 19n }),
    data: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'call_id'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  })
  .map(({ event, callId, data }) => `{"resource":"call","event":"${event}","timestamp":1763893200,"attempt":1,"data":{"call_id":${callId},${JSON.stringify(data).slice(1)}}`.replace(',}}', '}}'));

const ringyoEnvelope = fc
  .record({ callId: fc.string({ minLength: 1, maxLength: 12 }).filter((id) => id.trim() !== ''), extra: fc.jsonValue({ maxDepth: 2 }) })
  .map(({ callId, extra }) => JSON.stringify({ event: 'call.answered', timestamp: 1763893200, webhook_id: 'w', data: { call_id: callId, extra } }));

type Target = 'body' | 'signature';

function mutate(signed: SignedRequest, header: string, target: Target, position: number, delta: number): SignedRequest {
  const flip = (bytes: Buffer) => {
    const i = position % bytes.length;
    bytes[i] = (bytes[i]! + delta) % 256;
    return bytes;
  };
  if (target === 'body') return { ...signed, body: flip(Buffer.from(signed.body)).toString('latin1') };
  return { ...signed, headers: { ...signed.headers, [header]: flip(Buffer.from(signed.headers[header]!)).toString('latin1') } };
}

async function checkProperty(provider: WebhookProvider, bodies: fc.Arbitrary<string>, sign: (body: string) => SignedRequest, header: string) {
  await fc.assert(
    fc.asyncProperty(bodies, fc.constantFrom<Target>('body', 'signature'), fc.nat(), fc.integer({ min: 1, max: 255 }), async (body, target, position, delta) => {
      const signed = sign(body);
      expect((await provider.accept(toWebhookRequest(signed))).ok).toBe(true);
      const changed = mutate(signed, header, target, position, delta);
      // Sent as raw bytes: latin1 maps each char back to the one (changed) byte.
      const request = { ...toWebhookRequest(changed), rawBody: Buffer.from(changed.body, 'latin1') };
      const verdict = await provider.accept(request);
      expect(verdict.ok).toBe(false);
    }),
    { numRuns: 400 },
  );
}

describe('changing any byte of a signed request', () => {
  it('is always rejected for Ringover JWT deliveries', () =>
    checkProperty(ringover, ringoverEnvelope, (b) => signRingoverJwt(b, { key: KEY }), 'x-ringover-webhook-signature'));

  it('is always rejected for Ringover HMAC deliveries', () =>
    checkProperty(ringover, ringoverEnvelope, (b) => signRingoverHmac(b, KEY), 'x-ringover-signature'));

  it('is always rejected for Ringyo deliveries', () => checkProperty(ringyo, ringyoEnvelope, (b) => signRingyo(b, KEY), 'x-ringyo-signature'));
});
