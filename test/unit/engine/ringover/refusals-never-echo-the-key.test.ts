// An upstream or a proxy that echoes the request's Authorization into its error body must not get
// the Ringover key into an answer of the console API (the log scrubs secrets; answers must too).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RingoverApi } from '../../../../electron/engine/ringover/api-client.ts';

const KEY = 'ENV-RINGOVER-KEY-abcdef123';
const echo = createServer((req, res) => {
  const status = req.url?.startsWith('/v2/contacts') ? 403 : req.url?.startsWith('/v2/users') ? 500 : 401;
  res.writeHead(status, { 'content-type': 'text/plain' }).end(`bad key ${req.headers.authorization}`);
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v2`;
});
afterAll(() => echo.close());

describe('Ringover refusals', () => {
  it('say what Ringover said without the key, whatever the status', async () => {
    for (const [area, path] of [['calls', '/calls'], ['contacts', '/contacts'], ['users', '/users']] as const) {
      const api = new RingoverApi({ settings: () => ({ ringoverApiKey: KEY, ringoverApiBaseUrl: base }) as never, maxRetryAfterMs: 0, retries: 0, timeoutMs: 2000, logger: { warn() {}, info() {}, error() {}, debug() {}, repeated() {}, child() { return this; } } } as never);
      const error = (await api.request(area, path).then(() => undefined, (e: Error) => e))!;
      expect(error.message, path).not.toContain(KEY);
      if (path !== '/contacts') expect(error.message, path).toContain('Ringover said: bad key [API key]');
    }
  });
});
