// The team listener's sign-in page: a name and a password; too many attempts are refused for a while.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api.ts';
import type { Me } from '../../../../shared/team.ts';
import { signIn } from './team-client.ts';

export function SignIn({ onSignedIn, ended }: { onSignedIn: (me: Me) => void; ended?: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(ended ? t('team.sessionEnded') : undefined);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="panel sign-in"
      aria-labelledby="sign-in-title"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        signIn(name, password).then(onSignedIn, (e: ApiError) => {
          setBusy(false);
          setError(e.status === 401 ? t('team.wrongPassword') : e.message);
        });
      }}
    >
      <h1 id="sign-in-title">{t('team.signInTitle')}</h1>
      <label>
        {t('team.name')}
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('team.password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <button type="submit" className="btn primary" disabled={busy}>
        {t('team.signIn')}
      </button>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
