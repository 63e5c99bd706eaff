// Every answer of every listener is JSON, the refusals Node and `ws` used to write themselves
// included: oversized headers (431), slow requests (408), broken framing (400), an Expect it does
// not know (417), CONNECT (405), and WebSocket handshakes that cannot succeed (426 with the version
// we speak, 405, 400) on each WebSocket endpoint: the stream server, /api/live and listen-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { startListener } from '../../electron/engine/net/listener.ts';
import { sendJson } from '../../electron/engine/net/respond.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { freePort, SECRETS, startEngine } from './support/engine.ts';
import { isJsonAnswer, sendRaw, type RawAnswer } from './support/raw-http.ts';

let engine: Engine;
let ports: { public: number; stream: number; console: number };
beforeAll(async () => {
  engine = await startEngine({ ringoverWebsocketPort: await freePort() });
  ports = { public: Number(new URL(engine.publicUrl).port), stream: Number(new URL(engine.streamUrl).port), console: Number(new URL(engine.consoleUrl).port) };
});
afterAll(() => engine.stop());

/** Sends `head` (request line and headers, without the blank line) plus `body`; expects a JSON answer. */
async function json(port: number, head: string, body = ''): Promise<RawAnswer & { error: string }> {
  const outcome = await sendRaw(port, Buffer.from(`${head}\r\n\r\n${body}`));
  if (!outcome.answered) throw new Error(`no answer to ${JSON.stringify(head)}: ${outcome.why}`);
  expect(isJsonAnswer(outcome.answer, false), `${outcome.answer.status} ${outcome.answer.headers['content-type']}: ${outcome.answer.body}`).toBe(true);
  return { ...outcome.answer, error: (JSON.parse(outcome.answer.body.toString()) as { error: string }).error };
}

const listeners = () => [
  ['public', ports.public],
  ['stream', ports.stream],
  ['console', ports.console],
] as const;

describe('Node’s own refusals, in JSON', () => {
  it('answers headers over 16 KiB with 431, on every listener', async () => {
    for (const [, port] of listeners()) {
      const answer = await json(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Padding: ${'x'.repeat(17 * 1024)}`);
      expect(answer.status).toBe(431);
      expect(answer.error).toBe('the request line and headers exceed 16 KiB');
    }
  });

  it('answers broken chunking and conflicting lengths with 400, saying which', async () => {
    const chunked = await json(ports.public, `POST /webhooks/ringover HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked`, 'zz\r\n{}\r\n0\r\n\r\n');
    expect(chunked.status).toBe(400);
    expect(chunked.error).toMatch(/^malformed chunked body/);
    const both = await json(ports.console, `POST /api/demo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 2`, '2\r\n{}\r\n0\r\n\r\n');
    expect(both.status).toBe(400);
    const method = await json(ports.public, 'G\x01T /healthz HTTP/1.1\r\nHost: x');
    expect(method).toMatchObject({ status: 400, error: expect.stringMatching(/^malformed HTTP request/) });
  });

  it('answers an Expect it does not know with 417, and CONNECT with 405', async () => {
    expect(await json(ports.public, 'POST /webhooks/ringover HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 0')).toMatchObject({ status: 417, error: expect.stringMatching(/100-continue/) });
    expect(await json(ports.stream, 'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1')).toMatchObject({ status: 405, error: 'CONNECT is not served here' });
  });

  it('answers a request without Host itself instead of Node’s empty 400', async () => {
    expect(await json(ports.public, 'GET /healthz HTTP/1.1')).toMatchObject({ status: 200 });
    expect(await json(ports.console, 'GET /api/health HTTP/1.1')).toMatchObject({ status: 403, error: expect.stringMatching(/127\.0\.0\.1/) });
  });

  it('answers a request that does not arrive in time with 408', async () => {
    // Short limits on a listener of its own, so the test waits a moment rather than 10 s.
    const listener = await startListener('slow', '127.0.0.1', 0, (_req, res) => sendJson(res, 200, { ok: true }), silentLogger, {
      limits: { headersTimeoutMs: 150, requestTimeoutMs: 300, checkEveryMs: 25 },
    });
    try {
      const outcome = await sendRaw(listener.port, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n')); // headers never end
      expect(outcome.answered && outcome.answer.status).toBe(408);
      expect(outcome.answered && isJsonAnswer(outcome.answer, false)).toBe(true);
      expect(outcome.answered && JSON.parse(outcome.answer.body.toString()).error).toMatch(/did not arrive in time/);
    } finally {
      await listener.close(0);
    }
  });
});

describe('refused WebSocket handshakes, in JSON, on every WebSocket endpoint', () => {
  const endpoints = () => [
    ['stream (public port)', ports.public, `/stream/ringover-1?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`, `127.0.0.1:${ports.public}`],
    ['stream (own port)', ports.stream, `/stream/ringover-1?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`, `127.0.0.1:${ports.stream}`],
    ['live', ports.console, `/api/live?token=${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, `127.0.0.1:${ports.console}`],
    ['listen', ports.console, `/api/calls/ringover-1/listen?token=${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, `127.0.0.1:${ports.console}`],
  ] as const;
  const handshake = (path: string, host: string, fields: Record<string, string | undefined>, method = 'GET') =>
    [
      `${method} ${path} HTTP/1.1`,
      `Host: ${host}`,
      ...Object.entries({ Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...fields })
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `${name}: ${value}`),
    ].join('\r\n');

  it('426 with Sec-WebSocket-Version: 13 for another or a missing version', async () => {
    for (const [, port, path, host] of endpoints()) {
      for (const version of ['8', '14', undefined]) {
        const answer = await json(port, handshake(path, host, { 'Sec-WebSocket-Version': version }));
        expect(answer.status).toBe(426);
        expect(answer.headers['sec-websocket-version']).toBe('13');
      }
    }
  });

  it('400 for a bad key, Upgrade header or subprotocol list; 405 for another method', async () => {
    for (const [name, port, path, host] of endpoints()) {
      expect(await json(port, handshake(path, host, { 'Sec-WebSocket-Key': 'short' })), name).toMatchObject({ status: 400, error: expect.stringMatching(/Sec-WebSocket-Key/) });
      expect(await json(port, handshake(path, host, { 'Sec-WebSocket-Key': undefined })), name).toMatchObject({ status: 400 });
      expect(await json(port, handshake(path, host, { Upgrade: 'h2c' })), name).toMatchObject({ status: 400, error: expect.stringMatching(/Upgrade: websocket/) });
      expect(await json(port, handshake(path, host, { 'Sec-WebSocket-Protocol': 'a,,b' })), name).toMatchObject({ status: 400, error: expect.stringMatching(/Sec-WebSocket-Protocol/) });
      expect(await json(port, handshake(path, host, {}, 'POST')), name).toMatchObject({ status: 405 });
    }
  });
});
