import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startHeartbeat } from '../../../../electron/engine/http/ws-common.ts';

const INTERVAL_MS = 800;
const SLICES = 4;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function serverWithHeartbeat() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const stop = startHeartbeat(wss, INTERVAL_MS, SLICES);
  cleanups.push(() => (stop(), wss.close()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const connect = async (options: { autoPong?: boolean } = {}) => {
    const ws = new WebSocket(url, options);
    cleanups.push(() => ws.terminate());
    await once(ws, 'open');
    const pings: number[] = [];
    ws.on('ping', () => pings.push(performance.now()));
    return { ws, pings };
  };
  return { connect };
}

describe('the WebSocket heartbeat', () => {
  it('terminates a peer that stops answering pings, and keeps one that answers', async () => {
    const { connect } = await serverWithHeartbeat();
    const healthy = await connect();
    const silent = await connect({ autoPong: false });
    const [code] = (await once(silent.ws, 'close')) as [number];
    expect(code).toBe(1006); // terminated: no closing handshake for a dead peer
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    expect(healthy.pings.length).toBeGreaterThanOrEqual(2);
  });

  it('pings the clients a slice at a time, each once per interval', async () => {
    const { connect } = await serverWithHeartbeat();
    const clients = await Promise.all(Array.from({ length: 2 * SLICES }, () => connect()));
    await new Promise((r) => setTimeout(r, 2.5 * INTERVAL_MS));
    for (const { pings } of clients) {
      expect(pings.length).toBeGreaterThanOrEqual(2);
      expect(pings.length).toBeLessThanOrEqual(3);
    }
    // The first pings fall into one burst per slice (bursts a tick apart), two clients in each.
    const firsts = clients.map((c) => c.pings[0]!).sort((a, b) => a - b);
    const bursts: number[] = [1];
    for (let i = 1; i < firsts.length; i++) {
      if (firsts[i]! - firsts[i - 1]! > INTERVAL_MS / SLICES / 2) bursts.push(1);
      else bursts[bursts.length - 1]!++;
    }
    expect(bursts).toEqual(Array(SLICES).fill(2));
  });
});
