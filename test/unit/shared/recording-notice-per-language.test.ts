// The recording notice setting: one line per language, a line without one for the rest.
import { describe, expect, it } from 'vitest';
import { noticeFor } from '../../../shared/privacy-settings.ts';
import { greetingOf } from '../../../electron/engine/privacy/notice.ts';

describe('the recording notice', () => {
  const lines = 'en: This call is recorded.\nfr: Cet appel est enregistré, merci.\nCall recorded.';

  it('is the call language’s line, else the line without a language, else none', () => {
    expect(noticeFor(lines, 'fr-FR')).toBe('Cet appel est enregistré, merci.');
    expect(noticeFor(lines, 'en')).toBe('This call is recorded.');
    expect(noticeFor(lines, 'de')).toBe('Call recorded.');
    expect(noticeFor('en: Recorded.', 'de')).toBeUndefined();
    expect(noticeFor('', 'en')).toBeUndefined();
  });

  it('follows the greeting, or is said alone when there is none', () => {
    expect(greetingOf('Hello.', { recordingNotice: lines, botLanguage: 'en' })).toBe('Hello. This call is recorded.');
    expect(greetingOf('', { recordingNotice: lines, botLanguage: 'fr' })).toBe('Cet appel est enregistré, merci.');
    expect(greetingOf('Hello.', { recordingNotice: '', botLanguage: 'en' })).toBe('Hello.');
  });
});
