// Scripted calls through the engine's ingest (the timeline, as the bot writes it): an angry caller
// who repeats herself ranks above a calm one, with those reasons, on the console API and the live
// feed; a configured keyword raises its alert at once; a slow, failing bot is told apart from an
// unhappy caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attention } from '../../shared/attention.ts';
import { callIdFor, type Call, type Speaker } from '../../shared/call.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { consoleGet, SECRETS, startEngine } from './support/engine.ts';
import { eventually, openLive, until } from './support/live.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

let next = 0;
async function startCall(): Promise<string> {
  const providerCallId = `att-${process.pid}-${++next}`;
  await engine.calls.timeline.record(callIdFor('ringover', providerCallId), { type: 'stream', providerEvent: 'stream.connected', from: { number: `+3361000000${next}` } });
  return callIdFor('ringover', providerCallId);
}
const say = (callId: string, speaker: Speaker, text: string) =>
  engine.calls.timeline.record(callId, { type: 'utterance', providerEvent: `transcript.${speaker}`, detail: { utterance: { id: `${callId}-${++next}`, speaker, text, final: true, startMs: 0 } } });
const turn = (callId: string, firstAudioMs: number) => engine.calls.timeline.record(callId, { type: 'turn', providerEvent: 'bot.turn', detail: { metrics: { turn: ++next, firstAudioMs } } });

async function liveCalls(): Promise<Call[]> {
  const reply = await consoleGet(engine, '/api/calls?state=live');
  expect(reply.status).toBe(200);
  return (reply.body as { calls: Call[] }).calls;
}
const attentionOf = async (id: string): Promise<Attention> => (await liveCalls()).find((call) => call.id === id)!.attention!;
const codes = (attention: Attention) => attention.reasons.map((reason) => reason.code);

describe('attention on live calls', () => {
  it('ranks an angry caller who repeats herself above a calm one, with those reasons, on the API and the live feed', async () => {
    const feed = await openLive(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
    const calm = await startCall();
    const angry = await startCall();
    await say(calm, 'caller', 'Hello, I would like to know when my parcel arrives.');
    await say(calm, 'bot', 'It arrives tomorrow morning.');
    await say(calm, 'caller', 'Great, thank you.');
    await say(angry, 'caller', 'I want to cancel my order number 4512.');
    await say(angry, 'bot', 'Sorry, I did not catch that.');
    await say(angry, 'caller', 'This is ridiculous. I said I want to cancel my order 4512!');
    await say(angry, 'bot', 'Sorry, I did not catch that.');
    await say(angry, 'caller', 'I want to cancel my order, number 4512. Unacceptable.');

    const angryNow = await eventually(async () => {
      const attention = await attentionOf(angry);
      expect(codes(attention)).toEqual(expect.arrayContaining(['frustrated', 'asked-again', 'bot-looping']));
      return attention;
    });
    const calmNow = await attentionOf(calm);
    expect(angryNow.score).toBeGreaterThan(calmNow.score);
    expect(calmNow).toMatchObject({ score: 0, reasons: [] });
    expect(angryNow.reasons.find((r) => r.code === 'frustrated')).toMatchObject({ side: 'caller', text: 'attention.reason.frustrated', values: { words: 'ridiculous, unacceptable', count: 2 } });
    expect(angryNow.reasons.find((r) => r.code === 'asked-again')).toMatchObject({ values: { count: 3 } });
    expect(angryNow.reasons.find((r) => r.code === 'bot-looping')).toMatchObject({ side: 'bot' });
    // Most points first; the score is their sum (capped at 100).
    const points = angryNow.reasons.map((r) => r.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(angryNow.score).toBe(Math.min(100, points.reduce((a, b) => a + b, 0)));
    // Past the default threshold (60): an alert, said once with its time.
    expect(angryNow.alert).toMatchObject({ at: expect.any(String) });

    // The live feed carried the same attention on the call's own updates.
    const fed = await until(() => feed.messages.findLast((m) => m.type === 'call.updated' && m.call.id === angry && (m.call.attention?.score ?? 0) >= angryNow.score));
    expect(fed.type === 'call.updated' && codes(fed.call.attention!)).toEqual(codes(angryNow));
    feed.close();
  });

  it('fires a configured keyword’s alert at once, in the call’s language', async () => {
    const settings = await fetch(engine.consoleUrl + '/api/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ attentionKeywords: 'en: lawyer, chargeback\nfr: avocat' }),
    });
    expect(settings.status).toBe(200);
    const call = await startCall();
    await say(call, 'caller', 'My avocat will hear about this.'); // French keyword, English call: not an alert
    await say(call, 'caller', 'Then I will call my Lawyer.');
    const attention = await eventually(async () => {
      const now = await attentionOf(call);
      expect(now.alert).toMatchObject({ code: 'keyword' });
      return now;
    });
    expect(attention.reasons).toEqual([expect.objectContaining({ code: 'keyword', side: 'caller', values: { words: 'lawyer' } })]);
    expect(attention.score).toBeLessThan(60); // alone under the threshold, and still an alert
  });

  it('tells a slow bot from an unhappy caller', async () => {
    const call = await startCall();
    await turn(call, 3100);
    await turn(call, 900);
    const attention = await eventually(async () => {
      const now = await attentionOf(call);
      expect(codes(now)).toEqual(['bot-slow']);
      return now;
    });
    expect(attention.reasons[0]).toMatchObject({ side: 'bot', text: 'attention.reason.bot-slow', values: { seconds: 3.1, count: 1 } });
  });

  it('forgets an ended call’s attention', async () => {
    const call = await startCall();
    await say(call, 'caller', 'This is ridiculous.');
    await eventually(async () => expect((await attentionOf(call)).score).toBeGreaterThan(0));
    await engine.calls.timeline.record(call, { type: 'ended', providerEvent: 'call.hangup' });
    const ended = await consoleGet(engine, `/api/calls/${call}`);
    expect((ended.body as { call: Call }).call).not.toHaveProperty('attention');
  });
});
