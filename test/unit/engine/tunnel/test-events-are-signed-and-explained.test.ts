// The test event: each provider's sample passes that provider's own verifier, and every way the
// public path can break is told apart (DNS, refused connection, TLS, timeout, refusal, wrong server).
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../../../shared/call.ts';
import type { AccessStatus } from '../../../../shared/access.ts';
import { configSchema } from '../../../../electron/engine/config/schema.ts';
import { createProviders } from '../../../../electron/engine/engine.ts';
import { sampleDelivery, TEST_CALLER } from '../../../../electron/engine/tunnel/sample-events.ts';
import { sendTestEvent } from '../../../../electron/engine/tunnel/test-event.ts';
import { selfSignedCert } from '../../../fakes/requests.ts';

const config = configSchema.parse({
  dataDir: '/tmp/x',
  ringoverWebhookSecret: 'rs-webhook-secret',
  ringotelApiToken: 'rt-api-token',
  ringyoWebhookSecret: 'ry-webhook-secret',
  ringgWebhookToken: 'Bearer rg-webhook-token',
});

describe('sample events', () => {
  it.each(PROVIDERS)('%s: accepted by the provider’s own verifier, as an ended call from the test caller', (name) => {
    const url = `https://calls.example.com/webhooks/${name}`;
    const sample = sampleDelivery(name, config, url);
    if ('missing' in sample) throw new Error(sample.missing);
    const provider = createProviders(config).find((p) => p.name === name)!;
    const verdict = provider.accept({ rawBody: Buffer.from(sample.body), headers: sample.headers, path: `/webhooks/${name}`, url } as never);
    expect(verdict).toMatchObject({ ok: true, event: { providerCallId: sample.providerCallId, type: 'ended' } });
    expect(sample.body).toContain(TEST_CALLER);
  });

  it('names the setting to set when the provider has no secret', () => {
    expect(sampleDelivery('ringyo', configSchema.parse({ dataDir: '/tmp/x' }), 'https://x/webhooks/ringyo')).toEqual({ missing: 'ringyoWebhookSecret' });
  });
});

const servers: { close(done?: () => void): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function listen(server: ReturnType<typeof createHttpServer>): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const own = (url: string): AccessStatus => ({ mode: 'own-url', url, needsAddress: false });
const send = (url: string, extra: Partial<Parameters<typeof sendTestEvent>[1]> = {}) => sendTestEvent('ringyo', { config, access: own(url), stored: () => true, timeoutMs: 500, ...extra });

describe('sending a test event through the public URL', () => {
  it('reports success with the time taken and the call it made', async () => {
    let got = '';
    const port = await listen(createHttpServer((req, res) => req.on('data', (c) => (got += c)).on('end', () => res.writeHead(200).end('{"stored":true}'))));
    const result = await send(`http://127.0.0.1:${port}`);
    expect(result).toMatchObject({ ok: true, url: `http://127.0.0.1:${port}/webhooks/ringyo`, status: 200, callId: expect.stringMatching(/^ringyo-ringside-test-/) });
    expect(got).toContain('call.completed');
  });

  it('warns with its result, success or not, that no provider can reach a loopback or private address', async () => {
    const port = await listen(createHttpServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('{"stored":true}'))));
    const warning = { code: 'unreachable-address', host: '127.0.0.1', message: expect.stringContaining('no provider can reach 127.0.0.1') };
    expect(await send(`http://127.0.0.1:${port}`)).toMatchObject({ ok: true, warning });
    const closed = await listen(createHttpServer());
    servers.pop()!.close();
    expect(await send(`http://127.0.0.1:${closed}`)).toMatchObject({ ok: false, failure: 'connect', warning });
    expect(await send('https://192.168.1.20', { timeoutMs: 1 })).toMatchObject({ ok: false, warning: { host: '192.168.1.20' } });
  });

  it('says nothing more for a public name, even one that leads here', async () => {
    const port = await listen(createHttpServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('{"stored":true}'))));
    const lookup = ((_host: string, opts: { all?: boolean }, cb: (e: null, ...answer: unknown[]) => void) =>
      opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never;
    const result = await send(`http://calls.example.com:${port}`, { lookup });
    expect(result).toMatchObject({ ok: true });
    expect(result).not.toHaveProperty('warning');
  });

  it('explains a name that does not resolve', async () => {
    const lookup = ((_host: string, _opts: unknown, cb: (e: Error) => void) => cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))) as never;
    expect(await send('https://calls.example.com', { lookup })).toMatchObject({ ok: false, failure: 'dns', message: expect.stringContaining('calls.example.com does not resolve') });
  });

  it('explains a refused connection', async () => {
    const port = await listen(createHttpServer());
    await new Promise<void>((closed) => servers.pop()!.close(closed)); // nothing listens on the port any more
    expect(await send(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, failure: 'connect', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('explains a certificate providers would refuse', async () => {
    const server = createHttpsServer(selfSignedCert(), (_req, res) => res.end());
    const port = await listen(server as never);
    expect(await send(`https://127.0.0.1:${port}`)).toMatchObject({ ok: false, failure: 'tls', message: expect.stringContaining('valid certificate') });
  });

  it('explains a server that never answers', async () => {
    const port = await listen(createHttpServer(() => undefined));
    expect(await send(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, failure: 'timeout', message: expect.stringContaining('did not answer within 0.5 s') });
  });

  it.each([
    [401, '{"error":"x-ringyo-signature does not match"}', /other secrets/],
    [404, 'Not Found', /does not lead to Ringside/],
    [502, 'Bad Gateway', /cannot reach this machine/],
  ])('explains HTTP %i', async (status, body, message) => {
    const port = await listen(createHttpServer((_req, res) => res.writeHead(status).end(body)));
    expect(await send(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, failure: 'rejected', status, message: expect.stringMatching(message) });
  });

  it('notices a 2xx from a server that is not this Ringside', async () => {
    const port = await listen(createHttpServer((_req, res) => res.writeHead(200).end('ok')));
    expect(await send(`http://127.0.0.1:${port}`, { stored: () => false })).toMatchObject({ ok: false, failure: 'not-stored', message: expect.stringContaining('another server') });
  });

  it('says what is missing before sending anything', async () => {
    expect(await sendTestEvent('ringover', { config, access: { mode: 'local', url: 'http://0.0.0.0:8000', needsAddress: true }, stored: () => true })).toMatchObject({ ok: false, failure: 'not-public' });
    expect(await sendTestEvent('ringotel', { config: configSchema.parse({ dataDir: '/x' }), access: own('https://x.example.com'), stored: () => true })).toMatchObject({ ok: false, failure: 'not-configured', message: 'set “API token” (Ringotel) in Settings first: the test event is signed with it' });
  });
});
