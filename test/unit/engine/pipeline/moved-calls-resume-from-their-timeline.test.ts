// What a call moved to another engine resumes from: the bot's latest mode and the final lines said
// so far, read from the call's stored timeline (interim lines, empty ones and other events aside).
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../../shared/call.ts';
import { latestMode, spokenLines } from '../../../../electron/engine/pipeline/bots.ts';

let seq = 0;
const event = (providerEvent: string, type: CallEvent['type'], detail: Record<string, unknown>): CallEvent => ({
  id: String(++seq),
  provider: 'ringover',
  providerCallId: '1',
  callId: 'ringover-1',
  type,
  providerEvent,
  occurredAt: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  detail,
});
const line = (speaker: string, text: string, final = true) => event(`transcript.${speaker}`, 'utterance', { utterance: { id: String(seq), speaker, text, final, startMs: 0 } });

describe('a moved call resumes from its timeline', () => {
  it('takes the latest mode the bot recorded; none for a call that never had a bot', () => {
    expect(latestMode([event('call.answered', 'answered', {})])).toBeUndefined();
    expect(latestMode([event('bot.mode', 'bot', { mode: 'bot' }), line('caller', 'Hi'), event('bot.mode', 'bot', { mode: 'human' })])).toBe('human');
    expect(latestMode([event('bot.mode', 'bot', { mode: 'bot' }), event('bot.mode', 'bot', { mode: 'robot' })])).toBe('bot');
  });

  it('hands on the final lines in order, with who said them', () => {
    const events = [
      line('bot', 'Hello.'),
      line('caller', 'I need to change', false),
      line('caller', 'I need to change my delivery address.'),
      line('caller', ''),
      event('bot.turn', 'turn', { metrics: {} }),
      line('supervisor', 'I will take it from here.'),
      line('stranger', 'not a speaker'),
    ];
    expect(spokenLines(events)).toEqual([
      { speaker: 'bot', text: 'Hello.' },
      { speaker: 'caller', text: 'I need to change my delivery address.' },
      { speaker: 'supervisor', text: 'I will take it from here.' },
    ]);
  });
});
