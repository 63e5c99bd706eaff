// Attention's LLM side: a caller frustrated in polite words, who asks for someone without the
// lexicon's phrases, ranks above a calm caller with the model's reasons (`understood.*`); one side
// request per caller line at most; none at all when no LLM is set; a failing side request leaves
// attention to what words show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attention } from '../../shared/attention.ts';
import { callIdFor, type Call, type Speaker } from '../../shared/call.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { FakeOpenAI } from '../fakes/fake-openai.ts';
import { consoleGet, startEngine } from './support/engine.ts';
import { eventually } from './support/live.ts';

let openai: FakeOpenAI;
let engine: Engine;
beforeAll(async () => {
  openai = await new FakeOpenAI().start();
  engine = await startEngine({ openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key' });
});
afterAll(async () => {
  await engine.stop();
  await openai.stop();
});

let next = 0;
async function startCall(on: Engine): Promise<string> {
  const providerCallId = `und-${process.pid}-${++next}`;
  await on.calls.timeline.record(callIdFor('ringover', providerCallId), { type: 'stream', providerEvent: 'stream.connected', from: { number: `+3362000000${next}` } });
  return callIdFor('ringover', providerCallId);
}
const say = (on: Engine, callId: string, speaker: Speaker, text: string) =>
  on.calls.timeline.record(callId, { type: 'utterance', providerEvent: `transcript.${speaker}`, detail: { utterance: { id: `${callId}-${++next}`, speaker, text, final: true, startMs: 0 } } });

async function attentionOf(on: Engine, id: string): Promise<Attention> {
  const reply = await consoleGet(on, '/api/calls?state=live');
  return (reply.body as { calls: Call[] }).calls.find((call) => call.id === id)!.attention!;
}

describe('attention that needs understanding', () => {
  it('ranks a politely frustrated caller who wants someone above a calm one, with the model’s reasons, at one side request per caller line at most', async () => {
    // The model judges the transcript: the one who has explained it three times is frustrated and wants a person.
    openai.understand = (transcript) =>
      transcript.includes('three times')
        ? { text: JSON.stringify({ mood: 'angry', frustrated: true, asks_for_person: true, wants: 'A refund for a broken kettle' }) }
        : { text: JSON.stringify({ mood: 'calm', frustrated: false, asks_for_person: false }) };
    const counts = { ...engine.understanding.counts };
    const calm = await startCall(engine);
    const upset = await startCall(engine);
    await say(engine, calm, 'caller', 'Hello, when will my parcel arrive?');
    await say(engine, calm, 'bot', 'It arrives tomorrow morning.');
    await say(engine, upset, 'caller', 'My kettle arrived broken.');
    await say(engine, upset, 'bot', 'Could you tell me more?');
    await say(engine, upset, 'caller', 'I have now explained this three times. Could I please speak with somebody who can actually decide?');

    const upsetNow = await eventually(async () => {
      const attention = await attentionOf(engine, upset);
      expect(attention.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['understood.frustrated', 'understood.asked-for-person']));
      return attention;
    }, 8000);
    // Words alone found nothing: these are the model's reasons.
    expect(upsetNow.reasons.map((r) => r.code).filter((code) => !code.startsWith('understood.'))).toEqual([]);
    expect(upsetNow.reasons.find((r) => r.code === 'understood.frustrated')).toMatchObject({ side: 'caller', text: 'attention.reason.understood.frustrated', values: { mood: 'angry' } });
    const calmNow = await attentionOf(engine, calm);
    expect(calmNow.score).toBe(0);
    expect(upsetNow.score).toBeGreaterThan(calmNow.score);
    // The board's order: the upset caller first.
    const board = ((await consoleGet(engine, '/api/calls?state=live')).body as { calls: Call[] }).calls.filter((c) => c.id === calm || c.id === upset).sort((a, b) => (b.attention?.score ?? 0) - (a.attention?.score ?? 0));
    expect(board.map((c) => c.id)).toEqual([upset, calm]);

    const lines = engine.understanding.counts.callerLines - counts.callerLines;
    const requests = engine.understanding.counts.requests - counts.requests;
    expect(lines).toBe(3);
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual(lines);
    expect(openai.sideRequests.at(-1)!.body).toMatchObject({ response_format: { type: 'json_object' } });
  });

  it('counts a frustration once when words already showed it', async () => {
    openai.understand = () => ({ text: JSON.stringify({ mood: 'angry', frustrated: true, asks_for_person: false }) });
    const call = await startCall(engine);
    await say(engine, call, 'caller', 'This is ridiculous.');
    const attention = await eventually(async () => {
      const now = await attentionOf(engine, call);
      expect(now.reasons.map((r) => r.code)).toContain('frustrated');
      return now;
    });
    await eventually(async () => expect(engine.understanding.briefingOf(call)?.moods.length).toBe(1), 8000);
    expect((await attentionOf(engine, call)).reasons.map((r) => r.code)).toEqual(attention.reasons.map((r) => r.code).filter((c) => c !== 'understood.frustrated'));
  });

  it('keeps to what words show when the side request fails', async () => {
    openai.understand = () => ({ status: 500 });
    const failures = engine.understanding.counts.failures;
    const call = await startCall(engine);
    await say(engine, call, 'caller', 'My order 88123 is late, this is unacceptable.');
    await eventually(async () => expect(engine.understanding.counts.failures).toBeGreaterThan(failures), 8000);
    const attention = await attentionOf(engine, call);
    expect(attention.reasons.map((r) => r.code)).toEqual(['frustrated']);
    expect(engine.understanding.briefingOf(call)?.facts).toEqual([{ kind: 'order', value: '88123', source: 'pattern' }]);
  });

  it('makes no side request when no LLM is set, and still briefs from what a pattern finds', async () => {
    const bare = await startEngine();
    try {
      const call = await startCall(bare);
      await say(bare, call, 'caller', 'My name is Jeanne Martin and my account number is 99812345.');
      await eventually(async () => expect(bare.understanding.briefingOf(call)?.facts.length).toBe(2));
      expect(bare.understanding.counts).toMatchObject({ callerLines: 1, requests: 0 });
      const { call: view } = (await consoleGet(bare, `/api/calls/${call}`)).body as { call: Call };
      expect(view.briefing?.facts).toEqual([
        { kind: 'account', value: '99812345', source: 'pattern' },
        { kind: 'name', value: 'Jeanne Martin', source: 'pattern' },
      ]);
    } finally {
      await bare.stop();
    }
  });
});
