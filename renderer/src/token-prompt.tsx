// Opened without the console token (a bookmark, a typed address), or with one Ringside refuses (a
// link from before it was restarted with another token, or another Ringside's): say where to get a
// fresh link, or take the token pasted here.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberToken } from './bridge/index.ts';

export function TokenPrompt({ rejected = false }: { rejected?: boolean }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const id = useId();
  return (
    <section className="token-prompt" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{rejected ? t('token.rejectedTitle') : t('app.name')}</h1>
      {rejected ? (
        <>
          <p role="alert">{t('token.rejected')}</p>
          <p>{t('token.freshLink')}</p>
        </>
      ) : (
        <p>{t('token.missing')}</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!token.trim()) return;
          rememberToken(token);
          location.hash = '#/';
          location.reload();
        }}
      >
        <label htmlFor={id}>{t('token.label')}</label>
        <input id={id} type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} />
        <button type="submit" className="btn primary">
          {t('token.open')}
        </button>
      </form>
    </section>
  );
}
