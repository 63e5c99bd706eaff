// Ringside's words in English and French, in one place for every part that speaks to people: the
// console (react-i18next), the desktop app's menus, tray and notifications, and later the CLI and
// the bot. One i18next instance per consumer; the words are the same JSON files.
import i18next, { type i18n as I18n } from 'i18next';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

import type { Language } from './languages.ts';

export * from './languages.ts';

/** The words, by language: i18next's resources (one namespace, `translation`). */
export const RESOURCES = { en: { translation: en }, fr: { translation: fr } } as const;

/**
 * An i18next instance holding both languages, ready at once (no async loading), speaking
 * `language`; English fills any gap. `setup` adds plugins before it starts (react-i18next's).
 */
export function createI18n(language: Language, setup: (i18n: I18n) => void = () => undefined): I18n {
  const i18n = i18next.createInstance();
  setup(i18n);
  void i18n.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    resources: RESOURCES,
    initAsync: false,
    // React (and Electron's menus and notifications) escape text themselves.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
