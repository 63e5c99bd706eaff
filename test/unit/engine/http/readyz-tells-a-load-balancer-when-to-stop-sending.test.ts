// `/readyz` on the public listener: 200 while the engine takes traffic, 503 once it is stopping
// (draining), so a load balancer's health check sends new webhooks and streams to other engines.
// `/healthz` keeps answering 200 meanwhile: the engine is alive, finishing what it holds.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ingest } from '../../../../electron/engine/calls/ingest.ts';
import { publicRoutes } from '../../../../electron/engine/http/public-routes.ts';
import { silentLogger } from '../../../../electron/engine/log.ts';

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done)))));

async function serve(ready: () => boolean): Promise<string> {
  const handler = publicRoutes({ providers: () => [], ingest: {} as Ingest, logger: silentLogger, ready });
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('/readyz', () => {
  it('answers 200 while the engine takes traffic and 503 once it drains, /healthz 200 throughout', async () => {
    let draining = false;
    const url = await serve(() => !draining);
    const ask = async (path: string) => {
      const res = await fetch(url + path);
      return { status: res.status, body: await res.json() };
    };
    expect(await ask('/readyz')).toEqual({ status: 200, body: { ready: true } });
    draining = true;
    expect(await ask('/readyz')).toEqual({ status: 503, body: { ready: false, reason: 'draining: this engine is stopping' } });
    expect(await ask('/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it('refuses other methods with 405 and says which to use', async () => {
    const url = await serve(() => true);
    const res = await fetch(`${url}/readyz`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
