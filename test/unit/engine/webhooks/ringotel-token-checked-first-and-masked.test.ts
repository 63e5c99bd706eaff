// Ringotel's api_token travels in the body: it is checked before the body is parsed whole (a
// forgery costs a bounded walk), and masked from the kept body by its parsed key, however spelled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../../electron/engine/json/walk-json.ts';
import { findTopLevelMember, redactJson } from '../../../../electron/engine/webhooks/json-exact.ts';
import { createRingotelProvider } from '../../../../electron/engine/webhooks/ringotel.ts';
import type { AcceptedDelivery, DeliveryVerdict } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';

const TOKEN = 'ringotel-api-token';
const provider = createRingotelProvider(TOKEN);
const deliver = (body: string) => provider.accept(toWebhookRequest({ path: '/webhooks/ringotel', headers: {}, body }));

function accepted(verdict: DeliveryVerdict): AcceptedDelivery {
  if (!verdict.ok) throw new Error(`rejected ${verdict.status}: ${verdict.error}`);
  return verdict;
}

describe('Ringotel token masking', () => {
  const spellings = [
    `{"method":"StartCallActivity","api_tok\\u0065n":"${TOKEN}","params":{"call_id":"m1"}}`,
    `{"method":"StartCallActivity","\\u0061\\u0070\\u0069\\u005f\\u0074\\u006f\\u006b\\u0065\\u006e":"${TOKEN}","params":{"call_id":"m1"}}`,
    `{"method":"StartCallActivity","api_token" \n\t : \r "${TOKEN}","params":{"call_id":"m1"}}`,
    `{ "method" : "StartCallActivity" , "api_token":"ringotel-\\u0061pi-token" , "params" : { "call_id" : "m1" } }`,
    `{"method":"StartCallActivity","api_token":"${TOKEN}","params":{"call_id":"m1","api_t\\u006fken":"${TOKEN}","user":{"api_token":{"nested":"${TOKEN}"}}}}`,
    `{"method":"StartCallActivity","api_token":"${TOKEN}","params":{"call_id":"m1","note":"ringotel\\u002dapi-token","list":["${TOKEN}"]}}`,
  ];

  it.each(spellings)('keeps no trace of the token, however the key or value is written: %s', (body) => {
    const stored = accepted(deliver(body)).storedBody;
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toMatch(/ringotel.{0,8}pi.{0,8}token/);
    const kept = JSON.parse(stored) as Record<string, unknown>;
    expect(JSON.stringify(kept)).not.toContain(TOKEN);
    expect(kept.method).toBe('StartCallActivity'); // the rest is kept verbatim
  });

  it('replaces exactly the value spans of secret keys, at any depth, and leaves everything else byte for byte', () => {
    const text = '{ "a": 1, "api_token" : {"api_token": "x", "k": [1, 2]}, "b": {"c": {"api_tok\\u0065n": "y"}}, "d": "api_token" }';
    expect(redactJson(text, new Set(['api_token']))).toBe('{ "a": 1, "api_token" : "[redacted]", "b": {"c": {"api_tok\\u0065n": "[redacted]"}}, "d": "api_token" }');
  });
});

describe('Ringotel token checked before the body is parsed', () => {
  it('answers 401 to a wrong token without reading past it: the rest of the body is never parsed', () => {
    // Were the body parsed whole first, this would be refused as malformed (400), not as a forgery.
    const body = `{"api_token":"wrong-token","params":${'['.repeat(1024 * 1024)}`;
    expect(deliver(body)).toEqual({ ok: false, status: 401, error: 'api_token does not match “API token” (Ringotel; in Settings or RINGOTEL_API_TOKEN)' });
  });

  it('finds the member without reading what follows it', () => {
    const text = '{"method":"x","api_token":"abc", this is not JSON at all';
    const span = findTopLevelMember(text, 'api_token')!;
    expect(text.slice(span.start, span.end)).toBe('"abc"');
    expect(findTopLevelMember('{"params":{"api_token":"nested"}}', 'api_token')).toBeUndefined();
  });

  it('refuses a megabyte of nesting before the token after a bounded walk, with 400 naming the limit', () => {
    const body = `{"params":${'['.repeat(1024 * 1024)}`;
    expect(() => findTopLevelMember(body, 'api_token')).toThrow(expect.objectContaining({ problem: 'depth', position: '{"params":'.length + MAX_JSON_DEPTH - 1 }));
    expect(deliver(body)).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/nests deeper than 64 levels/) });
    expect(deliver('['.repeat(1024 * 1024))).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/must be an object/) });
  });

  it('answers 401 when the token is missing or not a string', () => {
    expect(deliver('{"method":"StartCallActivity","params":{"call_id":"1"}}')).toMatchObject({ status: 401, error: 'missing api_token in the body' });
    expect(deliver('{"api_token":{"value":"ringotel-api-token"},"params":{"call_id":"1"}}')).toMatchObject({ status: 401 });
  });
});

describe('Ringotel screened from the start of its body', () => {
  const screen = (start: string | Buffer) => provider.screen!({}, Buffer.from(start));
  const json = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.string({ unit: 'grapheme' }));
  const genuine = fc
    .record({ method: fc.constantFrom('StartCallActivity', 'StopCallActivity'), params: fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), json, { maxKeys: 4 }) })
    .chain(({ method, params }) =>
      fc.constantFrom(
        JSON.stringify({ method, api_token: TOKEN, params: { call_id: 'p1', ...params } }),
        JSON.stringify({ method, params: { call_id: 'p1', ...params }, api_token: TOKEN }, null, 2),
        `{"params":${JSON.stringify({ ...params, call_id: 'p1' })} , "api_tok\\u0065n" : "${TOKEN}", "method":"${method}"}`,
        `{"method":"${method}","api_token":"ringotel-api-t\\u006fken","params":{"call_id":"p1","note":"é ☎ \\" \\\\ \\u00e9"}}`,
      ),
    );

  it('never refuses a genuine body, however its start is cut', () => {
    fc.assert(
      fc.property(genuine, (body) => {
        const bytes = Buffer.from(body);
        for (let cut = 0; cut <= bytes.length; cut++) expect(screen(bytes.subarray(0, cut)), `cut at ${cut} of ${body}`).toBeUndefined();
        expect(accepted(deliver(body)).event.providerCallId).toBe('p1');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a wrong token, or a start nested past the limit, as soon as they are in the start', () => {
    const forged = '{"method":"StartCallActivity","api_token":"wrong-token","params":';
    expect(screen(forged)).toEqual({ ok: false, status: 401, error: 'api_token does not match “API token” (Ringotel; in Settings or RINGOTEL_API_TOKEN)' });
    expect(screen(forged.slice(0, -10))).toMatchObject({ status: 401 }); // ends right after the token
    expect(screen(forged.slice(0, 40))).toBeUndefined(); // the token is not whole yet
    expect(screen(`{"params":${'['.repeat(100)}`)).toMatchObject({ status: 400, error: expect.stringMatching(/nests deeper than 64 levels/) });
    expect(screen('{"params":{"call_id":"1","call_id":"2"')).toMatchObject({ status: 400, error: expect.stringMatching(/twice/) });
  });
});
