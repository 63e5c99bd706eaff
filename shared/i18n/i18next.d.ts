// Typed keys: `t('board.empty.title')` is checked by the type checker against the English words,
// in the console and in the desktop shell alike.
import 'i18next';
import type en from './en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
