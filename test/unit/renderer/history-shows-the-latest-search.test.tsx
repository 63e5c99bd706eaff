// @vitest-environment happy-dom
// History shows the answer to the latest request: the first, unfiltered list coming back after a
// search made meanwhile must not replace the search's results.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallList, CallQuery, ConsoleApi } from '../../../shared/api.ts';
import type { Bridge } from '../../../renderer/src/bridge/index.ts';
import { BridgeContext } from '../../../renderer/src/bridge/context.ts';
import { History } from '../../../renderer/src/features/history/history.tsx';
import { callOf } from './support/calls.ts';

afterEach(cleanup);

describe('history', () => {
  it('keeps the search’s results when the first list answers after it', async () => {
    const answers: { query: CallQuery; answer: (list: CallList) => void }[] = [];
    const listCalls = (query: CallQuery) => new Promise<CallList>((answer) => answers.push({ query, answer }));
    // No Ringover key: History offers no back-fill.
    const ringoverStatus = async () => ({ key: 'missing' });
    const api = { listCalls: listCalls as ConsoleApi['listCalls'], ringoverStatus, onStatus: () => () => undefined, recordingUrl: () => '' } as unknown as Bridge;
    render(
      <BridgeContext.Provider value={api}>
        <History />
      </BridgeContext.Provider>,
    );
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'delivery address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(answers.map((a) => a.query.q)).toEqual([undefined, 'delivery address']);

    const ended = (id: string, name: string) => callOf(id, { state: 'ended', from: { number: '+33612345678', name } });
    await act(async () => answers[1]!.answer({ calls: [ended('c2', 'Sofia Rossi')] }));
    await act(async () => answers[0]!.answer({ calls: [ended('c1', 'Claire Dubois'), ended('c2', 'Sofia Rossi')] }));
    expect(screen.getAllByRole('row').map((row) => row.textContent)).toEqual([expect.stringContaining('Caller'), expect.stringContaining('Sofia Rossi')]);
  });
});
