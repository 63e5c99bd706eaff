// How the board reads calls: who has each call (the chip), the order cards come in, and the places
// cards keep while the supervisor works on the board.
import { describe, expect, it } from 'vitest';
import { callOf } from './support/calls.ts';
import { callSeconds, keepPlaces, orderCalls, ownerOf, parties } from '../../../renderer/src/features/board/call-state.ts';
import { formatsFor } from '../../../shared/i18n/format.ts';

const call = callOf;
const streamed = { state: 'connected', framesReceived: 1, framesLost: 0, framesMalformed: 0, duplicates: 0, late: 0, connections: 1, connectedAt: '', updatedAt: '' } as const;

describe('the board', () => {
  it('puts calls waiting for a person first, then calls a supervisor holds, then the longest running', () => {
    const calls = [
      call('newest-bot', { startedAt: '2026-11-23T10:05:00.000Z', mode: 'bot' }),
      call('oldest-bot', { startedAt: '2026-11-23T10:00:00.000Z', mode: 'bot' }),
      call('ended', { state: 'ended', startedAt: '2026-11-23T09:00:00.000Z' }),
      call('held', { startedAt: '2026-11-23T10:04:00.000Z', mode: 'human' }),
      call('waiting', { startedAt: '2026-11-23T10:06:00.000Z', needsHuman: { reason: 'asked', at: '' } }),
      call('ringing', { state: 'ringing', startedAt: '2026-11-23T10:07:00.000Z' }),
    ];
    expect(orderCalls(calls).map((c) => c.id)).toEqual(['waiting', 'held', 'ringing', 'oldest-bot', 'newest-bot', 'ended']);
  });

  it('says who has each call: the bot, you, another supervisor, a person by name, or nobody yet', () => {
    const bot = { engine: 'pipeline', state: 'speaking' } as const;
    expect(ownerOf(call('a', { state: 'ringing' })).kind).toBe('ringing');
    expect(ownerOf(call('a', { mode: 'bot', bot, stream: streamed })).kind).toBe('bot');
    expect(ownerOf(call('a', { mode: 'human', bot: { engine: 'pipeline', state: 'silent' }, stream: streamed }), 'a').kind).toBe('you');
    expect(ownerOf(call('a', { mode: 'human', bot: { engine: 'pipeline', state: 'silent' }, stream: streamed }), 'other').kind).toBe('supervisor');
    expect(ownerOf(call('a', { mode: 'human', bot, needsHuman: { reason: 'r', at: '' } })).kind).toBe('waiting');
    expect(ownerOf(call('a', { mode: 'human', bot, needsHuman: { reason: 'r', at: '' } }), 'a').kind).toBe('you');
    expect(ownerOf(call('a', { state: 'ended' })).kind).toBe('ended');
    expect(ownerOf(call('a', { agent: { name: 'Nora Lindqvist' } }))).toEqual({ kind: 'person', name: 'Nora Lindqvist' });
    expect(ownerOf(call('a', {})).kind).toBe('live');
  });

  it('never takes the provider’s agent field for who speaks on a call the bot (or a supervisor) answers', () => {
    // The demo's calls name "Ringside Bot" as their agent: the line the stream belongs to, not a person.
    const agent = { name: 'Ringside Bot' };
    expect(ownerOf(call('a', { agent, mode: 'bot', bot: { engine: 'off', state: 'monitoring' }, stream: streamed })).kind).toBe('monitor');
    expect(ownerOf(call('a', { agent, mode: 'bot', bot: { engine: 'pipeline', state: 'listening' }, stream: streamed })).kind).toBe('bot');
  });

  it('keeps each card in its place while the supervisor works on the board; new calls come last', () => {
    expect(keepPlaces(['b', 'a', 'c'], ['a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
    expect(keepPlaces(['b', 'a', 'c'], ['d', 'c', 'a'])).toEqual(['a', 'c', 'd']);
    expect(keepPlaces([], ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('shows the caller first whichever way the call goes, and a timer that stops when the call ends', () => {
    expect(parties(call('o', { direction: 'outbound', from: { name: 'Agent' }, to: { name: 'Customer' } })).caller.name).toBe('Customer');
    const clock = formatsFor('en').clock;
    expect(clock(callSeconds(call('a', { startedAt: '2026-11-23T10:00:00.000Z' }), Date.parse('2026-11-23T10:01:05.000Z'))!)).toBe('1:05');
    expect(clock(3723)).toBe('1:02:03');
    const ended = call('e', { state: 'ended', startedAt: '2026-11-23T10:00:00.000Z', endedAt: '2026-11-23T10:00:58.000Z' });
    expect(callSeconds(ended, Date.parse('2026-11-23T11:00:00.000Z'))).toBe(58);
    expect(callSeconds(call('e', { state: 'ended', durationSeconds: 40 }), Date.now())).toBe(40);
  });
});
