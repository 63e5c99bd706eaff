// The command line's and the engine's own words (usage, errors, start log lines) come from the
// language files: every key the code asks for exists in English and French, every setting the
// usage lists has its words in both, and the language follows the system's locale variables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../../shared/i18n/fr.json' with { type: 'json' };
import { CONFIG_KEYS, rowOf } from '../../../shared/setting-catalog.ts';
import { systemLanguage } from '../../../electron/engine/words.ts';

type Words = { [key: string]: string | Words };
const ENGINE = join(import.meta.dirname, '../../../electron/engine');

/** Whether `key` (or its plural forms) has words in `words`. */
function has(words: Words, key: string): boolean {
  const path = key.split('.');
  const last = path.pop()!;
  let node: Words | string | undefined = words;
  for (const part of path) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'object') return false;
  return typeof node[last] === 'string' || (typeof node[`${last}_one`] === 'string' && typeof node[`${last}_other`] === 'string');
}

/** Every key the engine's code asks `say` or `sayOr` for by name. */
function keysAskedFor(): string[] {
  const files = readdirSync(ENGINE, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const keys = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(join(ENGINE, file), 'utf8').matchAll(/\bsay(?:Or)?\(\s*'([\w.]+)'/g)) keys.add(match[1]!);
  }
  return [...keys].sort();
}

describe('the command line’s words', () => {
  it('exist in English and French for every key the engine asks for', () => {
    const keys = keysAskedFor();
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((key) => !has(en, key))).toEqual([]);
    expect(keys.filter((key) => !has(fr, key))).toEqual([]);
  });

  it('name and explain every setting the usage lists, its default and its switch flags, in both languages', () => {
    for (const words of [en, fr] as Words[]) {
      for (const key of CONFIG_KEYS) {
        expect(has(words, `settingFields.${key}.label`), key).toBe(true);
        expect(has(words, `settingFields.${key}.help`), key).toBe(true);
        const row = rowOf(key);
        if (row.defaultText) expect(has(words, `cli.usage.defaults.${key}`), `default of ${key}`).toBe(true);
        if (row.flag && 'sets' in row.flag) expect(has(words, `cli.usage.flags.${row.flag.name.slice(2)}`), row.flag.name).toBe(true);
      }
    }
  });

  it('follow the system’s locale: LC_ALL, else LC_MESSAGES, else LANG; English for C, POSIX or none', () => {
    expect(systemLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(systemLanguage({ LC_MESSAGES: 'fr_BE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(systemLanguage({ LC_ALL: 'en_GB.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' })).toBe('en');
    expect(systemLanguage({ LC_ALL: '', LANG: 'fr_CA' })).toBe('fr');
    expect(systemLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(systemLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(systemLanguage({})).toBe('en');
  });
});
