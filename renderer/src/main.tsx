import { createRoot } from 'react-dom/client';
import type { Me } from '../../shared/team.ts';
import { App } from './app.tsx';
import { createBridge } from './bridge/index.ts';
import { WsBridge } from './bridge/ws-bridge.ts';
import { SignIn } from './features/team/sign-in.tsx';
import { currentSession, teamHello } from './features/team/team-client.ts';
import { applyLanguageChoice } from './i18n/index.ts';
import { useStore } from './store/index.ts';
import { TokenPrompt } from './token-prompt.tsx';
import './styles.css';

applyLanguageChoice(useStore.getState().language);
const root = createRoot(document.getElementById('root')!);
const api = createBridge();

/** Signed in on a team listener: the console through the session's cookie. */
const openTeamConsole = (me: Me) => {
  useStore.getState().setMe(me);
  root.render(<App api={new WsBridge(window.location.origin, undefined)} />);
};

if (api) root.render(<App api={api} />);
else {
  // A team listener answers its hello: sign in (or go on with the session the cookie holds);
  // the loopback console asks for its token.
  void teamHello().then(async (hello) => {
    if (!hello) {
      root.render(
        <main>
          <TokenPrompt />
        </main>,
      );
      return;
    }
    const me = await currentSession();
    if (me) return openTeamConsole(me);
    root.render(
      <main>
        <SignIn onSignedIn={openTeamConsole} sso={hello.sso === true} />
      </main>,
    );
  });
}
