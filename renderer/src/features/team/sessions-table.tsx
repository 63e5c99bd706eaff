// Every open session of the team (a browser's cookie, the desktop app's token): whose, from where,
// when last used, until when; Revoke ends it at once (its sockets close).
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/team.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { revokeSession } from './team-client.ts';

type Act = (change: () => Promise<unknown>, done: string) => Promise<boolean>;

export function SessionsTable({ sessions, act }: { sessions: SessionInfo[]; act: Act }) {
  const { t } = useTranslation();
  const f = useFormats();
  return (
    <table className="calls team-table sessions">
      <caption>{t('team.sessions.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('team.name')}</th>
          <th scope="col">{t('team.sessions.client')}</th>
          <th scope="col">{t('team.sessions.address')}</th>
          <th scope="col">{t('team.sessions.lastSeen')}</th>
          <th scope="col">{t('team.sessions.expires')}</th>
          <th scope="col">{t('team.accounts.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} data-session={s.id}>
            <th scope="row">
              {s.accountName}
              {s.current && <span className="chip">{t('team.sessions.current')}</span>}
            </th>
            <td>{s.kind === 'token' ? t('team.sessions.desktop') : t('team.sessions.browser')}</td>
            <td>{s.address}</td>
            <td>{f.dateTime(s.lastSeenAt)}</td>
            <td>{f.dateTime(s.expiresAt)}</td>
            <td>
              <button
                type="button"
                className="btn small"
                aria-label={t('team.sessions.revokeName', { name: s.accountName, address: s.address })}
                onClick={() => void act(() => revokeSession(s.id), t('team.sessions.revoked', { name: s.accountName }))}
              >
                {t('team.sessions.revoke')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
