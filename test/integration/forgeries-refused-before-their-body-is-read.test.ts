// A forgery is refused from what is already known: its headers, or the start of its body. Each
// request here declares a megabyte but sends only its start and then waits: the engine answers
// without the rest, which it would otherwise wait for.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { ringotelRequest } from '../fakes/webhook-signers.ts';
import { post, SECRETS, startEngine } from './support/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

/** Declares a 1 MB body, sends only `start`, and resolves with the answer that comes anyway. */
function sendOnlyTheStart(path: string, headers: Record<string, string>, start: string): Promise<{ status: number; connection?: string; body: { error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(engine.publicUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024), ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(body) as { error?: string } });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.flushHeaders();
    if (start) req.write(start);
  });
}

describe('forgeries are refused before their body is read', () => {
  it('Ringotel: a wrong api_token in the first bytes', async () => {
    const reply = await sendOnlyTheStart('/webhooks/ringotel', {}, '{"method":"StartCallActivity","api_token":"wrong-token","params":[[[[');
    expect(reply).toEqual({ status: 401, connection: 'close', body: { error: 'api_token does not match “API token” (Ringotel; in Settings or RINGOTEL_API_TOKEN)' } });
  });

  it('Ringotel: a start that nests past the limit before any token', async () => {
    const reply = await sendOnlyTheStart('/webhooks/ringotel', {}, `{"params":${'['.repeat(100)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/nests deeper than 64 levels/);
  });

  it('Ringg: a wrong header, before any of the body', async () => {
    const reply = await sendOnlyTheStart('/webhooks/ringg', { authorization: 'Bearer wrong-ringg-token' }, '');
    expect(reply).toEqual({ status: 401, connection: 'close', body: { error: 'Authorization header does not match “Header value” (Ringg; in Settings or RINGG_WEBHOOK_TOKEN)' } });
  });

  it('Ringover and Ringyo: no signature header, before any of the body', async () => {
    expect((await sendOnlyTheStart('/webhooks/ringover', {}, '')).body.error).toMatch(/^missing signature/);
    expect((await sendOnlyTheStart('/webhooks/ringyo', {}, '')).body.error).toBe('missing x-ringyo-signature header');
  });

  it('still takes genuine deliveries, whole', async () => {
    const reply = await post(engine.publicUrl, ringotelRequest('StartCallActivity', { call_id: 'screened-genuine' }, SECRETS.RINGOTEL_API_TOKEN));
    expect(reply).toMatchObject({ status: 200, body: { ok: true, callId: 'ringotel-screened-genuine' } });
  });
});
