// History's "Back-fill from Ringover": reads Ringover's call log for a range of days and adds the
// calls (and fills the fields) whose webhooks never arrived, then says how many. Administrators
// only, as the console API's `backfill` operation requires: the page shows no one what their role
// cannot do, and nothing on a console without a Ringover API key.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconciliationResult } from '../../../../shared/ringover.ts';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { mayAdminister } from '../../store/team-slice.ts';

/** A day picked in a date field (`yyyy-mm-dd`), as the instant it starts in local time, ISO. */
export function dayStart(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

/** `yyyy-mm-dd` of the local day `daysAgo` days before today, as a date field takes it. */
export function localDay(daysAgo = 0, now = new Date()): string {
  const date = new Date(now);
  date.setDate(date.getDate() - daysAgo);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * The range the engine reads for the days `from` to `to` (both included): from the start of `from`
 * to the end of `to`, or now when `to` is today (the log has nothing later).
 */
export function backfillRange(from: string, to: string, now = Date.now()): { from: string; to: string } {
  const end = Math.min(Date.parse(dayStart(to, 1)), now);
  return { from: dayStart(from), to: new Date(end).toISOString() };
}

export function BackfillForm({ onAdded }: { onAdded: () => void }) {
  const api = useBridge();
  const { t } = useTranslation();
  const admin = useStore((s) => mayAdminister(s.me));
  const [keySet, setKeySet] = useState(false);
  const [from, setFrom] = useState(() => localDay(7));
  const [to, setTo] = useState(() => localDay(0));
  const [running, setRunning] = useState(false);
  const [said, setSaid] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  const id = useId();

  useEffect(() => {
    if (!admin) return;
    void api.ringoverStatus().then(
      (status) => setKeySet(status.key !== 'missing'),
      () => setKeySet(false),
    );
  }, [api, admin]);

  if (!admin || !keySet) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setSaid(undefined);
    try {
      const result: ReconciliationResult = await api.backfill(backfillRange(from, to));
      setSaid({ tone: 'ok', text: t('backfill.done', { count: result.created, completed: result.completed, seen: result.seen }) });
      if (result.created || result.completed) onAdded();
    } catch (error) {
      setSaid({ tone: 'error', text: t('backfill.failed', { error: (error as Error).message }) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <details className="panel backfill">
      <summary>{t('backfill.title')}</summary>
      <p className="hint" id={`${id}-help`}>
        {t('backfill.help')}
      </p>
      <form onSubmit={(event) => void submit(event)} aria-describedby={`${id}-help`}>
        <label htmlFor={`${id}-from`}>{t('backfill.from')}</label>
        <input id={`${id}-from`} type="date" required value={from} max={to} onChange={(event) => setFrom(event.target.value)} />
        <label htmlFor={`${id}-to`}>{t('backfill.to')}</label>
        <input id={`${id}-to`} type="date" required value={to} min={from} max={localDay(0)} onChange={(event) => setTo(event.target.value)} />
        <button type="submit" className="btn" disabled={running || !from || !to}>
          {running ? t('backfill.running') : t('backfill.run')}
        </button>
      </form>
      <p className={`feedback ${said?.tone ?? ''}`} role="status" aria-live="polite">
        {said?.text}
      </p>
    </details>
  );
}
