// Signs deliveries the way each provider does, independently of the engine's verifiers.
import { createHmac } from 'node:crypto';

export interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RingoverSignOptions {
  key: string;
  /** `payload` (default): claims {url, payload}; `flat`: the envelope's own members are the claims; `string`: payload as a JSON string. */
  form?: 'payload' | 'flat' | 'string';
  url?: string;
  /** HS512 unless a test wants another (HS256) or none. */
  alg?: 'HS512' | 'HS256' | 'none';
  /** Seconds since the epoch; omitted by default. */
  exp?: number;
}

const b64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');

/**
 * Ringover's JWT form: an HS512 token carrying the event, in X-Ringover-Webhook-Signature. Built
 * from the exact body text (no JSON round trip, so ids above 2^53 stay exact) with node:crypto.
 */
export function signRingoverJwt(body: string, options: RingoverSignOptions): SignedRequest {
  const path = '/webhooks/ringover';
  const alg = options.alg ?? 'HS512';
  const url = JSON.stringify(options.url ?? `https://example.test${path}`);
  const exp = options.exp === undefined ? '' : `"exp":${options.exp},`;
  const claims =
    options.form === 'flat'
      ? `{${exp}"iat":${Math.floor(Date.now() / 1000)},${body.trim().slice(1)}`
      : `{${exp}"url":${url},"payload":${options.form === 'string' ? JSON.stringify(body) : body}}`;
  const signingInput = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(claims)}`;
  const signature = alg === 'none' ? '' : createHmac(alg === 'HS512' ? 'sha512' : 'sha256', options.key).update(signingInput).digest('base64url');
  return { path, headers: { 'content-type': 'application/json', 'x-ringover-webhook-signature': `${signingInput}.${signature}` }, body };
}

export function signRingoverHmac(body: string, secret: string): SignedRequest {
  const hex = createHmac('sha256', secret).update(body).digest('hex');
  return { path: '/webhooks/ringover', headers: { 'content-type': 'application/json', 'x-ringover-signature': `sha256=${hex}` }, body };
}

export function signRingyo(body: string, secret: string): SignedRequest {
  const hex = createHmac('sha256', secret).update(body).digest('hex');
  return { path: '/webhooks/ringyo', headers: { 'content-type': 'application/json', 'x-ringyo-signature': hex }, body };
}

export function ringotelRequest(method: string, params: Record<string, unknown>, apiToken: string): SignedRequest {
  return {
    path: '/webhooks/ringotel',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, api_token: apiToken, params }),
  };
}

export function ringgRequest(payload: Record<string, unknown>, headerValue: string, headerName = 'authorization'): SignedRequest {
  return { path: '/webhooks/ringg', headers: { 'content-type': 'application/json', [headerName]: headerValue }, body: JSON.stringify(payload) };
}

/**
 * A Ringover envelope as JSON text, with the call id written as a bare (possibly > 2^53) number.
 * `timestamp` (epoch seconds, as written) defaults to now: a redelivery repeats the event's
 * timestamp, so tests of redeliveries pass one.
 */
export function ringoverBody(event: string, callId: string, data: Record<string, unknown> = {}, resource = 'call', attempt = 1, timestamp = (Date.now() / 1000).toFixed(3)): string {
  const rest = JSON.stringify({ id: `evt-${callId}`, ...data }).slice(1);
  return `{"resource":"${resource}","event":"${event}","timestamp":${timestamp},"attempt":${attempt},"data":{"call_id":${callId},${rest}}`;
}
