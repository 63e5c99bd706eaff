// With no model configured, the demo's calls run against the built-in demo models over real
// sockets and the real openai SDK: the caller's words are transcribed, the bot answers and speaks
// on the wire, a caller who asks for a person is put on hold, the call's note lands in history.
// A real model set later takes over a demo call in progress; a real call never touches the demo
// models, and a monitor-only call gets the bot as soon as a model is set.
import { afterEach, describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../../shared/call.ts';
import type { Health } from '../../shared/api.ts';
import type { Stats } from '../../shared/stats.ts';
import { demoCallerLines } from '../../electron/engine/demo-models/script.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { FakeOpenAI } from '../fakes/fake-openai.ts';
import { patient } from '../support/patience.ts';
import { callDetail, callIn, hangUp, utterances } from './support/bot.ts';
import { consoleGet, startEngine } from './support/engine.ts';
import { eventually, until } from './support/live.ts';

let engine: Engine | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await engine?.stop();
  await openai?.stop();
  engine = openai = undefined;
});

const liveCalls = async (e: Engine) => (await consoleGet(e, '/api/calls?state=live')).body.calls as Call[];
const texts = (events: CallEvent[], speaker: string) => utterances(events).filter((u) => u.speaker === speaker && u.final && u.text).map((u) => u.text);

describe('the demo without a model', () => {
  it('shows the bot: transcripts, spoken answers, a call on hold for a person, and the note in history', async () => {
    engine = await startEngine();
    const e = engine;
    e.demo.start(2); // the script's first two situations: an order question, a caller who asks for a person
    // A caller's words, transcribed by the demo models, and the bot's scripted answer.
    const order = await eventually(async () => {
      for (const call of await liveCalls(e)) {
        const { events } = await callDetail(e, call.id);
        if (texts(events, 'caller').some((t) => /order/.test(t)) && texts(events, 'bot').some((t) => /parcel/.test(t))) return call;
      }
      throw new Error('no demo call has a transcribed caller and an answer yet');
    }, 40_000);
    expect(order.demo).toBe(true);
    expect(order.bot).toMatchObject({ engine: 'pipeline', models: 'demo' });
    // The bot's speech went out on the wire, as streamAudio the media server received.
    expect(e.demo.calls().some((call) => (call.media?.speech.length ?? 0) > 0)).toBe(true);
    // The caller who asks for a person is on hold, waiting for a supervisor.
    const onHold = await eventually(async () => {
      const call = (await liveCalls(e)).find((c) => c.needsHuman);
      if (!call) throw new Error('no demo call asks for a person yet');
      return call;
    }, 40_000);
    expect(onHold).toMatchObject({ mode: 'human', bot: { models: 'demo' } });
    const health = (await consoleGet(e, '/api/health')).body as unknown as Health;
    expect(health.bot).toMatchObject({ active: false, demoModels: true });
    // The wallboard over these demo calls: answered by the bot, one waiting for a person, none taken
    // (the bot's own turn to a person's mode as it asks is no take-over), nobody with a person.
    const figures = (await consoleGet(e, '/api/stats')).body as unknown as Stats;
    expect(figures.botCalls).toBeGreaterThanOrEqual(2);
    expect(figures).toMatchObject({ handoffsAsked: 1, handoffsTaken: 0, takeOverSeconds: { count: 0 }, now: { withPerson: 0, onHold: 1 } });
    // The order call ends (the bot says goodbye and hangs up); its note is in history.
    const ended = await eventually(async () => {
      const { call, events } = await callDetail(e, order.id);
      if (call.state !== 'ended' || !call.disposition) throw new Error(`the order call is ${call.state}, disposition ${call.disposition}`);
      return { call, events };
    }, 60_000);
    expect(ended.call.disposition).toBe('resolved');
    expect(((await consoleGet(e, '/api/stats')).body as unknown as Stats).contained).toBeGreaterThanOrEqual(1);
    expect(ended.events.find((ev) => ev.type === 'summary')?.summary).toMatch(/order/);
    expect(e.demoModels.served).toMatchObject({ transcriptions: expect.any(Number), chat: expect.any(Number), speech: expect.any(Number) });
    expect(Math.min(e.demoModels.served.transcriptions, e.demoModels.served.chat, e.demoModels.served.speech)).toBeGreaterThan(0);
  }, patient(120_000));

  it('lets a real model take over a demo call in progress', async () => {
    openai = await new FakeOpenAI().start();
    openai.transcribe = () => 'Where is my order?';
    openai.reply = () => ({ text: 'The real model answers.' });
    engine = await startEngine();
    const e = engine;
    e.demo.start(1);
    // The demo models greet the caller…
    const call = await eventually(async () => {
      const [first] = await liveCalls(e);
      if (!first || texts((await callDetail(e, first.id)).events, 'bot').length === 0) throw new Error('no greeting yet');
      return first;
    }, 30_000);
    expect(call.bot?.models).toBe('demo');
    const chatsBefore = e.demoModels.served.chat;
    // …then a model is set: the caller's next words go to it.
    await e.api.updateSettings({ openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key' });
    await eventually(async () => {
      const { call: now, events } = await callDetail(e, call.id);
      expect(texts(events, 'bot')).toContain('The real model answers.');
      expect(now.bot?.models).toBeUndefined();
    }, 30_000);
    expect(openai.made('/v1/audio/transcriptions').length).toBeGreaterThan(0);
    expect(e.demoModels.served.chat).toBe(chatsBefore);
  }, patient(60_000));

  it('never lets a real call use the demo models, and gives a monitor-only call the bot once a model is set', async () => {
    openai = await new FakeOpenAI().start();
    engine = await startEngine({ botGreeting: '' });
    await engine.demoModels.start(); // serving, as while the demo runs
    const { id, media } = await callIn(engine);
    const e = engine;
    try {
      const caller = demoCallerLines()[0]!.samples; // words the demo models would know
      await until(() => e.calls.live.get(id)?.bot?.state === 'monitoring', 5000, 'the call to be monitored');
      await media.speak(caller);
      expect(Object.values(e.demoModels.served)).toEqual([0, 0, 0]);
      expect((await callDetail(e, id)).call.bot).toMatchObject({ engine: 'off', state: 'monitoring' });
      // A model is set: the call in progress gets the bot, which answers the caller's next words.
      await e.api.updateSettings({ openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key' });
      await until(() => e.calls.live.get(id)?.bot?.state === 'listening', 5000, 'the bot to join the call');
      await media.speak(caller);
      await until(() => media.speech.length > 0, 15_000, 'the bot to speak on the wire');
      expect(openai.made('/v1/audio/transcriptions').length).toBeGreaterThan(0);
      expect(openai.made('/v1/chat/completions').length).toBeGreaterThan(0);
      expect(Object.values(e.demoModels.served)).toEqual([0, 0, 0]);
    } finally {
      await hangUp(e, media);
    }
  }, patient(60_000));
});
