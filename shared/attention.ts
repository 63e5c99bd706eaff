// Which live call needs a supervisor, and why: the attention score the engine keeps on each live
// call (`call.attention`), from signals it computes itself (electron/engine/calls/attention*.ts).

/** Stable reason codes: consoles, scripts and notifications key on them; the words come from `text`. */
export const ATTENTION_CODES = [
  'frustrated',
  'asked-again',
  'bot-looping',
  'long-silence',
  'barge-ins',
  'bot-errors',
  'bot-slow',
  'keyword',
  'asked-for-person',
  'waiting-for-person',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

/**
 * Whose side a reason is on, so a supervisor tells "the bot is slow" from "the caller is unhappy":
 * the caller (what they say), the bot (errors, slowness, loops) or the wait for a person.
 */
export type AttentionSide = 'caller' | 'bot' | 'wait';

export interface AttentionReason {
  /** One of `ATTENTION_CODES`, or a code of an extra signal source (`understood.*`). */
  code: string;
  /** An i18n key (`attention.reason.botSlow`); the page words it with `values` ("bot slow: 3.1 s"). */
  text: string;
  values?: Record<string, string | number>;
  side: AttentionSide;
  /** Points it adds to the score (0–100 together, capped). */
  points: number;
}

export interface Attention {
  /** 0 (calm) to 100 (needs a supervisor now). */
  score: number;
  /** Most points first. */
  reasons: AttentionReason[];
  /**
   * Set when the score crossed the threshold set in Settings, or a configured keyword was said: its
   * time is new for each alert, so a console or the desktop app raises one notification per alert.
   */
  alert?: { at: string; code: string };
}

/** The board's order: most attention first (then today's order, which the caller applies). */
export const attentionScore = (call: { attention?: Attention }): number => call.attention?.score ?? 0;
