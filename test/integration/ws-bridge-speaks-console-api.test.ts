// The browser's bridge (HTTP + WebSocket) against a real engine: every operation of the console
// API, errors as ApiError with the engine's reason, live updates, and reconnecting by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type LiveMessage } from '../../shared/api.ts';
import { WsBridge, type ConnectionStatus } from '../../renderer/src/bridge/ws-bridge.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { SECRETS, startEngine } from './support/engine.ts';
import { eventually, until } from './support/live.ts';

let engine: Engine;
let bridge: WsBridge;
beforeAll(async () => {
  engine = await startEngine();
  bridge = new WsBridge(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
});
afterAll(() => engine.stop());

describe('the WebSocket bridge', () => {
  it('carries live updates and commands for a streamed call', async () => {
    const messages: LiveMessage[] = [];
    const statuses: ConnectionStatus['state'][] = [];
    const stopStatus = bridge.onStatus((s) => statuses.push(s.state));
    const stop = bridge.subscribe((m) => messages.push(m));
    await until(() => statuses.includes('online'), 3000, 'the live socket');
    const callId = newCallId();
    const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips().slice(0, 1) });
    media.startAudio();
    try {
      const id = `ringover-${callId}`;
      await until(() => messages.some((m) => m.type === 'audio.peaks' && m.calls.some((p) => p.callId === id)), 5000, 'peaks');
      // Peaks flow from the first frame; the call is listed once its stream event is stored.
      await eventually(async () => expect((await bridge.listCalls({ state: 'live' })).calls.map((c) => c.id)).toContain(id));
      expect((await bridge.getCall(id)).call.stream?.state).toBe('connected');
      expect(await bridge.sendCommand(id, { type: 'digits', digits: '12#' })).toEqual({ sent: true });
      await until(() => media.digits.length > 0 || undefined, 2000, 'the digits on the wire');
      expect(media.digits).toEqual(['12#']);
      expect((await bridge.health()).streams.connected).toBeGreaterThan(0);

      const heard: number[] = [];
      const stopListening = bridge.listen(id, { audio: (chunk) => heard.push(chunk.samples.length), ended: () => undefined });
      await until(() => heard.length > 5 || undefined, 3000, 'listen-in audio');
      stopListening();
    } finally {
      media.stop();
      stop();
      stopStatus();
    }
  });

  it('turns engine errors into ApiError with the engine’s words', async () => {
    await expect(bridge.getCall('ringover-missing')).rejects.toEqual(new ApiError(404, 'no call with id ringover-missing'));
    await expect(bridge.sendCommand('ringover-missing', { type: 'transfer', to: 'sales' } as never)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('phone number') });
    const wrong = new WsBridge(engine.consoleUrl, 'not-the-token-not-the-token');
    await expect(wrong.health()).rejects.toMatchObject({ status: 401 });
    const gone = new WsBridge('http://127.0.0.1:9', 'x');
    await expect(gone.health()).rejects.toMatchObject({ status: 0, message: 'Ringside is not reachable: check that it is still running' });
  });

  it('reconnects by itself when the engine restarts, and says so', async () => {
    const first = await startEngine();
    const port = Number(new URL(first.consoleUrl).port);
    const statuses: ConnectionStatus[] = [];
    const watching = new WsBridge(first.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
    watching.onStatus((s) => statuses.push(s));
    const stop = watching.subscribe(() => undefined);
    await until(() => statuses.some((s) => s.state === 'online'), 3000, 'online');
    await first.stop();
    await until(() => statuses.some((s) => s.state === 'offline'), 3000, 'offline');
    const second = await startEngine({ consolePort: port });
    try {
      await until(() => statuses.at(-1)?.state === 'online' || undefined, 8000, 'back online');
      expect(statuses.map((s) => s.state)).toEqual(['connecting', 'online', 'offline', 'online']);
      expect(statuses.at(-1)!.reconnects).toBe(1);
    } finally {
      stop();
      await second.stop();
    }
  });
});
