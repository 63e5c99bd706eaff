// The last-resort guards: whatever a request, upgrade or WebSocket handler throws or rejects with,
// that one peer gets a JSON 500 (or its socket closes with 1011), one line is logged, and the
// listener — the process — goes on serving everyone else.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { guardSocket } from '../../../../electron/engine/net/guard.ts';
import { startListener, type Listener } from '../../../../electron/engine/net/listener.ts';
import { sendJson } from '../../../../electron/engine/net/respond.ts';
import { acceptUpgrade, createSocketServer } from '../../../../electron/engine/net/ws-handshake.ts';
import { createLogger } from '../../../../electron/engine/log.ts';

const listeners: Listener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close(0)));
});

function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as { level: string; msg: string }) }) };
}

async function listen(handler: Parameters<typeof startListener>[3], logger = recordingLogger().logger): Promise<Listener> {
  const listener = await startListener('test', '127.0.0.1', 0, handler, logger);
  listeners.push(listener);
  return listener;
}

describe('request and upgrade guards', () => {
  it('answer JSON 500 for a handler that throws or rejects, log one line, and keep serving', async () => {
    const { lines, logger } = recordingLogger();
    const listener = await listen((req, res) => {
      if (req.url === '/sync') throw new URIError('URI malformed');
      if (req.url === '/async') return Promise.reject(new Error('boom'));
      sendJson(res, 200, { ok: true });
    }, logger);
    const base = `http://127.0.0.1:${listener.port}`;
    for (const path of ['/sync', '/async']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal error: the log has the details' });
    }
    expect((await fetch(`${base}/fine`)).status).toBe(200);
    // A peer can trigger this at will: the first failure is written, the next one counted.
    logger.flushRepeated(true);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['request failed', expect.stringMatching(/^request failed: 1 more like it/)]);
  });

  it('answer a throwing upgrade handler with JSON 500, before the handshake', async () => {
    const { lines, logger } = recordingLogger();
    const listener = await listen((_req, res) => sendJson(res, 200, { ok: true }), logger);
    listener.onUpgrade((req) => {
      if (req.url === '/async') return Promise.reject(new Error('later'));
      decodeURIComponent('%ZZ'); // what used to end the process
    });
    for (const path of ['/sync', '/async']) {
      const ws = new WebSocket(`ws://127.0.0.1:${listener.port}${path}`);
      ws.on('error', () => undefined);
      const [, res] = (await once(ws, 'unexpected-response')) as [unknown, { statusCode: number; headers: Record<string, string> }];
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
    expect((await fetch(`http://127.0.0.1:${listener.port}/`)).status).toBe(200);
    logger.flushRepeated(true);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['upgrade failed', expect.stringMatching(/^upgrade failed: 1 more like it/)]);
  });
});

describe('WebSocket handler guard', () => {
  it('closes only the socket whose handler threw, with 1011, and logs it', async () => {
    const { lines, logger } = recordingLogger();
    const listener = await listen((_req, res) => sendJson(res, 200, { ok: true }), logger);
    const wss = createSocketServer(1024, logger);
    listener.onUpgrade((req, socket, head) =>
      acceptUpgrade(wss, req, socket, head, logger, 'echo', (ws) => {
        ws.on('message', guardSocket(ws, logger, 'echo message', (data: Buffer) => {
          if (String(data) === 'throw') throw new RangeError('bad frame');
          ws.send(data);
        }));
      }),
    );
    const url = `ws://127.0.0.1:${listener.port}/`;
    const victim = new WebSocket(url);
    const bystander = new WebSocket(url);
    await Promise.all([once(victim, 'open'), once(bystander, 'open')]);
    victim.send('throw');
    const [code] = (await once(victim, 'close')) as [number];
    expect(code).toBe(1011);
    bystander.send('still here');
    const [echo] = (await once(bystander, 'message')) as [Buffer];
    expect(String(echo)).toBe('still here');
    bystander.close();
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['socket handler failed']);
  });

  it('closes a socket whose opening work throws, with 1011', async () => {
    const { logger } = recordingLogger();
    const listener = await listen((_req, res) => sendJson(res, 200, { ok: true }), logger);
    const wss = createSocketServer(1024, logger);
    listener.onUpgrade((req, socket, head) =>
      acceptUpgrade(wss, req, socket, head, logger, 'broken', () => {
        throw new Error('could not start');
      }),
    );
    const ws = new WebSocket(`ws://127.0.0.1:${listener.port}/`);
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1011);
  });
});
