// The WebSocket heartbeat over real sockets, on a clock the test moves: the heartbeat's interval
// timer is faked, so each slice's turn comes exactly when the test says, however loaded the machine.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startHeartbeat } from '../../../../electron/engine/net/ws-common.ts';
import { until } from '../../../integration/support/live.ts';

const INTERVAL_MS = 800;
const SLICES = 4;
const TICK_MS = INTERVAL_MS / SLICES;
const cleanups: (() => void)[] = [];
beforeEach(() => void vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  vi.useRealTimers();
});

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
    ws.on('ping', () => pings.push(tick));
    return { ws, pings };
  };
  // Which heartbeat tick a ping went out on.
  let tick = 0;
  const advance = () => {
    tick++;
    vi.advanceTimersByTime(TICK_MS);
  };
  return { connect, advance };
}

describe('the WebSocket heartbeat', () => {
  it('terminates a peer that stops answering pings, and keeps one that answers', async () => {
    const { connect, advance } = await serverWithHeartbeat();
    const healthy = await connect();
    const silent = await connect({ autoPong: false });
    const closed = once(silent.ws, 'close') as Promise<[number]>;
    for (let i = 0; i < SLICES; i++) advance(); // one whole interval: each was pinged once
    await until(() => healthy.pings.length === 1 && silent.pings.length === 1, 5000, 'one ping each');
    for (let i = 0; i < SLICES; i++) advance(); // their turn again: the silent one never answered
    const [code] = await closed;
    expect(code).toBe(1006); // terminated: no closing handshake for a dead peer
    await until(() => healthy.pings.length === 2, 5000, 'the second ping of the healthy peer');
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('pings the clients a slice at a time, each once per interval', async () => {
    const { connect, advance } = await serverWithHeartbeat();
    const clients = await Promise.all(Array.from({ length: 2 * SLICES }, () => connect()));
    const pinged = () => clients.reduce((n, c) => n + c.pings.length, 0);
    // Each tick pings one slice: two clients, never all at once.
    for (let tick = 1; tick <= 2 * SLICES; tick++) {
      advance();
      await until(() => pinged() === 2 * tick, 5000, `the pings of tick ${tick}`);
    }
    for (const { pings } of clients) {
      expect(pings).toHaveLength(2);
      expect(pings[1]! - pings[0]!).toBe(SLICES); // once per interval
    }
    const perTick = new Map<number, number>();
    for (const { pings } of clients) perTick.set(pings[0]!, (perTick.get(pings[0]!) ?? 0) + 1);
    expect([...perTick.values()]).toEqual(Array(SLICES).fill(2));
  });
});
