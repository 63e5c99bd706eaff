import { describe, expect, it } from 'vitest';
import { callOf } from './support/calls.ts';
import { chipOf, elapsed, orderCalls, parties } from '../../../renderer/src/features/board/call-state.ts';

const call = callOf;

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

  it('names the state of each call with one chip', () => {
    expect(chipOf(call('a', { state: 'ringing' }))).toBe('ringing');
    expect(chipOf(call('a', { mode: 'bot', bot: { engine: 'pipeline', state: 'speaking' } }))).toBe('bot');
    expect(chipOf(call('a', { mode: 'human', bot: { engine: 'pipeline', state: 'silent' } }))).toBe('human');
    expect(chipOf(call('a', { mode: 'human', needsHuman: { reason: 'r', at: '' } }))).toBe('on hold');
    expect(chipOf(call('a', { state: 'ended' }))).toBe('ended');
    expect(chipOf(call('a', { bot: { engine: 'off', state: 'monitoring' } }))).toBe('live');
  });

  it('shows the caller first whichever way the call goes, and a running timer', () => {
    expect(parties(call('o', { direction: 'outbound', from: { name: 'Agent' }, to: { name: 'Customer' } })).caller.name).toBe('Customer');
    expect(elapsed('2026-11-23T10:00:00.000Z', Date.parse('2026-11-23T10:01:05.000Z'))).toBe('1:05');
    expect(elapsed('2026-11-23T10:00:00.000Z', Date.parse('2026-11-23T11:02:03.000Z'))).toBe('1:02:03');
  });
});
