// @vitest-environment happy-dom
// A call card: who, state and what was said; each button sends its command through the bridge
// and the card says it landed (or why not).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ConsoleApi } from '../../../shared/api.ts';
import type { Call } from '../../../shared/call.ts';
import type { Command } from '../../../shared/commands.ts';
import type { Bridge } from '../../../renderer/src/bridge/index.ts';
import { BridgeContext } from '../../../renderer/src/bridge/context.ts';
import { CallCard } from '../../../renderer/src/features/board/call-card.tsx';
import { useStore } from '../../../renderer/src/store/index.ts';

// Canvas drawing is the browser's job (the Chromium tests cover it); here the waveform is a box.
vi.mock('../../../renderer/src/features/waveform/peak-strip.tsx', () => ({ PeakStrip: () => null }));

const live: Call = {
  id: 'ringover-42',
  provider: 'ringover',
  providerCallId: '42',
  state: 'in-progress',
  direction: 'inbound',
  from: { name: 'Claire Dubois', number: '+33612345678' },
  to: { number: '+33187654321' },
  startedAt: new Date(Date.now() - 65_000).toISOString(),
  mode: 'bot',
  bot: { engine: 'pipeline', state: 'speaking' },
  stream: { state: 'connected', framesReceived: 10, framesLost: 0, framesMalformed: 0, duplicates: 0, late: 0, connections: 1, connectedAt: '', updatedAt: '' },
  eventCount: 3,
  updatedAt: '',
};

function bridge(send: (id: string, command: Command) => Promise<unknown>): Bridge {
  const api: Partial<ConsoleApi> = { sendCommand: send as ConsoleApi['sendCommand'], transferTargets: async () => ({ targets: [], problems: [] }) };
  return { ...api, onStatus: () => () => undefined, recordingUrl: async () => '' } as Bridge;
}

function renderCard(api: Bridge) {
  return render(
    <BridgeContext.Provider value={api}>
      <CallCard callId={live.id} />
    </BridgeContext.Provider>,
  );
}

beforeEach(() => {
  useStore.setState({ calls: new Map([[live.id, live]]), transcripts: new Map([[live.id, [{ id: 'u', speaker: 'caller', text: 'Where is my order?', final: true, startMs: 0 }]]]), feedback: new Map(), panel: undefined });
});
afterEach(cleanup);

describe('a call card', () => {
  it('shows who is calling, the state, the timer and the last words', () => {
    renderCard(bridge(async () => ({ sent: true })));
    expect(screen.getByRole('article', { name: 'Claire Dubois to +33187654321, Bot' })).toBeTruthy();
    expect(screen.getByLabelText('Duration').textContent).toMatch(/^1:0[56]$/);
    expect(screen.getByText('Where is my order?')).toBeTruthy();
  });

  it('sends break and says it landed', async () => {
    const sent: Command[] = [];
    renderCard(bridge(async (_id, command) => (sent.push(command), { sent: true })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Break' })));
    expect(sent).toEqual([{ type: 'break' }]);
    expect(screen.getByRole('status').textContent).toBe('Break sent');
  });

  it('sends each keypad key as it is pressed, from buttons and from the keyboard', async () => {
    const sent: Command[] = [];
    renderCard(bridge(async (_id, command) => (sent.push(command), { sent: true })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Keypad' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Key 1' })));
    await act(async () => fireEvent.keyDown(window, { key: '#' }));
    expect(sent).toEqual([
      { type: 'digits', digits: '1' },
      { type: 'digits', digits: '#' },
    ]);
  });

  it('refuses an invalid transfer target before sending, and sends a valid one in wire form', async () => {
    const sent: Command[] = [];
    renderCard(bridge(async (_id, command) => (sent.push(command), { sent: true })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Transfer' })));
    const input = screen.getByLabelText('Transfer to');
    fireEvent.change(input, { target: { value: 'sales team' } });
    await act(async () => fireEvent.submit(input.closest('form')!));
    expect(screen.getByRole('alert').textContent).toContain('phone number');
    expect(sent).toEqual([]);
    fireEvent.change(input, { target: { value: '+33 1 23 45 67 89' } });
    await act(async () => fireEvent.submit(input.closest('form')!));
    expect(sent).toEqual([{ type: 'transfer', to: '+33123456789' }]);
  });

  it('shows the engine’s reason when a command fails', async () => {
    renderCard(bridge(async () => Promise.reject(new ApiError(409, 'call ringover-42 has no live stream'))));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Break' })));
    expect(screen.getByRole('status').textContent).toBe('Call ringover-42 has no live stream');
  });
});
