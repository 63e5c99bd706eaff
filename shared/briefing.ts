// What a supervisor reads at the moment of a take-over, kept up to date during the call
// (`call.briefing`): what the caller wants, the facts collected, what the bot did and promised, the
// open question and how the caller's mood went. Deterministic parts (the bot's tools, facts found
// by pattern) come from the engine; the rest from the configured LLM's side request
// (electron/engine/pipeline/understanding.ts), one per caller utterance at most.

/** The kinds of fact a briefing lists; `other` for what the model found that is none of these. */
export const FACT_KINDS = ['name', 'order', 'account', 'date', 'email', 'phone', 'other'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface BriefingFact {
  kind: FactKind;
  /** As the caller said it (an order number exactly as heard: "4512", "A-77-301"). */
  value: string;
  /** `pattern`: found by the engine in the caller's words; `model`: by the LLM's side request. */
  source: 'pattern' | 'model';
}

/** How the caller sounds, as the LLM judges one utterance after another. */
export const MOODS = ['calm', 'pleased', 'confused', 'annoyed', 'angry'] as const;
export type Mood = (typeof MOODS)[number];

export interface BriefingAction {
  /** The bot's tool (`transfer`, `send_dtmf`, `end_call`, `transfer_to_human`). */
  tool: string;
  /** Its argument in words (a number, digits, a reason), when it has one. */
  detail?: string;
  at: string;
}

export interface Briefing {
  /** What the caller wants, in one sentence (from the LLM). */
  wants?: string;
  facts: BriefingFact[];
  /** What the bot did (its tools, as it called them). */
  actions: BriefingAction[];
  /** What the bot promised the caller (from the LLM): "a technician tomorrow morning". */
  promises: string[];
  /** The question still open between the caller and the bot (from the LLM). */
  openQuestion?: string;
  /** The caller's mood after each understood utterance, oldest first (at most the last 20). */
  moods: { mood: Mood; at: string }[];
  /** When it last changed (ISO): of two stored briefings of a call, the later one is the call's. */
  updatedAt: string;
}

/** True when a briefing says anything at all. */
export const briefingSaysSomething = (briefing: Briefing | undefined): briefing is Briefing =>
  !!briefing && !!(briefing.wants || briefing.facts.length || briefing.actions.length || briefing.promises.length || briefing.openQuestion || briefing.moods.length);
