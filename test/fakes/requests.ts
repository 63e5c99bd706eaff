import type { WebhookRequest } from '../../electron/engine/webhooks/types.ts';
import type { SignedRequest } from './webhook-signers.ts';

/** The engine-side view of a signed request, as the public listener would hand it over. */
export const toWebhookRequest = (signed: SignedRequest): WebhookRequest => ({
  path: signed.path,
  rawBody: Buffer.from(signed.body),
  headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])),
});
