// What the attention scorer knows of one live call, folded from what the engine already records:
// final transcript lines, the bot's turn metrics, its asks for a person and mode changes, its
// errors as the call's view shows them, and activity on the line. Pure bookkeeping, no clock of its
// own: every input carries its time (ms since the epoch).
import type { Speaker, TurnMetrics } from '../../../shared/call.ts';
import { lexiconFor, normalize, phrasesIn, sameThing } from './attention-lexicon.ts';

/** A turn slower than this (first bot audio after the caller stopped) counts as slow. */
export const SLOW_TURN_MS = 2000;
/** Lines compared for repeats (the most recent of each speaker). */
const REMEMBERED_LINES = 8;

export interface CallSignals {
  /** Normalized final lines, most recent last. */
  callerLines: string[];
  botLines: string[];
  /** Caller lines with frustration words, and the words (first seen first). */
  frustratedLines: number;
  frustrationWords: string[];
  /** Caller lines that said again what an earlier one said. */
  repeats: number;
  /** Bot lines said before (same words), and "I didn't catch that" lines. */
  botRepeats: number;
  notUnderstood: number;
  /** Turns the caller cut off. */
  bargeIns: number;
  /** Model failures (errors, timeouts) the bot reported. */
  errors: number;
  lastError?: string;
  slowTurns: number;
  /** The slowest slow turn's first audio, ms. */
  slowestMs: number;
  /** Configured keywords the caller said, first said first. */
  keywords: string[];
  /** When the caller asked for a person while the bot had not asked for one (ms since the epoch). */
  askedForPersonAt?: number;
  /** When the bot asked for a person (the call waits from then until someone takes it). */
  waitingSince?: number;
  /** A supervisor has the call. */
  human: boolean;
  /** The bot answers the caller, so a silence is the bot's or the caller's, not a supervisor's. */
  botActive: boolean;
  /** Last speech or bot activity on the line (ms since the epoch). */
  lastActivity: number;
  /** Moves on with every change (scores are recomputed only for a new version or a new second). */
  version: number;
}

export const newSignals = (now: number): CallSignals => ({
  callerLines: [],
  botLines: [],
  frustratedLines: 0,
  frustrationWords: [],
  repeats: 0,
  botRepeats: 0,
  notUnderstood: 0,
  bargeIns: 0,
  errors: 0,
  slowTurns: 0,
  slowestMs: 0,
  keywords: [],
  human: false,
  botActive: false,
  lastActivity: now,
  version: 0,
});

const remember = (lines: string[], line: string) => {
  lines.push(line);
  if (lines.length > REMEMBERED_LINES) lines.shift();
};

/**
 * A final transcript line. `language` picks the lexicon; `keywords` are the configured ones that
 * apply (lower case). Returns the keywords newly said (an alert is due for each).
 */
export function heardLine(s: CallSignals, speaker: Speaker, text: string, at: number, language: string, keywords: readonly string[]): string[] {
  s.lastActivity = at;
  s.version++;
  const line = normalize(text);
  const lexicon = lexiconFor(language);
  if (speaker === 'bot') {
    if (s.botLines.some((earlier) => sameThing(earlier, line))) s.botRepeats++;
    if (phrasesIn(line, lexicon.notUnderstood).length) s.notUnderstood++;
    remember(s.botLines, line);
    return [];
  }
  if (speaker !== 'caller') return [];
  const words = phrasesIn(line, lexicon.frustration);
  if (words.length) {
    s.frustratedLines++;
    for (const word of words) if (!s.frustrationWords.includes(word)) s.frustrationWords.push(word);
  }
  if (s.callerLines.some((earlier) => sameThing(earlier, line))) s.repeats++;
  remember(s.callerLines, line);
  if (s.waitingSince === undefined && !s.human && s.askedForPersonAt === undefined && phrasesIn(line, lexicon.askForPerson).length) s.askedForPersonAt = at;
  const fresh = phrasesIn(line, keywords).filter((word) => !s.keywords.includes(word));
  s.keywords.push(...fresh);
  return fresh;
}

/** A bot turn's metrics: slow when its first audio came after `SLOW_TURN_MS`; cut off by the caller when interrupted. */
export function turnDone(s: CallSignals, metrics: TurnMetrics, at: number): void {
  s.lastActivity = at;
  s.version++;
  if (metrics.interrupted) s.bargeIns++;
  if (metrics.firstAudioMs !== undefined && metrics.firstAudioMs > SLOW_TURN_MS) {
    s.slowTurns++;
    s.slowestMs = Math.max(s.slowestMs, metrics.firstAudioMs);
  }
}

/** The bot asked for a person (`at`), or its ask was answered (`null`: a supervisor took the call). */
export function askedForPerson(s: CallSignals, at: number | null): void {
  s.version++;
  if (at === null) s.waitingSince = undefined;
  else s.waitingSince ??= at;
}

/** Who answers the caller now (`human`: a supervisor took over); a supervisor's call waits no more. */
export function modeChanged(s: CallSignals, mode: 'bot' | 'human', at: number): void {
  s.version++;
  s.human = mode === 'human';
  s.botActive = mode === 'bot';
  s.lastActivity = at;
  if (s.human) s.waitingSince = undefined;
}

/** The bot's error as the call's view shows it: a new one counts once. */
export function botError(s: CallSignals, error: string | undefined): void {
  if (error === s.lastError) return;
  s.lastError = error;
  if (!error) return;
  s.errors++;
  s.version++;
}

/** Something was said or played (a line forming, the bot thinking or speaking): not a silence. */
export function active(s: CallSignals, at: number): void {
  s.lastActivity = Math.max(s.lastActivity, at);
}
