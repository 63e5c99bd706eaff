// Everything the bot says or is told, in one place and in the bot's language (English or French,
// from `RINGSIDE_BOT_LANGUAGE`): the system prompt, the greeting, the hold message, the recorded
// fallback line, and the notes both engines give the model about what a supervisor did. A setting
// the operator wrote (prompt, greeting, hold message) is used as written; an unset one takes the
// default of the bot's language.
import { existsSync, readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import type { EngineConfig } from '../config/schema.ts';
import { resourcePath } from '../paths.ts';

/** The languages the bot has its own words in; any other `botLanguage` uses the English ones. */
export type BotTongue = 'en' | 'fr';

interface Words {
  prompt: string;
  greeting: string;
  holdMessage: string;
  /** What `voice/fallback[-fr].wav` says (recorded, so it plays even when text-to-speech failed). */
  fallback: string;
  /** Appended to a prompt the operator wrote, naming the language to answer in. */
  speak: (language: string) => string;
  /** Told to the model once it asked for a person. */
  humanRequested: string;
  supervisorSaidInBotVoice: (text: string) => string;
  supervisorTold: (text: string) => string;
  /** A supervisor's whisper: an instruction the caller does not hear. */
  whisper: (text: string) => string;
  /** Told to the model when a supervisor hands the call back (it heard the take-over in its history). */
  handedBack: string;
  /** Said to the caller on hand-back when the supervisor asks for it. */
  handBackLine: string;
  /** Realtime engine: the model speaks a fixed line. */
  sayExactly: (text: string) => string;
  greetWith: (text: string) => string;
}

const WORDS: Record<BotTongue, Words> = {
  en: {
    prompt:
      'You are the phone assistant of a customer support line. Speak English, briefly and naturally: one or two short sentences at a time. ' +
      'Help the caller; when they ask for a person, or you cannot help, call transfer_to_human with the reason.',
    greeting: 'Hello, thanks for calling. How can I help you today?',
    holdMessage: 'Thank you. Please hold while I connect you to a colleague.',
    fallback: 'Sorry, I am having a technical problem. Please hold, a colleague will be with you shortly.',
    speak: (language) => `Speak ${language}.`,
    humanRequested: 'A supervisor has been asked to take the call; stay silent.',
    supervisorSaidInBotVoice: (text) => `A supervisor said to the caller, in your voice: "${text}"`,
    supervisorTold: (text) => `A supervisor told the caller: "${text}"`,
    whisper: (text) => `Instruction from your supervisor; the caller does not hear it, never read it out: ${text}\nFollow it from your next answer on.`,
    handedBack:
      'The supervisor handed the call back to you. Everything the caller and the supervisor said meanwhile is above: carry on the conversation from there, and do not greet the caller again.',
    handBackLine: 'Thank you for your patience, I am back with you.',
    sayExactly: (text) => `Say exactly this to the caller, nothing else: "${text}"`,
    greetWith: (text) => `Greet the caller with exactly: "${text}"`,
  },
  fr: {
    prompt:
      'Tu es l’assistant téléphonique d’un service client. Parle français, vouvoie l’appelant, brièvement et naturellement : une ou deux phrases courtes à la fois. ' +
      'Aide l’appelant ; quand il demande à parler à quelqu’un, ou si tu ne peux pas l’aider, appelle transfer_to_human avec la raison.',
    greeting: 'Bonjour, merci de votre appel. Comment puis-je vous aider ?',
    holdMessage: 'Merci. Veuillez patienter, je vous passe un collègue.',
    fallback: 'Désolé, je rencontre un problème technique. Merci de patienter, un collègue va vous répondre.',
    speak: (language) => `Réponds en ${language === 'fr' ? 'français' : language}.`,
    humanRequested: 'Un superviseur va prendre l’appel ; reste silencieux.',
    supervisorSaidInBotVoice: (text) => `Un superviseur a dit à l’appelant, avec ta voix : « ${text} »`,
    supervisorTold: (text) => `Un superviseur a dit à l’appelant : « ${text} »`,
    whisper: (text) => `Consigne de ton superviseur ; l’appelant ne l’entend pas, ne la lis jamais à voix haute : ${text}\nSuis-la dès ta prochaine réponse.`,
    handedBack:
      'Le superviseur t’a rendu l’appel. Tout ce que l’appelant et le superviseur ont dit entre-temps est ci-dessus : reprends la conversation là où elle en est, sans saluer de nouveau l’appelant.',
    handBackLine: 'Merci de votre patience, je suis de nouveau avec vous.',
    // The quotes stay straight: the line to say is the quoted text, whatever the language.
    sayExactly: (text) => `Dis exactement ceci à l’appelant, rien d’autre : "${text}"`,
    greetWith: (text) => `Accueille l’appelant avec exactement : "${text}"`,
  },
};

/** `fr`, `fr-FR`, `fr_CA`… are French; everything else gets the English words. */
export function botTongue(language: string): BotTongue {
  return /^fr\b|^fr[-_]/i.test(language.trim()) ? 'fr' : 'en';
}

/** The bot's words for one call, from the settings it started with. */
export interface BotLines {
  readonly tongue: BotTongue;
  /** The system prompt (instructions) for either engine. */
  readonly systemPrompt: string;
  /** Said when the call's audio connects; empty: no greeting. */
  readonly greeting: string;
  readonly holdMessage: string;
  readonly fallbackText: string;
  readonly humanRequested: string;
  supervisorSaidInBotVoice(text: string): string;
  supervisorTold(text: string): string;
  whisper(text: string): string;
  readonly handedBack: string;
  readonly handBackLine: string;
  sayExactly(text: string): string;
  greetWith(text: string): string;
}

export function botLines(config: Pick<EngineConfig, 'botLanguage' | 'botPrompt' | 'botGreeting' | 'holdMessage'>): BotLines {
  const tongue = botTongue(config.botLanguage);
  const words = WORDS[tongue];
  const custom = config.botPrompt?.trim();
  return {
    tongue,
    // A prompt the operator wrote may not name the language: say it, as both engines always did.
    systemPrompt: custom ? `${custom}\n${words.speak(config.botLanguage)}` : words.prompt,
    greeting: (config.botGreeting ?? words.greeting).trim(),
    holdMessage: config.holdMessage?.trim() || words.holdMessage,
    fallbackText: words.fallback,
    humanRequested: words.humanRequested,
    supervisorSaidInBotVoice: words.supervisorSaidInBotVoice,
    supervisorTold: words.supervisorTold,
    whisper: words.whisper,
    handedBack: words.handedBack,
    handBackLine: words.handBackLine,
    sayExactly: words.sayExactly,
    greetWith: words.greetWith,
  };
}

const clips = new Map<BotTongue, Int16Array>();

/**
 * The recorded fallback line in the bot's language, PCM16 at 8 kHz: `resources/voice/fallback.wav`
 * (English) or `fallback-fr.wav` (French; the English one when a build lacks it). Read once.
 */
export function fallbackClip(language: string): Int16Array {
  const tongue = botTongue(language);
  let clip = clips.get(tongue);
  if (!clip) {
    const french = resourcePath('voice', 'fallback-fr.wav');
    const file = tongue === 'fr' && existsSync(french) ? french : resourcePath('voice', 'fallback.wav');
    const wav = new wavefile.WaveFile(readFileSync(file));
    clip = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    clips.set(tongue, clip);
  }
  return clip;
}
