// The desktop app's "Run Ringside on this computer" / "Connect to a Ringside server": on the first
// start (how will Ringside be used?) and in Settings. Connecting is two steps: the address (checked:
// a Ringside server, on this app's version, else what to do), then signing in; the app then
// restarts on the server. The app's main process does the work; the page never sees the token.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopConnectionControl } from '../../bridge/index.ts';
import { useStore } from '../../store/index.ts';

type Mode = 'local' | 'remote';

export function ConnectionPanel({ control, firstStart = false }: { control: DesktopConnectionControl; firstStart?: boolean }) {
  const { t } = useTranslation();
  const connection = useStore((s) => s.desktopConnection);
  const ids = { title: useId(), address: useId(), name: useId(), password: useId() };
  const [mode, setMode] = useState<Mode>(connection?.mode ?? 'local');
  const [address, setAddress] = useState('');
  const [server, setServer] = useState<{ origin: string; version: string } | undefined>();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  if (!connection) return null;

  const run = async <T,>(work: () => Promise<T>, done: (value: T) => string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const value = await work();
      setMessage({ tone: 'ok', text: done(value) });
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel connection-panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{firstStart ? t('connection.firstStartTitle') : t('connection.title')}</h2>
      {!firstStart && (
        <p className="connection-now">
          {connection.mode === 'remote' ? t('connection.nowRemote', { origin: connection.origin, name: connection.account?.name ?? '' }) : t('connection.nowLocal')}
        </p>
      )}
      <fieldset>
        <legend className="visually-hidden">{t('connection.choose')}</legend>
        {(['local', 'remote'] as const).map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name={`${ids.title}-mode`} value={choice} checked={mode === choice} onChange={() => setMode(choice)} />
            <span>
              <strong>{t(`connection.${choice}.label`)}</strong>
              <span className="hint">{t(`connection.${choice}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode === 'local' && (firstStart || connection.mode === 'remote') && (
        <button
          type="button"
          className="btn primary"
          disabled={busy}
          onClick={() =>
            void run(control.runHere, (next) => {
              useStore.getState().setDesktopConnection(next);
              return connection.mode === 'remote' ? t('connection.restartingLocal') : t('connection.runningHere');
            })
          }
        >
          {t('connection.useThisComputer')}
        </button>
      )}
      {mode === 'remote' && (
        <form
          className="connect-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!server) return void run(() => control.check(address), (found) => (setServer(found), t('connection.found', { origin: found.origin, version: found.version })));
            void run(() => control.connect(address, name.trim(), password), (next) => (setPassword(''), t('connection.restartingRemote', { origin: next.origin })));
          }}
        >
          <label htmlFor={ids.address}>{t('connection.address')}</label>
          <input
            id={ids.address}
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              setServer(undefined);
            }}
            placeholder={t('connection.addressPlaceholder')}
            autoComplete="url"
            required
            aria-describedby={`${ids.address}-hint`}
          />
          <p id={`${ids.address}-hint`} className="hint">
            {t('connection.addressHint')}
          </p>
          {server && (
            <>
              <label htmlFor={ids.name}>{t('team.name')}</label>
              <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required />
              <label htmlFor={ids.password}>{t('team.password')}</label>
              <input id={ids.password} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
            </>
          )}
          <button type="submit" className="btn primary" disabled={busy}>
            {server ? t('connection.signInAndConnect') : t('connection.check')}
          </button>
        </form>
      )}
      <p className={`feedback ${message?.tone ?? ''}`} role="status" aria-live="polite">
        {message?.text}
      </p>
    </section>
  );
}
