// Ended calls, newest first, searchable by number, name or anything said, within dates. Kept
// current as calls end (and as their summaries, tags and notes arrive), without a reload. Each row
// says how the call ended and why, its tags, how long it rang, talked and lasted, the queue or
// voice menu it went through, and its summary (else its notes).
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { onLiveMessage } from '../../store/actions.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { parties, partyName } from '../board/call-state.ts';
import { callTimes } from '../call-facts/call-times.ts';
import { ivrText } from '../call-facts/facts-panel.tsx';
import { outcomeText } from '../call-facts/outcome.ts';
import { TagChips } from '../call-facts/tag-chips.tsx';
import { BackfillForm, dayStart } from './backfill-form.tsx';

interface Search {
  q: string;
  from: string;
  to: string;
}

const filtered = (search: Search) => Boolean(search.q.trim() || search.from || search.to);

/** Why a search found nothing, as a hint key: From after To (dates `YYYY-MM-DD` compare as text), words, or nothing typed. */
export const emptyHintKey = (search: Search) =>
  search.from && search.to && search.from > search.to ? 'history.reversedDates' : search.q ? 'history.noMatchHint' : 'history.noneHint';

/**
 * The list with an ended call put in: replaced where it is (a summary arrived), else added in
 * start order (newest first) when the list is not a search (a search is asked again instead).
 */
export function withEndedCall(calls: readonly Call[], call: Call): Call[] {
  const at = calls.findIndex((c) => c.id === call.id);
  if (at >= 0) return calls.map((c, i) => (i === at ? call : c));
  const next = [...calls, call];
  next.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
  return next;
}

export function History() {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
  const [search, setSearch] = useState<Search>({ q: '', from: '', to: '' });
  const [shown, setShown] = useState<Search>({ q: '', from: '', to: '' });
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
        setShown(query);
        setCalls((current) => (before ? [...(current ?? []), ...page.calls] : page.calls));
        if (!before || page.nextBefore) setNext(page.nextBefore);
        else setNext(undefined);
      } catch (failure) {
        if (request === latest.current) setError((failure as Error).message);
      }
    },
    [api],
  );

  useEffect(() => void load({ q: '', from: '', to: '' }), [load]);

  // Calls that end (and ended calls that change: a summary, a recording) while History is open.
  const searchShown = useRef(shown);
  searchShown.current = shown;
  useEffect(
    () =>
      onLiveMessage((message) => {
        if (message.type !== 'call.updated' || message.call.state !== 'ended') return;
        const call = message.call;
        if (filtered(searchShown.current)) {
          setCalls((current) => (current?.some((c) => c.id === call.id) ? withEndedCall(current, call) : current));
          void load(searchShown.current);
          return;
        }
        setCalls((current) => (current ? withEndedCall(current, call) : current));
      }),
    [load],
  );

  return (
    <section className="history" aria-labelledby="history-title">
      <h1 id="history-title" className="visually-hidden">
        {t('history.title')}
      </h1>
      <form
        className="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void load(search);
        }}
      >
        <label htmlFor={ids.q}>{t('history.search')}</label>
        <input id={ids.q} type="search" placeholder={t('history.searchPlaceholder')} value={search.q} onChange={(e) => setSearch({ ...search, q: e.target.value })} />
        <label htmlFor={ids.from}>{t('history.from')}</label>
        <input id={ids.from} type="date" value={search.from} onChange={(e) => setSearch({ ...search, from: e.target.value })} />
        <label htmlFor={ids.to}>{t('history.to')}</label>
        <input id={ids.to} type="date" value={search.to} onChange={(e) => setSearch({ ...search, to: e.target.value })} />
        <button type="submit" className="btn primary">
          {t('history.searchButton')}
        </button>
      </form>
      <BackfillForm onAdded={() => void load(searchShown.current)} />
      {error && (
        <EmptyState title={t('history.failed')} tone="error">
          <p>{error}</p>
        </EmptyState>
      )}
      {!error && calls === undefined && <EmptyState title={t('history.loading')} tone="loading" />}
      {!error && calls?.length === 0 && (
        <EmptyState title={filtered(shown) ? t('history.noMatch') : t('history.none')}>
          <p>{t(emptyHintKey(shown))}</p>
        </EmptyState>
      )}
      {calls && calls.length > 0 && (
        <table className="calls">
          <caption className="visually-hidden">{t('history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.started')}</th>
              <th scope="col">{t('history.caller')}</th>
              <th scope="col">{t('history.called')}</th>
              <th scope="col">{t('history.length')}</th>
              <th scope="col">{t('history.outcome')}</th>
              <th scope="col">{t('history.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => {
              const { caller, callee } = parties(call);
              const times = callTimes(call, f);
              const through = call.queue ? t('card.queue', { queue: call.queue }) : ivrText(call, t);
              return (
                <tr key={call.id}>
                  <td>
                    <a href={`#/calls/${encodeURIComponent(call.id)}`}>{f.dateTime(call.startedAt)}</a>
                  </td>
                  <td>
                    {partyName(caller)}
                    {caller.name && caller.number && <span className="number">{caller.number}</span>}
                    {call.demo && <span className="chip demo">{t('card.demo')}</span>}
                  </td>
                  <td>
                    {partyName(callee)}
                    {through && <span className="number">{through}</span>}
                  </td>
                  <td className="times">
                    {times.talked && (
                      <span>
                        {t('facts.talked')} {times.talked}
                      </span>
                    )}
                    {(times.rang || (!times.talked && times.total)) && (
                      <span className="number">{[times.rang && `${t('facts.rang')} ${times.rang}`, times.total && `${t('facts.total')} ${times.total}`].filter(Boolean).join(' · ')}</span>
                    )}
                  </td>
                  <td>
                    {call.disposition ? t(`disposition.${call.disposition}`) : outcomeText(call, t)}
                    <TagChips tags={call.tags} />
                  </td>
                  <td className="summary-cell">{call.summary ?? (call.comments ? t('notes.inHistory', { notes: call.comments }) : '')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" className="btn" onClick={() => void load(shown, next)}>
          {t('history.older')}
        </button>
      )}
    </section>
  );
}
