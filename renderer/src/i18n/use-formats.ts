// Dates, times, durations and numbers in the console's language, for components (they re-render
// when the language changes, through react-i18next).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatsFor, type Formats } from '../../../shared/i18n/format.ts';

export function useFormats(): Formats {
  const { i18n: bound } = useTranslation();
  const language = bound.language;
  return useMemo(() => formatsFor(language === 'fr' ? 'fr' : 'en'), [language]);
}
