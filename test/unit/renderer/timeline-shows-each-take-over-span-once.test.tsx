// @vitest-environment happy-dom
// A call's timeline shows a supervisor's take-over voice as one entry per span ("spoke 12 s"), in
// the console's language: from the engine's one span event, and from the 100 ms pieces older calls
// stored.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/call.ts';
import { Timeline } from '../../../renderer/src/features/call-detail/timeline.tsx';
import { i18n } from '../../../renderer/src/i18n/index.ts';

let seq = 0;
function event(occurredAt: string, type: CallEvent['type'], providerEvent: string, detail?: Record<string, unknown>): CallEvent {
  return { id: String(++seq), callId: 'ringover-7', provider: 'ringover', providerCallId: '7', type, providerEvent, occurredAt, receivedAt: occurredAt, detail } as CallEvent;
}

const span = (at: string, durationMs: number) =>
  event(at, 'command', 'command.streamAudio', {
    origin: 'supervisor',
    command: { type: 'streamAudio', audioDataType: 'raw', sampleRate: 16000, durationMs },
    span: { startedAt: at, endedAt: new Date(Date.parse(at) + durationMs).toISOString(), pieces: durationMs / 100 },
  });

const takeOver = [
  event('2025-03-04T10:00:00.000Z', 'command', 'bot.mode', { mode: 'human', reason: 'a supervisor took the call' }),
  span('2025-03-04T10:00:01.000Z', 12_000),
  event('2025-03-04T10:00:14.000Z', 'command', 'bot.mode', { mode: 'bot', reason: 'the supervisor handed the call back' }),
];

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage('en'));
});

describe('the timeline', () => {
  it('shows a take-over span once, with its length, in English and French', async () => {
    await act(() => i18n.changeLanguage('en'));
    render(<Timeline events={takeOver} />);
    const entries = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(entries).toHaveLength(3);
    expect(entries[1]).toMatch(/Supervisor spoke 12 sec(?!\.)/); // Intl's short English unit
    cleanup();

    await act(() => i18n.changeLanguage('fr'));
    render(<Timeline events={takeOver} />);
    expect(screen.getAllByRole('listitem')[1]!.textContent).toMatch(/Le superviseur a parlé 12\s?s/);
  });

  it('folds the 100 ms pieces of calls recorded before into one entry', async () => {
    const pieces = Array.from({ length: 30 }, (_, i) =>
      event(new Date(Date.parse('2025-03-04T10:00:01.000Z') + i * 100).toISOString(), 'command', 'command.streamAudio', { origin: 'supervisor', command: { type: 'streamAudio', durationMs: 100 } }),
    );
    render(<Timeline events={pieces} />);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('Supervisor spoke 3.0 sec')]);
  });
});
