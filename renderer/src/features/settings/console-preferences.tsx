// This console's own preferences, kept in this browser (or the desktop app): its language (the
// desktop app's menus, tray and notifications follow it). Applied at once, no Save needed.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_CHOICES, pickLanguage, type LanguageChoice } from '../../../../shared/i18n/index.ts';
import { preferredLanguages } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';

export function ConsolePreferences() {
  const { t } = useTranslation();
  const id = useId();
  const choice = useStore((s) => s.language);
  const system = pickLanguage(preferredLanguages());
  return (
    <section className="panel preferences" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('preferences.title')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('preferences.language')}</label>
        <select id={id} value={choice} aria-describedby={`${id}-help`} onChange={(event) => useStore.getState().setLanguage(event.target.value as LanguageChoice)}>
          {LANGUAGE_CHOICES.map((option) => (
            <option key={option} value={option} lang={option === 'system' ? undefined : option}>
              {option === 'system' ? t('preferences.system', { language: t(`language.${system}`) }) : t(`language.${option}`)}
            </option>
          ))}
        </select>
        <p id={`${id}-help`} className="help">
          {t('preferences.languageHelp')}
        </p>
      </div>
    </section>
  );
}
