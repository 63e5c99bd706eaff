import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { createBridge } from './bridge/index.ts';
import { applyLanguageChoice } from './i18n/index.ts';
import { useStore } from './store/index.ts';
import { TokenPrompt } from './token-prompt.tsx';
import './styles.css';

applyLanguageChoice(useStore.getState().language);
const root = createRoot(document.getElementById('root')!);
const api = createBridge();
root.render(
  api ? (
    <App api={api} />
  ) : (
    <main>
      <TokenPrompt />
    </main>
  ),
);
