// Stopping an engine while calls stream, the bot talks and the demo runs (what Ctrl-C or quitting
// the app does): nothing is logged as an error, every acknowledged event is in the store, and so
// are the events the stop itself makes (each stream's disconnect and recording).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLive, type Call, type CallEvent } from '../../shared/call.ts';
import { createLogger } from '../../electron/engine/log.ts';
import { simulate } from '../../electron/engine/simulator/simulate.ts';
import { CallStore } from '../../electron/engine/store/call-store.ts';
import { openDatabase } from '../../electron/engine/store/database.ts';
import { FakeOpenAI } from '../fakes/fake-openai.ts';
import { SECRETS, startEngine, tempDataDir } from './support/engine.ts';
import { until } from './support/live.ts';
import { patient } from '../support/patience.ts';

describe('stopping the engine', () => {
  // The demo's own calls hang up while the engine stops; calls streamed from outside are cut by it.
  it.each([
    ['the demo', 0],
    ['the demo and calls streamed from outside', 3],
  ])('with %s going: stops accepting, drains, then closes the store; no error logged, no acknowledged event lost', async (_, outside) => {
    const openai = await new FakeOpenAI().start();
    const lines: string[] = [];
    const dataDir = tempDataDir();
    const engine = await startEngine(
      { dataDir, openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key', turnSilenceMs: 300 },
      { logger: createLogger({ write: (line) => lines.push(line) }) },
    );
    // Published only once durable: every event a client or a provider was told about; and the
    // calls as a console sees them.
    const acknowledged: CallEvent[] = [];
    const calls = new Map<string, Call>();
    engine.api.subscribe((message) => {
      if (message.type === 'event.appended') acknowledged.push(message.event);
      if (message.type === 'call.updated') calls.set(message.call.id, message.call);
    });
    engine.demo.start(3);
    const run = simulate(outside, 50, 600, { webhooks: engine.publicUrl, target: engine.streamUrl, webhookKey: SECRETS.RINGOVER_WEBHOOK_SECRET, streamToken: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN });
    const streaming = () => [...calls.values()].filter((call) => isLive(call) && call.stream?.state === 'connected');
    try {
      await until(() => streaming().length >= 3 + outside, 30_000, 'every call streaming');
      await until(() => acknowledged.some((event) => event.type === 'utterance'), 30_000, 'the bot talking with a caller');
      // Calls whose recording has begun (a stream that has not sent audio yet has none to finalize).
      const recording = streaming().filter((call) => call.recording).map((call) => call.id);
      expect(recording.length).toBeGreaterThan(0);

      await engine.stop();

      expect(lines.filter((line) => (JSON.parse(line) as { level: string }).level === 'error')).toEqual([]);
      const db = openDatabase(join(dataDir, 'ringside.db'));
      try {
        const store = new CallStore(db);
        const missing = acknowledged.filter((event) => !store.eventsFor(event.callId!).some((stored) => stored.id === event.id));
        expect(missing).toEqual([]);
        for (const id of recording) {
          const kinds = store.eventsFor(id).map((event) => event.providerEvent);
          expect(kinds, id).toContain('stream.disconnected');
          expect(kinds, id).toContain('stream.recorded');
        }
      } finally {
        db.close();
      }
    } finally {
      await engine.stop();
      for (const call of run.calls) call.end();
      await run.done;
      await openai.stop();
    }
  }, patient(90_000));
});
