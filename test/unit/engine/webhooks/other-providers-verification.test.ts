import { describe, expect, it } from 'vitest';
import { createRinggProvider } from '../../../../electron/engine/webhooks/ringg.ts';
import { createRingotelProvider } from '../../../../electron/engine/webhooks/ringotel.ts';
import { createRingyoProvider } from '../../../../electron/engine/webhooks/ringyo.ts';
import type { AcceptedDelivery, DeliveryVerdict } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';
import { ringgRequest, ringotelRequest, signRingyo } from '../../../fakes/webhook-signers.ts';

function accepted(verdict: DeliveryVerdict): AcceptedDelivery {
  if (!verdict.ok) throw new Error(`rejected ${verdict.status}: ${verdict.error}`);
  return verdict;
}

describe('Ringotel webhook verification', () => {
  const TOKEN = 'ringotel-api-token';
  const provider = createRingotelProvider(TOKEN);
  const params = { call_id: '9007199254740995', direction: 'inbound', caller: '+33612345678', callee: '+33187654321', timestamp: 1763893200123 };

  it('accepts the api_token from the body, keeps the id exact and never stores the token', async () => {
    const signed = ringotelRequest('StartCallActivity', params, TOKEN);
    const result = accepted(await provider.accept(toWebhookRequest(signed)));
    expect(result.event).toMatchObject({ providerCallId: '9007199254740995', type: 'ringing', occurredAt: '2025-11-23T10:20:00.123Z' });
    expect(result.storedBody).not.toContain(TOKEN);
    expect(result.storedBody).toContain('"api_token":"[redacted]"');
  });

  it('keeps an unquoted call id above 2^53 exactly', async () => {
    const body = `{"method":"StopCallActivity","api_token":"${TOKEN}","params":{"call_id":1234567890987654321,"duration":30}}`;
    const result = accepted(await provider.accept(toWebhookRequest({ path: '/webhooks/ringotel', headers: {}, body })));
    expect(result.event).toMatchObject({ providerCallId: '1234567890987654321', type: 'ended', durationSeconds: 30 });
  });

  it('rejects a wrong or missing token with 401', async () => {
    expect(await provider.accept(toWebhookRequest(ringotelRequest('StartCallActivity', params, 'wrong')))).toMatchObject({ ok: false, status: 401 });
    const body = JSON.stringify({ method: 'StartCallActivity', params });
    expect(await provider.accept(toWebhookRequest({ path: '/webhooks/ringotel', headers: {}, body }))).toEqual({
      ok: false,
      status: 401,
      error: 'missing api_token in the body',
    });
  });

  it('dedupes a redelivery of the same body, keeps another leg of the call, and rejects a missing call id with 400', async () => {
    const a = accepted(await provider.accept(toWebhookRequest(ringotelRequest('StopCallActivity', params, TOKEN))));
    const again = accepted(await provider.accept(toWebhookRequest(ringotelRequest('StopCallActivity', params, TOKEN))));
    const otherUser = accepted(await provider.accept(toWebhookRequest(ringotelRequest('StopCallActivity', { ...params, user_id: '2', extension: '501' }, TOKEN))));
    expect(again.dedupeKey).toBe(a.dedupeKey);
    expect(a.dedupeKey).toMatch(/^StopCallActivity:9007199254740995:/);
    expect(otherUser.dedupeKey).not.toBe(a.dedupeKey);
    expect(await provider.accept(toWebhookRequest(ringotelRequest('StopCallActivity', { caller: '1' }, TOKEN)))).toEqual({
      ok: false,
      status: 400,
      error: 'missing required field: params.call_id',
    });
  });

  it('answers 503 naming the API token as Settings and the environment call it, when unconfigured', async () => {
    const verdict = await createRingotelProvider(undefined).accept(toWebhookRequest(ringotelRequest('StartCallActivity', params, TOKEN)));
    expect(verdict).toMatchObject({ ok: false, status: 503 });
    expect((verdict as { error: string }).error).toContain('set “API token” (Ringotel; in Settings or RINGOTEL_API_TOKEN)');
  });
});

describe('Ringyo webhook verification', () => {
  const SECRET = 'ringyo-secret';
  const provider = createRingyoProvider(SECRET);
  const body = JSON.stringify({
    event: 'call.completed',
    timestamp: '2026-11-23T10:00:00Z',
    webhook_id: 'wh_1',
    data: { call_id: 'c-1', from: '+33612345678', to: '+33187654321', direction: 'outbound', duration: 61 },
  });

  it('accepts a valid signature and normalizes the event', async () => {
    const result = accepted(await provider.accept(toWebhookRequest(signRingyo(body, SECRET))));
    expect(result.event).toMatchObject({ type: 'ended', providerCallId: 'c-1', direction: 'outbound', durationSeconds: 61 });
    expect(result.dedupeKey).toMatch(/^call\.completed:c-1:[0-9a-f]{32}$/);
    expect(accepted(await provider.accept(toWebhookRequest(signRingyo(body, SECRET)))).dedupeKey).toBe(result.dedupeKey);
  });

  it('uses the event id for dedupe when there is one, not webhook_id', async () => {
    const withId = JSON.stringify({ id: 'evt_9', event: 'call.answered', webhook_id: 'wh_1', data: { call_id: 'c-1' } });
    expect(accepted(await provider.accept(toWebhookRequest(signRingyo(withId, SECRET)))).dedupeKey).toBe('id:evt_9');
  });

  it('rejects a tampered body, a wrong key and a missing header', async () => {
    const signed = signRingyo(body, SECRET);
    expect(await provider.accept(toWebhookRequest({ ...signed, body: body.replace('61', '62') }))).toMatchObject({ ok: false, status: 401 });
    expect(await provider.accept(toWebhookRequest(signRingyo(body, 'wrong')))).toMatchObject({ ok: false, status: 401 });
    expect(await provider.accept(toWebhookRequest({ ...signed, headers: {} }))).toEqual({
      ok: false,
      status: 401,
      error: 'missing x-ringyo-signature header',
    });
  });

  it('answers 400 for a call event without call id', async () => {
    const noId = JSON.stringify({ event: 'call.answered', data: {} });
    expect(await provider.accept(toWebhookRequest(signRingyo(noId, SECRET)))).toEqual({
      ok: false,
      status: 400,
      error: 'missing required field: data.call_id',
    });
  });
});

describe('Ringg webhook verification', () => {
  const provider = createRinggProvider('Authorization', 'Bearer ringg-token');

  it('accepts the configured header value and the flat payload', async () => {
    const signed = ringgRequest({ event_type: 'call_completed', call_id: 'rg-1', to_number: '+33612345678', duration: 12 }, 'Bearer ringg-token');
    const result = accepted(await provider.accept(toWebhookRequest(signed)));
    expect(result.event).toMatchObject({ type: 'ended', providerCallId: 'rg-1', durationSeconds: 12 });
    expect(result.dedupeKey).toBe('call_completed:rg-1');
    expect(accepted(await provider.accept(toWebhookRequest(signed))).dedupeKey).toBe(result.dedupeKey);
  });

  it('accepts the older {status, data, message} callback', async () => {
    const signed = ringgRequest({ status: 'success', message: 'done', data: { call_id: 'rg-2', event_type: 'recording_completed', recording_url: 'https://r.test/a.mp3' } }, 'Bearer ringg-token');
    const result = accepted(await provider.accept(toWebhookRequest(signed)));
    expect(result.event).toMatchObject({ type: 'recording', providerCallId: 'rg-2', links: { recordingUrl: 'https://r.test/a.mp3' } });
  });

  it('honours a custom header name', async () => {
    const custom = createRinggProvider('X-Ringg-Token', 'abc-ringg-token');
    expect((await custom.accept(toWebhookRequest(ringgRequest({ event_type: 'call_started', call_id: '1' }, 'abc-ringg-token', 'x-ringg-token')))).ok).toBe(true);
    expect(await custom.accept(toWebhookRequest(ringgRequest({ event_type: 'call_started', call_id: '1' }, 'abc-ringg-token')))).toEqual({
      ok: false,
      status: 401,
      error: 'missing X-Ringg-Token header',
    });
  });

  it('rejects a wrong value and reports missing fields', async () => {
    expect(await provider.accept(toWebhookRequest(ringgRequest({ event_type: 'call_started', call_id: '1' }, 'Bearer nope')))).toMatchObject({ ok: false, status: 401 });
    expect(await provider.accept(toWebhookRequest(ringgRequest({ call_id: '1' }, 'Bearer ringg-token')))).toEqual({
      ok: false,
      status: 400,
      error: 'missing required field: event_type',
    });
  });
});
