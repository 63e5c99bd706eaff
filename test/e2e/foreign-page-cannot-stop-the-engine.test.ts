// Any web page the supervisor has open can open WebSockets to 127.0.0.1. A page served from another
// origin tries the console's and the stream server's upgrades with malformed paths (which used to
// end the process with a URIError before any check), and even with the console token: the engine
// refuses every one and stays up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServe, tempDataDir, type ServeProcess } from '../integration/support/engine.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { patient } from '../support/patience.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('a page on another origin', () => {
  let serve: ServeProcess;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  beforeAll(async () => {
    serve = await spawnServe(['--data-dir', tempDataDir(), '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0']);
    // The foreign site: a blank page of its own, on another port of the same machine.
    site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, patient(60_000));
  afterAll(async () => {
    await browser?.close();
    site?.close();
    serve?.child.kill('SIGKILL');
    await serve?.exited;
  });

  it('cannot open, or stop, the console’s or the stream server’s WebSockets', async () => {
    const consoleWs = serve.consoleUrl.replace('http', 'ws');
    const publicWs = serve.publicUrl.replace('http', 'ws');
    const targets = [
      `${consoleWs}/api/calls/%ZZ/listen`,
      `${consoleWs}/api/calls/%C0%AF/listen`,
      `${consoleWs}/api/calls/%E0%A4%A/listen`,
      `${consoleWs}//`,
      `${consoleWs}/api/live`,
      `${consoleWs}/api/live?token=${encodeURIComponent(serve.consoleToken)}`,
      `${consoleWs}/api/calls/ringover-1/listen?token=${encodeURIComponent(serve.consoleToken)}`,
      `${publicWs}/stream/%ZZ`,
      `${publicWs}/stream/%C0%AF`,
      `${publicWs}//`,
    ];
    const page = await browser.newPage();
    try {
      await page.goto(siteUrl);
      const outcomes = await page.evaluate(
        (urls) =>
          Promise.all(
            urls.map(
              (url) =>
                new Promise<{ url: string; opened: boolean }>((resolve) => {
                  const socket = new WebSocket(url);
                  socket.onopen = () => {
                    socket.close();
                    resolve({ url, opened: true });
                  };
                  socket.onclose = () => resolve({ url, opened: false });
                }),
            ),
          ),
        targets,
      );
      expect(outcomes).toEqual(targets.map((url) => ({ url, opened: false })));
      // The same malformed paths as plain requests from the page (no-cors: the page cannot read them).
      await page.evaluate(
        (urls) => Promise.all(urls.map((url) => fetch(url, { mode: 'no-cors' }).catch(() => undefined))),
        [`${serve.consoleUrl}/api/calls/%ZZ`, `${serve.consoleUrl}/api/calls/%C0%AF/recording`, `${serve.publicUrl}/stream/%ZZ`],
      );
    } finally {
      await page.close();
    }

    expect(serve.child.exitCode).toBeNull();
    expect((await fetch(`${serve.publicUrl}/healthz`)).status).toBe(200);
    const health = await fetch(`${serve.consoleUrl}/api/health`, { headers: { authorization: `Bearer ${serve.consoleToken}` } });
    expect(health.status).toBe(200);
  }, patient(30_000));
});
