// The demo's script (resources/demo/script/script.json): what each demo call's caller says and
// presses, what the demo models answer, and the voice clips rendered from it ahead of time
// (resources/demo/script/render.mjs). The simulator plays the caller's side; the demo models hear
// the caller clips and speak the bot clips.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import type { Disposition } from '../../../shared/call.ts';
import { resourcePath } from '../paths.ts';

/** The languages the script is written and voiced in. */
export type DemoLanguage = 'en' | 'fr';
export const DEMO_LANGUAGES: DemoLanguage[] = ['en', 'fr'];
type Lines = Record<DemoLanguage, string>;

export interface ScriptTool {
  name: string;
  /** Argument values, either plain or one per language. */
  arguments: Record<string, string | Lines>;
}

export interface ScriptTurn {
  caller?: Lines;
  /** Keys the caller presses (RFC 4733 telephone events on the stream). */
  keys?: string;
  /** Silence after this turn before the caller's next one, in ms. */
  pauseAfterMs: number;
  bot?: Lines;
  tools?: ScriptTool[];
}

export interface Scenario {
  name: string;
  summary: Lines;
  disposition: Disposition;
  turns: ScriptTurn[];
}

export interface DemoScript {
  bot: { greeting: Lines; hold: Lines; unsure: Lines };
  scenarios: Scenario[];
}

/** One caller line of the script with its clip: PCM16 at 8 kHz. */
export interface CallerLine {
  scenario: Scenario;
  turn: number;
  language: DemoLanguage;
  text: string;
  samples: Int16Array;
}

export const scriptDir = (): string => resourcePath('demo', 'script');

let loaded: DemoScript | undefined;

export function demoScript(): DemoScript {
  return (loaded ??= JSON.parse(readFileSync(join(scriptDir(), 'script.json'), 'utf8')) as DemoScript);
}

/** The script's language for a bot language setting (`fr`, `fr-CA`… → French; anything else English). */
export function demoLanguage(botLanguage: string): DemoLanguage {
  return botLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** A line's words, for matching what was said with what the script says: no case, accents or punctuation. */
export function words(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A text cut into sentences, as the clips were rendered (render.mjs cuts them the same way). */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?…]+[.!?…]+["')\]]*|[^.!?…]+$/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** The clip file of one bot sentence (render.mjs names them the same way). */
export const botClipFile = (sentence: string): string => `bot-${createHash('sha256').update(words(sentence)).digest('hex').slice(0, 12)}.wav`;
export const callerClipFile = (scenario: string, turn: number, language: DemoLanguage): string => `caller-${scenario}-${turn}.${language}.wav`;

/** Reads a rendered clip (IMA ADPCM, μ-law or PCM WAV at 8 kHz) as PCM16. */
export function readClip(file: string): Int16Array {
  const wav = new wavefile.WaveFile(readFileSync(join(scriptDir(), file)));
  const format = (wav.fmt as { audioFormat: number }).audioFormat;
  if (format === 17) wav.fromIMAADPCM();
  else if (format === 7) wav.fromMuLaw();
  const rate = (wav.fmt as { sampleRate: number }).sampleRate;
  if (rate !== 8000) throw new Error(`demo clip ${file} must be 8 kHz (is ${rate} Hz)`);
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}

let callerLines: CallerLine[] | undefined;

/** Every caller line of the script, in both languages, with its clip. */
export function demoCallerLines(): CallerLine[] {
  return (callerLines ??= demoScript().scenarios.flatMap((scenario) =>
    scenario.turns.flatMap((turn, index) =>
      turn.caller ? DEMO_LANGUAGES.map((language) => ({ scenario, turn: index, language, text: turn.caller![language], samples: readClip(callerClipFile(scenario.name, index, language)) })) : [],
    ),
  ));
}

const botClips = new Map<string, Int16Array | null>();

/** The rendered clip of one bot sentence, or undefined when the script has none for it. */
export function botClip(sentence: string): Int16Array | undefined {
  const file = botClipFile(sentence);
  if (!botClips.has(file)) botClips.set(file, existsSync(join(scriptDir(), file)) ? readClip(file) : null);
  return botClips.get(file) ?? undefined;
}
