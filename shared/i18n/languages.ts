// The languages Ringside speaks, and how a person's preferred ones pick one (no i18next here: the
// console API's table imports it).

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What a person picked: a language, or whatever their system (or browser) prefers. */
export type LanguageChoice = Language | 'system';
export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['system', ...LANGUAGES];

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
export const isLanguageChoice = (value: unknown): value is LanguageChoice => value === 'system' || isLanguage(value);

/**
 * The first of `preferred` (BCP 47 tags, most wanted first: `navigator.languages`, Electron's
 * `app.getPreferredSystemLanguages()`) that Ringside speaks, by primary subtag (`fr-CA` → `fr`);
 * English when none is.
 */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** The language a choice stands for on this system. */
export const resolveLanguage = (choice: LanguageChoice, preferred: readonly string[]): Language => (choice === 'system' ? pickLanguage(preferred) : choice);
