// The bot's words live in one file, in English and French, chosen by RINGSIDE_BOT_LANGUAGE: the
// prompt, greeting, hold message and recorded fallback line; what the operator wrote is kept as is.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../electron/engine/config/schema.ts';
import { botLines, botTongue, fallbackClip } from '../../../../electron/engine/pipeline/prompts.ts';

const config = (values: Record<string, unknown>) => configSchema.parse({ dataDir: '/tmp/ringside-test', ...values });

describe('the bot’s words', () => {
  it('are French for fr, fr-FR, fr_CA, and English for en or any other language', () => {
    expect(['fr', 'fr-FR', 'FR', 'fr_CA'].map(botTongue)).toEqual(['fr', 'fr', 'fr', 'fr']);
    expect(['en', 'en-GB', 'de', 'french', 'frr'].map(botTongue)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('default to the language’s greeting, hold message and prompt', () => {
    const fr = botLines(config({ botLanguage: 'fr' }));
    expect(fr.greeting).toBe('Bonjour, merci de votre appel. Comment puis-je vous aider ?');
    expect(fr.holdMessage).toBe('Merci. Veuillez patienter, je vous passe un collègue.');
    expect(fr.systemPrompt).toMatch(/^Tu es l’assistant téléphonique/);
    expect(fr.systemPrompt).toContain('transfer_to_human'); // the tool's name is the same in every language
    const en = botLines(config({}));
    expect(en.greeting).toBe('Hello, thanks for calling. How can I help you today?');
    expect(en.holdMessage).toBe('Thank you. Please hold while I connect you to a colleague.');
    expect(en.systemPrompt).toMatch(/^You are the phone assistant/);
  });

  it('keep what the operator wrote, and name the language after a prompt of their own', () => {
    const lines = botLines(config({ botLanguage: 'fr', botPrompt: 'Be kind.', botGreeting: 'Allô ?', holdMessage: 'Ne quittez pas.' }));
    expect(lines).toMatchObject({ systemPrompt: 'Be kind.\nRéponds en français.', greeting: 'Allô ?', holdMessage: 'Ne quittez pas.' });
    expect(botLines(config({ botLanguage: 'de', botPrompt: 'Be kind.' })).systemPrompt).toBe('Be kind.\nSpeak de.');
    // An empty greeting (config file `""`) means no greeting at all.
    expect(botLines(config({ botLanguage: 'fr', botGreeting: '' })).greeting).toBe('');
  });

  it('put the supervisor’s words in quotes the realtime model is told to say exactly', () => {
    expect(botLines(config({ botLanguage: 'fr' })).sayExactly('Un instant.')).toContain('"Un instant."');
    expect(botLines(config({})).sayExactly('One moment.')).toContain('"One moment."');
  });

  it('have a recorded fallback line in each language', () => {
    const en = fallbackClip('en');
    const fr = fallbackClip('fr-FR');
    expect(en.length).toBeGreaterThan(8000); // over a second at 8 kHz
    expect(fr.length).toBeGreaterThan(8000);
    expect(fr).not.toEqual(en);
    expect(fallbackClip('de')).toBe(en);
  });
});
