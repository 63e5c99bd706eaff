// The console's frame: navigation, the microphone badge, the offline or refused-token state, the
// current view, the shortcut list, the status bar, and what is announced to screen readers.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bridge } from './bridge/index.ts';
import { BridgeContext } from './bridge/context.ts';
import { Board } from './features/board/board.tsx';
import { CallDetailView } from './features/call-detail/call-detail.tsx';
import { History } from './features/history/history.tsx';
import { Wallboard } from './features/wallboard/wallboard.tsx';
import { Settings } from './features/settings/settings.tsx';
import { PrivacyView } from './features/privacy/privacy-view.tsx';
import { useMenuActions } from './features/shortcuts/use-menu-actions.ts';
import { SHORTCUTS, useShortcuts } from './features/shortcuts/use-shortcuts.ts';
import { StatusBar } from './features/status-bar/status-bar.tsx';
import { MicrophoneBadge } from './features/takeover/microphone-badge.tsx';
import { useHandBackLinePreference } from './features/takeover/hand-back-line.ts';
import { watchTakeOver } from './features/takeover/take-over.ts';
import { useFormats } from './i18n/use-formats.ts';
import { useLanguage } from './language.ts';
import { useHashRoute } from './router.ts';
import { startSync } from './store/actions.ts';
import { useStore } from './store/index.ts';
import { NEXT_THEME, useTheme } from './theme.ts';
import { TokenPrompt } from './token-prompt.tsx';
import { Announcer } from './ui/announcer.tsx';
import { personName } from './features/team/person-name.ts';
import { HandoverPrompts } from './features/team/handover-prompts.tsx';
import { SignIn } from './features/team/sign-in.tsx';
import { signOut } from './features/team/team-client.ts';
import { mayAdminister, mayManageTeam, meOfDesktop } from './store/team-slice.ts';
import { ConnectionPanel } from './features/settings/connection-panel.tsx';
import { AccountsPage } from './features/team/accounts-page.tsx';
import { AuditPage } from './features/team/audit-page.tsx';

export function App({ api }: { api: Bridge }) {
  const { t } = useTranslation();
  const f = useFormats();
  useHashRoute();
  useTheme();
  useLanguage();
  useShortcuts(api);
  useHandBackLinePreference();
  useMenuActions(api);
  useEffect(() => startSync(api), [api]);
  useEffect(() => watchTakeOver(api), [api]);
  // The desktop app: what it runs on; connected to a server, the window acts as the person signed in there.
  useEffect(() => {
    void api.connection?.get().then((connection) => {
      useStore.getState().setDesktopConnection(connection);
      const asMe = meOfDesktop(connection);
      if (asMe) useStore.getState().setMe(asMe);
    });
  }, [api]);
  const firstStart = useStore((s) => s.desktopConnection?.chosen === false);
  // Accounts and the audit trail are the team listener's own routes: in a browser signed in there
  // (the desktop window, even connected to a server, reaches only the console API over IPC).
  const manageTeam = useStore((s) => mayManageTeam(s.me)) && !api.connection;
  const route = useStore((s) => s.route);
  const theme = useStore((s) => s.theme);
  const help = useStore((s) => s.helpOpen);
  const connection = useStore((s) => s.connection);
  const me = useStore((s) => s.me);
  const online = connection.state === 'online';
  const live = useStore((s) => [...s.calls.values()].filter((c) => c.state !== 'ended').length);
  const waiting = useStore((s) => [...s.calls.values()].filter((c) => c.needsHuman && c.state !== 'ended' && c.id !== s.holding).length);
  const helpHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (help) helpHeading.current?.focus();
  }, [help]);

  return (
    <BridgeContext.Provider value={api}>
      <div className="app">
        <header className="top">
          <span className="brand">{t('app.name')}</span>
          <nav aria-label={t('app.views')}>
            <a href="#/" aria-current={route.name === 'board' ? 'page' : undefined}>
              {t('app.live')}
              {/* Counts from before a disconnection would be stale: shown only while online. */}
              {online && (
                <>
                  <span className="count" aria-hidden>
                    {f.number(live)}
                  </span>
                  <span className="visually-hidden">{t('app.liveCount', { count: live })}</span>
                </>
              )}
              {online && waiting > 0 && (
                <>
                  <span className="count alert-count" aria-hidden title={t('app.waitingCount', { count: waiting })}>
                    {f.number(waiting)}
                  </span>
                  <span className="visually-hidden">{t('app.waitingCount', { count: waiting })}</span>
                </>
              )}
            </a>
            <a href="#/wallboard" aria-current={route.name === 'wallboard' ? 'page' : undefined}>
              {t('app.wallboard')}
            </a>
            <a href="#/history" aria-current={route.name === 'history' ? 'page' : undefined}>
              {t('app.history')}
            </a>
            {/* Requests about a person's data and legal holds are an administrator's, as are the settings. */}
            {(mayAdminister(me) || api.connection) && (
              <a href="#/privacy" aria-current={route.name === 'privacy' ? 'page' : undefined}>
                {t('app.privacy')}
              </a>
            )}
            {(mayAdminister(me) || api.connection) && (
              <a href="#/settings" aria-current={route.name === 'settings' ? 'page' : undefined}>
                {t('app.settings')}
              </a>
            )}
            {manageTeam && (
              <>
                <a href="#/team/accounts" aria-current={route.name === 'accounts' ? 'page' : undefined}>
                  {t('app.accounts')}
                </a>
                <a href="#/team/audit" aria-current={route.name === 'audit' ? 'page' : undefined}>
                  {t('app.audit')}
                </a>
              </>
            )}
          </nav>
          <MicrophoneBadge />
          {me && (
            <span className="signed-in" data-role={me.account.role}>
              {t('team.signedInAs', { name: personName(me.account, t), role: t(`team.roles.${me.account.role}`) })}
              {/* The desktop app leaves a server from Settings (Run Ringside on this computer). */}
              {!api.connection && (
                <button type="button" className="btn ghost small" onClick={() => void signOut().finally(() => window.location.reload())}>
                  {t('team.signOut')}
                </button>
              )}
            </span>
          )}
          <button type="button" className="btn ghost" onClick={() => useStore.getState().setTheme(NEXT_THEME[theme])} title={t('app.themeHint')}>
            {t('app.theme', { theme: t(`app.themes.${theme}`) })}
          </button>
          <button type="button" className="btn ghost" onClick={() => useStore.getState().setHelpOpen(!help)} aria-expanded={help} aria-label={t('shortcuts.title')}>
            ?
          </button>
        </header>
        {connection.state === 'offline' && (
          <div className="banner offline" role="alert">
            {t('app.offline', { time: f.time(connection.since) })}
          </div>
        )}
        <HandoverPrompts api={api} />
        {help && (
          <aside className="panel shortcuts" aria-labelledby="shortcuts-title">
            <div className="shortcuts-head">
              <h2 id="shortcuts-title" tabIndex={-1} ref={helpHeading}>
                {t('shortcuts.title')}
              </h2>
              <button type="button" className="btn ghost small" onClick={() => useStore.getState().setHelpOpen(false)}>
                {t('shortcuts.close')}
              </button>
            </div>
            <dl>
              {SHORTCUTS.map((name) => (
                <div key={name}>
                  <dt>{t(`shortcuts.${name}.keys`)}</dt>
                  <dd>{t(`shortcuts.${name}.what`)}</dd>
                </div>
              ))}
            </dl>
          </aside>
        )}
        <main>
          {connection.state === 'unauthorized' && me ? (
            <SignIn ended onSignedIn={() => window.location.reload()} />
          ) : connection.state === 'unauthorized' ? (
            <TokenPrompt rejected />
          ) : (
            <>
              {firstStart && api.connection && <ConnectionPanel control={api.connection} firstStart />}
              {route.name === 'board' && <Board />}
              {route.name === 'call' && <CallDetailView key={route.id} id={route.id} />}
              {route.name === 'history' && <History />}
              {route.name === 'settings' && (mayAdminister(me) || api.connection) && <Settings />}
              {route.name === 'wallboard' && <Wallboard />}
              {route.name === 'privacy' && mayAdminister(me) && <PrivacyView />}
              {route.name === 'accounts' && manageTeam && <AccountsPage />}
              {route.name === 'audit' && manageTeam && <AuditPage />}
            </>
          )}
        </main>
        <StatusBar />
        <Announcer />
      </div>
    </BridgeContext.Provider>
  );
}
