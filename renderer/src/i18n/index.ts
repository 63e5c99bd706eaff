// The console's language: the one picked in Settings (kept in this browser's localStorage), else
// the browser's (or, in the desktop app, the system's). One i18next instance, bound to React with
// react-i18next; modules outside components translate with `i18n.t`.
import { initReactI18next } from 'react-i18next';
import { createI18n, isLanguageChoice, resolveLanguage, type Language, type LanguageChoice } from '../../../shared/i18n/index.ts';

const KEY = 'ringside.language';

/** The choice saved in this browser; `system` when there is none (or storage is unavailable). */
export function savedLanguageChoice(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): LanguageChoice {
  try {
    const saved = storage?.getItem(KEY);
    return isLanguageChoice(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

/** The browser's (or system's) languages, most wanted first. */
export const preferredLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];

export const i18n = createI18n(resolveLanguage(savedLanguageChoice(), preferredLanguages()), (instance) => void instance.use(initReactI18next));

/**
 * Applies a choice: the console speaks it from now on, the page says so (`<html lang>`, for screen
 * readers and hyphenation), the browser remembers it, and the desktop app's menus, tray and
 * notifications follow. Returns the language it stands for.
 */
export function applyLanguageChoice(choice: LanguageChoice, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): Language {
  const language = resolveLanguage(choice, preferredLanguages());
  try {
    storage?.setItem(KEY, choice);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page.
  }
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  window.ringside?.setLanguage(language);
  return language;
}
