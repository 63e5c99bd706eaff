// @vitest-environment happy-dom
// A call's timeline names who acted: a command (a break, a "say") with the person who sent it, the
// take-over's break as theirs, not the bot's; tags and notes added from the console with their author.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/call.ts';
import { Timeline } from '../../../renderer/src/features/call-detail/timeline.tsx';
import { i18n } from '../../../renderer/src/i18n/index.ts';

let seq = 0;
function event(type: CallEvent['type'], providerEvent: string, extra: Partial<CallEvent>): CallEvent {
  const occurredAt = new Date(Date.UTC(2025, 2, 4, 10, 0, ++seq)).toISOString();
  return { id: String(seq), callId: 'ringover-8', provider: 'ringover', providerCallId: '8', type, providerEvent, occurredAt, receivedAt: occurredAt, ...extra } as CallEvent;
}
const by = { id: 'u1', name: 'Jeanne Martin' };

afterEach(() => cleanup());

describe('the timeline names who acted', () => {
  it('for commands, tags and notes', async () => {
    await act(() => i18n.changeLanguage('en'));
    const { container } = render(
      <Timeline
        events={[
          event('command', 'command.break', { detail: { command: { type: 'break' }, origin: 'supervisor', by } }),
          event('command', 'command.say', { detail: { command: { type: 'say', characters: 12 }, origin: 'supervisor', by } }),
          event('command', 'command.break', { detail: { command: { type: 'break' }, origin: 'bot' } }),
          event('other', 'console.tags', { tags: ['vip'], detail: { by, added: ['vip'], source: 'console' } }),
          event('other', 'console.comment', { comments: 'Wants a refund.', detail: { by, source: 'console' } }),
        ]}
      />,
    );
    const entries = [...container.querySelectorAll('ol.timeline > li')].map((li) => li.textContent ?? '');
    expect(entries).toHaveLength(5);
    expect(entries[0]).toContain('Break, by Jeanne Martin');
    expect(entries[1]).toContain('Say, by Jeanne Martin');
    expect(entries[2]).toContain('Break, by the bot');
    expect(entries[3]).toContain('Tags updated, by Jeanne Martin');
    expect(entries[4]).toContain('Notes updated, by Jeanne Martin');
  });
});
