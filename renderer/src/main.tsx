import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { createBridge } from './bridge/index.ts';
import { TokenPrompt } from './token-prompt.tsx';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const api = createBridge();
root.render(api ? <App api={api} /> : <TokenPrompt />);
