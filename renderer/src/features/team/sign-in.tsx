// The team listener's sign-in page: a name and a password (too many attempts are refused for a while),
// and single sign-on when the server has it set up (what went wrong there comes back as ?sso-error=).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api.ts';
import { TEAM_ROUTES, type Me } from '../../../../shared/team.ts';
import { signIn } from './team-client.ts';

/** What the single sign-on callback said went wrong (it sends the browser back with `?sso-error=`), once. */
function ssoError(): string | undefined {
  const said = new URLSearchParams(window.location.search).get('sso-error') ?? undefined;
  if (said !== undefined) history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  return said;
}

export function SignIn({ onSignedIn, ended, sso }: { onSignedIn: (me: Me) => void; ended?: boolean; sso?: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(() => (ended ? t('team.sessionEnded') : ssoError()));
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
      {sso && (
        <a className="btn" href={TEAM_ROUTES.ssoStart}>
          {t('team.ssoSignIn')}
        </a>
      )}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
