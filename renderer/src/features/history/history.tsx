// Ended calls, newest first, searchable by number, name or anything said, within dates.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Call } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { parties, partyName } from '../board/call-state.ts';

interface Search {
  q: string;
  from: string;
  to: string;
}

/** A day picked in the form, as the instant it starts (local time). */
const dayStart = (day: string, plusDays = 0) => {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

const duration = (call: Call) => (call.durationSeconds === undefined ? '' : `${Math.floor(call.durationSeconds / 60)}:${String(call.durationSeconds % 60).padStart(2, '0')}`);

export function History() {
  const api = useBridge();
  const [search, setSearch] = useState<Search>({ q: '', from: '', to: '' });
  const [calls, setCalls] = useState<Call[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const ids = { q: useId(), from: useId(), to: useId() };
  // Only the latest request's answer is shown: the first (unfiltered) list may come back after a
  // search made meanwhile, and must not replace its results.
  const latest = useRef(0);

  const load = useCallback(
    async (query: Search, before?: string) => {
      const request = ++latest.current;
      setError(undefined);
      try {
        const page = await api.listCalls({
          state: 'ended',
          limit: 50,
          ...(query.q.trim() && { q: query.q.trim() }),
          ...(query.from && { after: dayStart(query.from) }),
          ...(before ? { before } : query.to ? { before: dayStart(query.to, 1) } : {}),
        });
        if (request !== latest.current) return;
        setCalls((current) => (before ? [...(current ?? []), ...page.calls] : page.calls));
        setNext(page.nextBefore);
      } catch (failure) {
        if (request === latest.current) setError((failure as Error).message);
      }
    },
    [api],
  );

  useEffect(() => void load({ q: '', from: '', to: '' }), [load]);

  return (
    <section className="history" aria-label="Call history">
      <form
        className="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void load(search);
        }}
      >
        <label htmlFor={ids.q}>Search</label>
        <input id={ids.q} type="search" placeholder="Number, name, or words said in the call" value={search.q} onChange={(e) => setSearch({ ...search, q: e.target.value })} />
        <label htmlFor={ids.from}>From</label>
        <input id={ids.from} type="date" value={search.from} onChange={(e) => setSearch({ ...search, from: e.target.value })} />
        <label htmlFor={ids.to}>To</label>
        <input id={ids.to} type="date" value={search.to} onChange={(e) => setSearch({ ...search, to: e.target.value })} />
        <button type="submit" className="btn primary">
          Search
        </button>
      </form>
      {error && <EmptyState title="The search failed" tone="error"><p>{error}</p></EmptyState>}
      {!error && calls === undefined && <EmptyState title="Loading calls…" tone="loading" />}
      {!error && calls?.length === 0 && (
        <EmptyState title={search.q || search.from || search.to ? 'No call matches' : 'No ended calls yet'}>
          <p>{search.q ? 'Try a shorter part of the number or other words.' : 'Calls land here once they end.'}</p>
        </EmptyState>
      )}
      {calls && calls.length > 0 && (
        <table className="calls">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Caller</th>
              <th scope="col">Called</th>
              <th scope="col">Length</th>
              <th scope="col">Outcome</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => {
              const { caller, callee } = parties(call);
              return (
                <tr key={call.id}>
                  <td>
                    <a href={`#/calls/${encodeURIComponent(call.id)}`}>{new Date(call.startedAt).toLocaleString()}</a>
                  </td>
                  <td>{partyName(caller)}</td>
                  <td>{partyName(callee)}</td>
                  <td>{duration(call)}</td>
                  <td>{call.disposition ?? call.outcome ?? ''}</td>
                  <td className="summary-cell">{call.summary ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" className="btn" onClick={() => void load(search, next)}>
          Load older calls
        </button>
      )}
    </section>
  );
}
