// The language files (shared/i18n/en.json, fr.json) hold the same words: every key in both, every
// plural form each language needs, the same {{placeholders}} on both sides; and Settings has a
// label, a help and its choices in both for every setting the console shows, English labels being
// the catalog's own (the engine's messages name settings by them).
import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../../shared/i18n/fr.json' with { type: 'json' };
import { createI18n, LANGUAGES, pickLanguage } from '../../../shared/i18n/index.ts';
import { GROUP_LABELS } from '../../../shared/setting-catalog.ts';
import { SETTINGS } from '../../../shared/settings.ts';

type Words = { [key: string]: string | Words };

/** Every key as a dotted path, with its text. */
function flatten(words: Words, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(words)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const files = { en: flatten(en), fr: flatten(fr) };
/** Keys without their plural suffix: what the code asks for. */
const bases = (flat: Map<string, string>) => new Set([...flat.keys()].map((key) => key.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('the language files', () => {
  it('have the same keys in English and French', () => {
    const english = bases(files.en);
    const french = bases(files.fr);
    expect([...english].filter((key) => !french.has(key))).toEqual([]);
    expect([...french].filter((key) => !english.has(key))).toEqual([]);
  });

  it('have every plural form each language needs (English one/other; French one/other, many optional)', () => {
    for (const language of LANGUAGES) {
      const flat = files[language];
      const plurals = new Set([...flat.keys()].filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')));
      for (const base of plurals) {
        for (const form of ['one', 'other']) expect(flat.has(`${base}_${form}`), `${language}: ${base}_${form}`).toBe(true);
      }
    }
  });

  it('leave no text empty and carry the same {{placeholders}} in both languages', () => {
    for (const [key, text] of files.en) {
      expect(text.trim(), `en: ${key}`).not.toBe('');
      const base = key.replace(PLURAL, '');
      const french = files.fr.get(key) ?? files.fr.get(`${base}_other`)!;
      expect(french.trim(), `fr: ${key}`).not.toBe('');
      // A singular may say "1" instead of {{count}}; every other placeholder must be on both sides.
      const named = (t: string) => placeholders(t).filter((p) => p !== 'count');
      expect(named(french), `placeholders of ${key}`).toEqual(named(text));
    }
  });

  it('name every setting of the console, its group and its choices, in both languages; English labels are the catalog’s', () => {
    for (const language of LANGUAGES) {
      const flat = files[language];
      for (const info of SETTINGS) {
        expect(flat.has(`settingFields.${info.key}.label`), `${language}: ${info.key} label`).toBe(true);
        expect(flat.has(`settingFields.${info.key}.help`), `${language}: ${info.key} help`).toBe(true);
        for (const option of info.options ?? []) expect(flat.has(`settingOptions.${option}`), `${language}: option ${option}`).toBe(true);
      }
      for (const group of Object.keys(GROUP_LABELS)) expect(flat.has(`settingGroups.${group}`), `${language}: group ${group}`).toBe(true);
    }
    for (const info of SETTINGS) expect(files.en.get(`settingFields.${info.key}.label`)).toBe(info.label);
    for (const [group, label] of Object.entries(GROUP_LABELS)) expect(files.en.get(`settingGroups.${group}`)).toBe(label);
  });

  it('are picked from the system’s or browser’s languages, English when none is spoken here', () => {
    expect(pickLanguage(['fr-FR', 'en-US'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLanguage(['en_GB'])).toBe('en');
    expect(pickLanguage(['de-DE', 'es'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    const french = createI18n('fr');
    expect(french.t('tray.live', { count: 0 })).toBe('Ringside\u00a0: aucun appel en cours');
    expect(french.t('tray.live', { count: 2 })).toBe('Ringside\u00a0: 2 appels en cours');
  });
});
