// Own-URL public access on loopback, end to end through the console API: the URL to paste, a
// test event per provider posted to the public URL and found in history, a URL that leads to
// another Ringside refused with a clear reason; and `serve --public-url` / `--ngrok` on the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../shared/call.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { TEST_CALLER } from '../../electron/engine/tunnel/sample-events.ts';
import { consolePost, spawnServe, startEngine, tempDataDir } from './support/engine.ts';
import { until } from './support/live.ts';

describe('own-URL public access', () => {
  let engine: Engine;
  let other: Engine;
  beforeAll(async () => {
    engine = await startEngine();
    other = await startEngine({ ringoverWebhookSecret: 'another-secret', ringyoWebhookSecret: 'another-ringyo-secret' });
  });
  afterAll(async () => {
    await engine?.stop();
    await other?.stop();
  });

  it('starts local, with the listener’s address', async () => {
    expect((await engine.api.health()).access).toEqual({ mode: 'local', url: engine.publicUrl, needsAddress: false });
  });

  it('uses the URL set in Settings, and every provider’s test event arrives through it into history', async () => {
    await engine.api.updateSettings({ publicAccess: 'own-url', publicUrl: `${engine.publicUrl}/` });
    expect((await engine.api.health()).access).toEqual({ mode: 'own-url', url: engine.publicUrl, needsAddress: false });
    for (const provider of PROVIDERS) {
      const reply = await consolePost(engine, '/api/access/test', { provider });
      expect(reply.status).toBe(200);
      const result = reply.body as { ok: boolean; callId: string; url: string };
      expect(result).toMatchObject({ ok: true, url: `${engine.publicUrl}/webhooks/${provider}` });
      const { call, events } = await engine.api.getCall(result.callId);
      expect(call.state).toBe('ended');
      expect(events.length).toBeGreaterThan(0);
    }
    const history = await engine.api.listCalls({ state: 'ended', q: TEST_CALLER });
    expect(history.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('says why when the URL reaches another Ringside with other secrets', async () => {
    await engine.api.updateSettings({ publicUrl: other.publicUrl });
    const result = await engine.api.testEvent('ringyo');
    expect(result).toMatchObject({ ok: false, failure: 'rejected', status: 401, message: expect.stringContaining('other secrets') });
  });

  it('rejects a bad URL in Settings and a bad provider with a reason', async () => {
    await expect(engine.api.updateSettings({ publicUrl: 'calls.example.com' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('http(s) URL') });
    const reply = await consolePost(engine, '/api/access/test', { provider: 'twilio' });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('ringover');
  });
});

describe('the built-in tunnel inside the engine', () => {
  it('forwards the public listener, never the console, and test events go through it', async () => {
    const forwarded: string[] = [];
    // Stands in for ngrok's edge: the "public" URL it hands out leads straight to the address it was given.
    const ngrok = async () => ({
      forward: async (config: { addr: string }) => {
        forwarded.push(config.addr);
        return { url: () => `http://${config.addr}`, close: async () => undefined };
      },
    });
    const engine = await startEngine({ publicAccess: 'ngrok', ngrokAuthtoken: 'tok_test' }, { ngrok });
    try {
      await until(() => engine.access.status().tunnel?.state === 'up', 5000, 'the tunnel');
      const port = new URL(engine.publicUrl).port;
      expect(forwarded).toEqual([`127.0.0.1:${port}`]);
      expect(forwarded[0]).not.toContain(new URL(engine.consoleUrl).port);
      expect((await engine.api.health()).access).toMatchObject({ mode: 'ngrok', url: `http://127.0.0.1:${port}`, tunnel: { state: 'up' } });
      expect(await engine.api.testEvent('ringover')).toMatchObject({ ok: true, url: `http://127.0.0.1:${port}/webhooks/ringover` });
    } finally {
      await engine.stop();
    }
  });
});

describe('serve', () => {
  it('--public-url: providers are given that URL', async () => {
    const serve = await spawnServe(['--data-dir', tempDataDir(), '--public-port', '0', '--console-port', '0', '--public-url', 'https://calls.example.com/']);
    try {
      expect(JSON.parse(serve.stdoutLines.find((l) => l.startsWith('{'))!)).toMatchObject({ publicUrl: 'https://calls.example.com' });
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it('--ngrok without an authtoken stops with one line saying what to set', async () => {
    await expect(spawnServe(['--data-dir', tempDataDir(), '--public-port', '0', '--console-port', '0', '--ngrok'], { NGROK_AUTHTOKEN: '' })).rejects.toThrow(/--ngrok needs an ngrok authtoken: set NGROK_AUTHTOKEN/);
  });
});
