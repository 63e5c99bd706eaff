// Invite a colleague: a name, a role and a first password they change at their first sign-in.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/team.ts';
import { inviteAccount } from './team-client.ts';

type Act = (change: () => Promise<unknown>, done: string) => Promise<boolean>;

export function InviteForm({ act }: { act: Act }) {
  const { t } = useTranslation();
  const ids = { name: useId(), role: useId(), password: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('supervisor');
  const [password, setPassword] = useState('');
  return (
    <form
      className="panel invite-form"
      aria-labelledby={`${ids.name}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void act(() => inviteAccount({ name: name.trim(), role, password }), t('team.accounts.invited', { name: name.trim() })).then((ok) => {
          if (!ok) return;
          setName('');
          setPassword('');
        });
      }}
    >
      <h2 id={`${ids.name}-title`}>{t('team.accounts.invite')}</h2>
      <label htmlFor={ids.name}>{t('team.name')}</label>
      <input id={ids.name} name="invite-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={64} />
      <label htmlFor={ids.role}>{t('team.accounts.role')}</label>
      <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`team.roles.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.password}>{t('team.accounts.firstPassword')}</label>
      <input id={ids.password} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} maxLength={256} aria-describedby={`${ids.password}-hint`} />
      <p id={`${ids.password}-hint`} className="hint">
        {t('team.accounts.firstPasswordHint')}
      </p>
      <button type="submit" className="btn primary">
        {t('team.accounts.inviteButton')}
      </button>
    </form>
  );
}
