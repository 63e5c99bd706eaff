// The console's frame: navigation, the offline banner, the current view, the status bar.
import { useCallback, useEffect, useState } from 'react';
import type { Bridge } from './bridge/index.ts';
import { BridgeContext } from './bridge/context.ts';
import { Board } from './features/board/board.tsx';
import { CallDetailView } from './features/call-detail/call-detail.tsx';
import { History } from './features/history/history.tsx';
import { Settings } from './features/settings/settings.tsx';
import { useMenuActions } from './features/shortcuts/use-menu-actions.ts';
import { SHORTCUTS, useShortcuts } from './features/shortcuts/use-shortcuts.ts';
import { StatusBar } from './features/status-bar/status-bar.tsx';
import { useHashRoute } from './router.ts';
import { startSync } from './store/actions.ts';
import { useStore } from './store/index.ts';
import { NEXT_THEME, useTheme } from './theme.ts';

export function App({ api }: { api: Bridge }) {
  useHashRoute();
  useTheme();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useShortcuts(api, toggleHelp);
  useMenuActions(api);
  useEffect(() => startSync(api), [api]);
  const route = useStore((s) => s.route);
  const theme = useStore((s) => s.theme);
  const connection = useStore((s) => s.connection);
  const live = useStore((s) => [...s.calls.values()].filter((c) => c.state !== 'ended').length);
  const waiting = useStore((s) => [...s.calls.values()].filter((c) => c.needsHuman && c.state !== 'ended').length);

  return (
    <BridgeContext.Provider value={api}>
      <div className="app">
        <header className="top">
          <span className="brand">Ringside</span>
          <nav aria-label="Views">
            <a href="#/" aria-current={route.name === 'board' ? 'page' : undefined}>
              Live <span className="count">{live}</span>
              {waiting > 0 && <span className="count alert-count" title="Calls waiting for a person">{waiting}</span>}
            </a>
            <a href="#/history" aria-current={route.name === 'history' ? 'page' : undefined}>
              History
            </a>
            <a href="#/settings" aria-current={route.name === 'settings' ? 'page' : undefined}>
              Settings
            </a>
          </nav>
          <button type="button" className="btn ghost" onClick={() => useStore.getState().setTheme(NEXT_THEME[theme])} aria-label={`Theme: ${theme}. Change theme`}>
            Theme: {theme}
          </button>
          <button type="button" className="btn ghost" onClick={toggleHelp} aria-expanded={help} aria-label="Keyboard shortcuts">
            ?
          </button>
        </header>
        {connection.state === 'offline' && (
          <div className="banner offline" role="alert">
            Disconnected from Ringside since {new Date(connection.since).toLocaleTimeString()}: reconnecting by itself. Is the engine still running?
          </div>
        )}
        {help && (
          <aside className="panel shortcuts" aria-label="Keyboard shortcuts">
            <h2>Keyboard shortcuts</h2>
            <dl>
              {SHORTCUTS.map(([keys, what]) => (
                <div key={keys}>
                  <dt>{keys}</dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </aside>
        )}
        <main>
          {route.name === 'board' && <Board />}
          {route.name === 'call' && <CallDetailView key={route.id} id={route.id} />}
          {route.name === 'history' && <History />}
          {route.name === 'settings' && <Settings />}
        </main>
        <StatusBar />
      </div>
    </BridgeContext.Provider>
  );
}
