// The console speaks the language chosen in Settings (or the browser's): applied at start and on
// every change; "system" follows the browser when its languages change.
import { useEffect } from 'react';
import { applyLanguageChoice } from './i18n/index.ts';
import { useStore } from './store/index.ts';

export function useLanguage(): void {
  const choice = useStore((s) => s.language);
  useEffect(() => {
    applyLanguageChoice(choice);
    if (choice !== 'system') return;
    const follow = () => applyLanguageChoice('system');
    window.addEventListener('languagechange', follow);
    return () => window.removeEventListener('languagechange', follow);
  }, [choice]);
}
