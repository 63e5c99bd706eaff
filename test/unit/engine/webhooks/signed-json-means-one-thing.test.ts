// Every provider refuses, with a 400 that names the problem, an authentic body that could mean two
// things (a key twice, at any depth) or that nests past the limit.
import { describe, expect, it } from 'vitest';
import { createRinggProvider } from '../../../../electron/engine/webhooks/ringg.ts';
import { createRingotelProvider } from '../../../../electron/engine/webhooks/ringotel.ts';
import { createRingoverProvider } from '../../../../electron/engine/webhooks/ringover.ts';
import { createRingyoProvider } from '../../../../electron/engine/webhooks/ringyo.ts';
import type { WebhookProvider } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';
import { signRingoverHmac, signRingoverJwt, signRingyo, type SignedRequest } from '../../../fakes/webhook-signers.ts';

const SECRET = 'one-thing-secret';
const deep = (inner: string) => '['.repeat(4000) + inner + ']'.repeat(4000);

interface Case {
  provider: WebhookProvider;
  sign: (body: string) => SignedRequest;
  /** Authentic bodies with a key twice: at the top, and deeper down. */
  duplicated: string[];
  /** An authentic body nested 4,000 levels deep. */
  nested: string;
}

const cases: Record<string, Case> = {
  'Ringover (JWT)': {
    provider: createRingoverProvider({ secret: SECRET }),
    sign: (body) => signRingoverJwt(body, { key: SECRET }),
    duplicated: [
      '{"event":"voicemail","resource":"call","event":"answered","timestamp":1763888400,"data":{"call_id":1}}',
      '{"resource":"call","event":"answered","timestamp":1763888400,"data":{"call_id":1,"user":{"id":1,"id":2}}}',
    ],
    nested: `{"resource":"aftercall","event":"tags_updated","data":{"call_id":1,"tags":${deep('"vip"')}}}`,
  },
  'Ringover (HMAC)': {
    provider: createRingoverProvider({ secret: SECRET }),
    sign: (body) => signRingoverHmac(body, SECRET),
    duplicated: [
      '{"event":"voicemail","resource":"call","event":"answered","timestamp":1763888400,"data":{"call_id":1}}',
      '{"resource":"call","event":"answered","data":{"call_id":1,"call\\u005fid":2}}',
    ],
    nested: `{"resource":"aftercall","event":"tags_updated","data":{"call_id":1,"tags":${deep('"vip"')}}}`,
  },
  Ringotel: {
    provider: createRingotelProvider(SECRET),
    sign: (body) => ({ path: '/webhooks/ringotel', headers: { 'content-type': 'application/json' }, body }),
    duplicated: [
      `{"method":"StartCallActivity","api_token":"${SECRET}","params":{"call_id":"1"},"method":"StopCallActivity"}`,
      `{"method":"StartCallActivity","api_token":"${SECRET}","params":{"call_id":"1","call_id":"2"}}`,
      `{"method":"StartCallActivity","api_token":"${SECRET}","api_tok\\u0065n":"another","params":{"call_id":"1"}}`,
    ],
    nested: `{"method":"StartCallActivity","api_token":"${SECRET}","params":{"call_id":"1","tags":${deep('1')}}}`,
  },
  Ringyo: {
    provider: createRingyoProvider(SECRET),
    sign: (body) => signRingyo(body, SECRET),
    duplicated: [
      '{"event":"call.answered","data":{"call_id":"1"},"event":"call.completed"}',
      '{"event":"call.answered","data":{"call_id":"1","agent":{"name":"a","name":"b"}}}',
    ],
    nested: `{"event":"call.answered","data":{"call_id":"1","x":${deep('1')}}}`,
  },
  Ringg: {
    provider: createRinggProvider('Authorization', `Bearer ${SECRET}`),
    sign: (body) => ({ path: '/webhooks/ringg', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` }, body }),
    duplicated: [
      '{"event_type":"call_started","call_id":"a","call_id":"b"}',
      '{"status":"call_completed","data":{"call_id":"a","analysis":{"summary":"x","summary":"y"}}}',
    ],
    nested: `{"event_type":"call_started","call_id":"a","x":${deep('1')}}`,
  },
};

describe.each(Object.entries(cases))('%s', (_name, { provider, sign, duplicated, nested }) => {
  it.each(duplicated)('refuses a key twice with 400: %s', (body) => {
    const verdict = provider.accept(toWebhookRequest(sign(body)));
    expect(verdict).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^ambiguous JSON.*: JSON object has the key "[a-z_]+" twice/) });
  });

  it('refuses a body nested 4,000 levels deep with 400 naming the limit', () => {
    const verdict = provider.accept(toWebhookRequest(sign(nested)));
    expect(verdict).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/nests deeper than 64 levels/) });
  });
});
