// An administrator's Accounts page: invite a colleague with a role and a first password, change a
// role, disable or enable an account, reset its password; list every session and revoke one. The
// engine checks each of these (administrator only) and ends the sessions a change affects at once.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SessionInfo } from '../../../../shared/team.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AccountRow } from './account-row.tsx';
import { InviteForm } from './invite-form.tsx';
import { SessionsTable } from './sessions-table.tsx';
import { listAccounts, listSessions } from './team-client.ts';

export interface Outcome {
  tone: 'ok' | 'error';
  text: string;
}

export function AccountsPage() {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[] | undefined>();
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [failed, setFailed] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const reload = useCallback(async () => {
    try {
      const [a, s] = await Promise.all([listAccounts(), listSessions()]);
      setAccounts(a);
      setSessions(s);
      setFailed(undefined);
    } catch (error) {
      setFailed((error as Error).message);
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  /** Runs one change, says how it went, and reads both lists again (a change can end sessions). */
  const act = useCallback(
    async (change: () => Promise<unknown>, done: string): Promise<boolean> => {
      try {
        await change();
        setOutcome({ tone: 'ok', text: done });
        return true;
      } catch (error) {
        setOutcome({ tone: 'error', text: (error as Error).message });
        return false;
      } finally {
        await reload();
      }
    },
    [reload],
  );

  return (
    <section className="team-admin" aria-labelledby="accounts-title">
      <h1 id="accounts-title">{t('team.accounts.title')}</h1>
      <p className={`feedback ${outcome?.tone ?? ''}`} role="status" aria-live="polite">
        {outcome?.text}
      </p>
      <InviteForm act={act} />
      {failed && (
        <EmptyState title={t('team.accounts.failed')} tone="error">
          <p>{failed}</p>
        </EmptyState>
      )}
      {!failed && !accounts && <EmptyState title={t('team.accounts.loading')} tone="loading" />}
      {accounts && (
        <table className="calls team-table">
          <caption>{t('team.accounts.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.accounts.role')}</th>
              <th scope="col">{t('team.accounts.state')}</th>
              <th scope="col">{t('team.accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <AccountRow key={account.id} account={account} act={act} />
            ))}
          </tbody>
        </table>
      )}
      <SessionsTable sessions={sessions} act={act} />
    </section>
  );
}
