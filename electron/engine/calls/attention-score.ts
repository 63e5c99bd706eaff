// A live call's attention score from its signals: each reason adds points (capped at 100), most
// points first. Points are set so that one mild sign stays under the default alert threshold (60)
// and two clear ones cross it; a keyword alerts on its own (see attention.ts).
import type { Attention, AttentionReason } from '../../../shared/attention.ts';
import type { CallSignals } from './attention-signals.ts';

/** No speech on a line the bot answers for this long is a long silence. */
export const LONG_SILENCE_MS = 10_000;

/** Reasons from elsewhere (e.g. an LLM side request that judges what needs understanding). */
export interface ExtraSignals {
  /**
   * The extra reasons of a call now; their codes should not be those of `ATTENTION_CODES`. An
   * `understood.<code>` reason stands for what words alone missed: it is dropped when the engine's
   * own `<code>` reason is there (a frustration counts once, however it was found).
   */
  reasonsFor(callId: string): readonly AttentionReason[];
}

const UNDERSTOOD = 'understood.';

const seconds = (ms: number) => Math.round(ms / 100) / 10;
/** Waits and silences shown in whole steps, so a card's words (and the feed) change every few seconds, not every tick. */
const stepped = (ms: number, stepMs: number) => Math.floor(ms / stepMs) * (stepMs / 1000);

export function reasonsOf(s: CallSignals, now: number): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  const add = (code: string, side: AttentionReason['side'], points: number, values?: AttentionReason['values']) =>
    reasons.push({ code, text: `attention.reason.${code}`, side, points, ...(values && { values }) });

  if (s.frustratedLines) add('frustrated', 'caller', s.frustratedLines > 1 ? 35 : 25, { words: s.frustrationWords.slice(0, 3).join(', '), count: s.frustratedLines });
  if (s.repeats) add('asked-again', 'caller', s.repeats > 1 ? 30 : 20, { count: s.repeats + 1 });
  if (s.keywords.length) add('keyword', 'caller', 30, { words: s.keywords.slice(0, 3).join(', ') });
  if (s.askedForPersonAt !== undefined && s.waitingSince === undefined && !s.human) add('asked-for-person', 'caller', 30);
  const loops = Math.max(s.botRepeats, s.notUnderstood - 1);
  if (loops) add('bot-looping', 'bot', loops > 1 ? 30 : 20, { count: loops + 1 });
  if (s.errors) add('bot-errors', 'bot', s.errors > 1 ? 40 : 30, { count: s.errors });
  if (s.slowTurns) add('bot-slow', 'bot', s.slowTurns > 1 ? 20 : 10, { seconds: seconds(s.slowestMs), count: s.slowTurns });
  if (s.bargeIns >= 2) add('barge-ins', 'caller', s.bargeIns > 3 ? 20 : 10, { count: s.bargeIns });
  const silentMs = now - s.lastActivity;
  if (s.botActive && !s.human && s.waitingSince === undefined && silentMs >= LONG_SILENCE_MS) add('long-silence', 'bot', 15, { seconds: stepped(silentMs, 5000) });
  if (s.waitingSince !== undefined && !s.human) {
    const waitedMs = Math.max(0, now - s.waitingSince);
    // 30 points at once, then 10 more each half minute nobody takes the call, up to 60.
    add('waiting-for-person', 'wait', Math.min(60, 30 + 10 * Math.floor(waitedMs / 30_000)), { seconds: stepped(waitedMs, 15_000) });
  }
  return reasons;
}

/** The score and its reasons (with `extra`'s), most points first. */
export function scoreOf(s: CallSignals, now: number, extra: readonly AttentionReason[] = []): Attention {
  const own = reasonsOf(s, now);
  const missed = extra.filter((reason) => !(reason.code.startsWith(UNDERSTOOD) && own.some((r) => r.code === reason.code.slice(UNDERSTOOD.length))));
  const reasons = [...own, ...missed].sort((a, b) => b.points - a.points);
  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { score, reasons };
}

/** What a console sees change: the score and each reason's code and values (not the alert's time). */
export const fingerprintOf = (attention: Attention): string =>
  `${attention.score}|${attention.reasons.map((r) => `${r.code}${JSON.stringify(r.values ?? {})}`).join(';')}`;
