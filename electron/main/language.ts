// The desktop shell's language (menus, tray, notifications, dialogs): the console's, which the page
// tells main over IPC whenever it changes (shared/ipc.ts SEND.language), remembered in
// <userData>/preferences.json so the menus come up in it at the next start, before the page loads.
// Until the page has said, the system's preferred languages decide (Electron's
// app.getPreferredSystemLanguages()), as the page does with "System".
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { createI18n, isLanguage, LANGUAGES, pickLanguage, type Language } from '../../shared/i18n/index.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const fileSchema = z.object({ language: z.enum(LANGUAGES) });

export interface ShellLanguageDeps {
  /** Where the choice is kept (`<userData>/preferences.json`). */
  file: string;
  /** The system's languages, most wanted first (BCP 47 tags). */
  system: readonly string[];
  /** Told after each change (the menus and the tray are rebuilt). */
  onChange?: (language: Language) => void;
}

export interface ShellLanguage {
  readonly language: Language;
  /** Translates in the current language (read it at each use: the language may change). */
  readonly t: TFunction;
  /** The console now speaks `language` (an unknown value is ignored: it came over IPC). */
  set(language: unknown): void;
}

export function createShellLanguage({ file, system, onChange }: ShellLanguageDeps): ShellLanguage {
  const i18n = createI18n(readJsonFile(file, fileSchema)?.language ?? pickLanguage(system));
  return {
    get language() {
      return i18n.language as Language;
    },
    get t() {
      return i18n.t;
    },
    set(language) {
      if (!isLanguage(language) || language === i18n.language) return;
      void i18n.changeLanguage(language);
      writeJsonFile(file, { language });
      onChange?.(language);
    },
  };
}

/** English, for the shell's parts built before the language is known (and their tests). */
export const englishT: TFunction = createI18n('en').t;
