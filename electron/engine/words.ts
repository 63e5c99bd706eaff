// The command line's and the engine's own words (usage, errors a user fixes, start log lines) in
// English or French, through the console's i18next words (shared/i18n, the `cli` keys). The
// language is the system's, as POSIX programs read it: LC_ALL, else LC_MESSAGES, else LANG
// (`fr_FR.UTF-8` speaks French; `C`, `POSIX` or nothing, English).
import type { TFunction } from 'i18next';
import { createI18n, pickLanguage, type Language } from '../../shared/i18n/index.ts';

/** The language the system's locale variables ask for. */
export function systemLanguage(env: Record<string, string | undefined> = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return pickLanguage(locale ? [locale] : []);
}

const words = createI18n(systemLanguage());

/** Ringside's words in the system's language: `say('cli.unknownCommand', { command })`. */
export const say: TFunction = words.t.bind(words) as TFunction;

/** `key`'s words in the system's language when the language files have them, else `fallback` (a catalog's English). */
export function sayOr(key: string, fallback: string): string {
  return words.exists(key) ? String(words.t(key as never)) : fallback;
}
