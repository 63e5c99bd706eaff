// `serve --help` lower-cases the first letter of each setting's help, so it reads as a phrase after
// the flag: but never the first letter of an acronym ("PEM certificate chain", not "pEM…").
import { describe, expect, it } from 'vitest';
import { asPhrase, settingsUsage } from '../../../../electron/engine/config/setting-flags.ts';

describe('usage phrases', () => {
  it('lower-cases a sentence’s first letter and drops its full stop, but keeps an acronym', () => {
    expect(asPhrase('Port of the public listener.')).toBe('port of the public listener');
    expect(asPhrase('PEM certificate chain of the team listener.')).toBe('PEM certificate chain of the team listener');
    expect(asPhrase('URL the providers reach')).toBe('URL the providers reach');
    expect(asPhrase('A sentence')).toBe('a sentence');
  });

  it('shows no half-lowered acronym in serve --help', () => {
    expect(settingsUsage('serve')).not.toMatch(/\b[a-z][A-Z]{2,}\b/);
  });
});
