// The live briefing as the timeline keeps it: stored "as the call was taken over" only when a
// supervisor takes it (the bot turning to a person's mode as it asks is no take-over), and its open
// question is the bot's last one only until the caller answers it.
import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../../../shared/api.ts';
import type { CallEvent } from '../../../../shared/call.ts';
import { CallUnderstanding, lastQuestion, type CallUnderstandingDeps } from '../../../../electron/engine/pipeline/call-understanding.ts';
import type { TimelineEntry } from '../../../../electron/engine/calls/timeline.ts';

const CALL = 'ringover:brief-1';

function rig() {
  const listeners: ((message: LiveMessage) => void)[] = [];
  const stored: TimelineEntry[] = [];
  const deps = {
    live: { addOverlay: () => undefined, has: () => true },
    feed: { subscribe: (listener: (message: LiveMessage) => void) => listeners.push(listener), publishCall: () => undefined },
    timeline: { record: async (_id: string, entry: TimelineEntry) => void stored.push(entry) },
    logger: { info: () => undefined, warn: () => undefined },
    model: () => undefined,
    timeoutMs: () => 1000,
  } as unknown as CallUnderstandingDeps;
  const understanding = new CallUnderstanding(deps);
  let seq = 0;
  const send = (event: Partial<CallEvent>) =>
    listeners.forEach((l) => l({ type: 'event.appended', event: { id: String(++seq), callId: CALL, occurredAt: new Date().toISOString(), ...event } as CallEvent } as LiveMessage));
  const say = (speaker: 'bot' | 'caller', text: string) => send({ type: 'utterance', providerEvent: `transcript.${speaker}`, detail: { utterance: { id: String(seq), speaker, text, final: true, startMs: 0 } } });
  const bot = (providerEvent: string, detail: Record<string, unknown>) => send({ type: 'bot', providerEvent, detail });
  const moments = () => stored.filter((e) => e.providerEvent === 'bot.briefing').map((e) => e.detail!.moment);
  return { understanding, say, bot, moments };
}

describe('the briefing on the timeline', () => {
  it('is stored as taken over when a supervisor takes the call, not when the bot asks for a person', () => {
    const { say, bot, moments } = rig();
    say('caller', 'It is about order number 4512, I want a person.');
    bot('bot.needs-human', { needsHuman: { reason: 'asked for a person', at: new Date().toISOString() } });
    bot('bot.mode', { mode: 'human', reason: 'the bot asked for a person: asked for a person' });
    expect(moments()).toEqual([]);
    bot('bot.needs-human', { needsHuman: null }); // the take-over answers the ask
    expect(moments()).toEqual(['take-over']);
  });

  it('is stored as taken over when a supervisor takes a call the bot had', () => {
    const { say, bot, moments } = rig();
    say('caller', 'My order number is 4512.');
    bot('bot.mode', { mode: 'human', reason: 'a supervisor took the call' });
    expect(moments()).toEqual(['take-over']);
  });
});

describe('the open question', () => {
  it('is the bot’s last question until the caller answers it', () => {
    const { understanding, say } = rig();
    say('bot', 'Hello, thanks for calling. How can I help you today?');
    expect(understanding.briefingOf(CALL)?.openQuestion).toBe('How can I help you today?');
    say('caller', 'I would like to cancel my order.');
    expect(understanding.briefingOf(CALL)?.openQuestion).toBeUndefined();
    say('bot', 'Sure. What is the order number?');
    expect(understanding.briefingOf(CALL)?.openQuestion).toBe('What is the order number?');
    say('bot', 'Take your time.');
    expect(understanding.briefingOf(CALL)?.openQuestion).toBe('What is the order number?');
  });

  it('is the last question of a line', () => {
    expect(lastQuestion('Hello. Can you hear me? What is your name?')).toBe('What is your name?');
    expect(lastQuestion('One moment please.')).toBeUndefined();
  });
});
