// One account in the Accounts table: its role (changed with a button, so moving through the list
// with the keyboard changes nothing), disable or enable, and a password reset typed in place.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Account, type Role } from '../../../../shared/team.ts';
import { useStore } from '../../store/index.ts';
import { updateAccount } from './team-client.ts';

type Act = (change: () => Promise<unknown>, done: string) => Promise<boolean>;

export function AccountRow({ account, act }: { account: Account; act: Act }) {
  const { t } = useTranslation();
  const me = useStore((s) => s.me);
  const ids = { role: useId(), password: useId() };
  const [role, setRole] = useState<Role>(account.role);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const self = me?.account.id === account.id;
  const name = account.name;
  return (
    <tr data-account={name} className={account.disabled ? 'disabled' : undefined}>
      <th scope="row">
        {name}
        {self && <span className="chip">{t('team.accounts.you')}</span>}
        {account.mustChangePassword && <span className="number">{t('team.accounts.mustChange')}</span>}
      </th>
      <td>
        <label htmlFor={ids.role} className="visually-hidden">
          {t('team.accounts.roleOf', { name })}
        </label>
        <select id={ids.role} value={role} disabled={self} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`team.roles.${r}`)}
            </option>
          ))}
        </select>
        {role !== account.role && (
          <button type="button" className="btn small" onClick={() => void act(() => updateAccount(account.id, { role }), t('team.accounts.roleChanged', { name, role: t(`team.roles.${role}`) }))}>
            {t('team.accounts.changeRole')}
          </button>
        )}
      </td>
      <td>{account.disabled ? t('team.accounts.disabled') : t('team.accounts.active')}</td>
      <td className="row-actions">
        {!self && (
          <button
            type="button"
            className="btn small"
            aria-label={t(account.disabled ? 'team.accounts.enableName' : 'team.accounts.disableName', { name })}
            onClick={() => void act(() => updateAccount(account.id, { disabled: !account.disabled }), t(account.disabled ? 'team.accounts.enabledDone' : 'team.accounts.disabledDone', { name }))}
          >
            {account.disabled ? t('team.accounts.enable') : t('team.accounts.disable')}
          </button>
        )}
        {!resetting && (
          <button type="button" className="btn small" aria-label={t('team.accounts.resetName', { name })} onClick={() => setResetting(true)}>
            {t('team.accounts.reset')}
          </button>
        )}
        {resetting && (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void act(() => updateAccount(account.id, { password }), t('team.accounts.resetDone', { name })).then((ok) => {
                if (!ok) return;
                setPassword('');
                setResetting(false);
              });
            }}
          >
            <label htmlFor={ids.password}>{t('team.accounts.newPasswordFor', { name })}</label>
            <input id={ids.password} type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} maxLength={256} />
            <button type="submit" className="btn small primary">
              {t('team.accounts.setPassword')}
            </button>
            <button type="button" className="btn small ghost" onClick={() => setResetting(false)}>
              {t('team.accounts.cancel')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
