// An administrator's Audit trail page: every supervisor action with who, when, from where and on
// which call, filtered by person, call, action and dates, and exported (the filtered entries) as CSV
// or JSON. The engine writes and filters the trail; this page only asks and shows.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, TEAM_ROUTES, type AuditAction, type AuditEntry, type AuditQuery } from '../../../../shared/team.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { auditQueryString, queryAudit } from './team-client.ts';

interface Filter {
  actor: string;
  callId: string;
  action: AuditAction | '';
  from: string;
  to: string;
}

const EMPTY: Filter = { actor: '', callId: '', action: '', from: '', to: '' };

/** A day picked in the form, as the instant it starts (local time). */
const dayStart = (day: string, plusDays = 0) => {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

/** The engine's query for what the form holds (the "to" day is included). */
export function auditQueryOf(filter: Filter): AuditQuery {
  return {
    ...(filter.actor.trim() && { actor: filter.actor.trim() }),
    ...(filter.callId.trim() && { callId: filter.callId.trim() }),
    ...(filter.action && { action: filter.action }),
    ...(filter.from && { from: dayStart(filter.from) }),
    ...(filter.to && { to: dayStart(filter.to, 1) }),
  };
}

/** What an entry's detail says, in few words: `key: value` pairs (names and numbers only, never secrets). */
const detailText = (detail: AuditEntry['detail']) =>
  detail ? Object.entries(detail).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join(' · ') : '';

export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormats();
  const ids = { actor: useId(), callId: useId(), action: useId(), from: useId(), to: useId() };
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [shown, setShown] = useState<AuditQuery>({});
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async (query: AuditQuery) => {
    setError(undefined);
    try {
      const found = await queryAudit(query);
      setShown(query);
      // Newest first, as a trail is read.
      setEntries([...found].reverse());
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);
  useEffect(() => void load({}), [load]);

  const field = (key: keyof Filter) => ({ value: filter[key], onChange: (e: { target: { value: string } }) => setFilter({ ...filter, [key]: e.target.value }) });
  const exportHref = (format: 'csv' | 'json') => `${TEAM_ROUTES.audit}?${auditQueryString(shown, format)}`;

  return (
    <section className="team-admin audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('team.audit.title')}</h1>
      <form
        className="search audit-filter"
        role="search"
        aria-label={t('team.audit.filter')}
        onSubmit={(event) => {
          event.preventDefault();
          void load(auditQueryOf(filter));
        }}
      >
        <label htmlFor={ids.actor}>{t('team.audit.person')}</label>
        <input id={ids.actor} type="search" {...field('actor')} />
        <label htmlFor={ids.callId}>{t('team.audit.call')}</label>
        <input id={ids.callId} type="search" {...field('callId')} />
        <label htmlFor={ids.action}>{t('team.audit.action')}</label>
        <select id={ids.action} {...field('action')}>
          <option value="">{t('team.audit.anyAction')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`team.audit.actions.${a}`)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.from}>{t('history.from')}</label>
        <input id={ids.from} type="date" {...field('from')} />
        <label htmlFor={ids.to}>{t('history.to')}</label>
        <input id={ids.to} type="date" {...field('to')} />
        <button type="submit" className="btn primary">
          {t('team.audit.apply')}
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={() => {
            setFilter(EMPTY);
            void load({});
          }}
        >
          {t('team.audit.clear')}
        </button>
      </form>
      <div className="export" role="group" aria-labelledby="audit-export">
        <span id="audit-export">{t('team.audit.export')}</span>
        <a className="btn ghost" href={exportHref('csv')} download="ringside-audit.csv">
          {t('team.audit.csv')}
        </a>
        <a className="btn ghost" href={exportHref('json')} download="ringside-audit.json">
          {t('team.audit.json')}
        </a>
      </div>
      {error && (
        <EmptyState title={t('team.audit.failed')} tone="error">
          <p>{error}</p>
        </EmptyState>
      )}
      {!error && entries === undefined && <EmptyState title={t('team.audit.loading')} tone="loading" />}
      {!error && entries?.length === 0 && <EmptyState title={t('team.audit.none')} />}
      {entries && entries.length > 0 && (
        <table className="calls team-table audit-entries">
          <caption className="visually-hidden">{t('team.audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team.audit.when')}</th>
              <th scope="col">{t('team.audit.person')}</th>
              <th scope="col">{t('team.audit.action')}</th>
              <th scope="col">{t('team.audit.call')}</th>
              <th scope="col">{t('team.audit.address')}</th>
              <th scope="col">{t('team.audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-action={e.action}>
                <td>{f.dateTime(e.at)}</td>
                <td>{e.actorName}</td>
                <td>{t(`team.audit.actions.${e.action}`)}</td>
                <td>{e.callId ? <a href={`#/calls/${encodeURIComponent(e.callId)}`}>{e.callId}</a> : ''}</td>
                <td>{e.address}</td>
                <td className="summary-cell">{detailText(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
