// What the engine understands of each live call, for the supervisor: the briefing (`call.briefing`,
// kept up to date as the call goes) and the attention reasons that need understanding
// (`understood.*`, through attention's `ExtraSignals` seam). It follows the live feed, so it reads
// the transcript exactly as stored (redacted where privacy says so): every final caller line adds
// the facts a pattern finds and asks the LLM one side request at most (none when no LLM is set; a
// budget per call and a timeout each; a line that comes while one is out is folded into the next,
// so there are never more requests than caller lines). The briefing is stored on the call's
// timeline when a supervisor takes over and when the call ends (history shows the last one).
import type OpenAI from 'openai';
import type { AttentionReason } from '../../../shared/attention.ts';
import { briefingSaysSomething, type Briefing, type BriefingFact } from '../../../shared/briefing.ts';
import { isLive, type Call, type CallEvent, type Utterance } from '../../../shared/call.ts';
import type { LiveMessage } from '../../../shared/api.ts';
import type { ExtraSignals } from '../calls/attention-score.ts';
import { factsIn } from '../calls/briefing-facts.ts';
import type { CallFeed } from '../calls/call-feed.ts';
import type { LiveCalls } from '../calls/live-calls.ts';
import type { Timeline } from '../calls/timeline.ts';
import type { Logger } from '../log.ts';
import { understand, type Understanding } from './understanding.ts';

/** Side requests one call may make by default (a long call stops asking; its briefing keeps its facts and tools). */
export const UNDERSTANDING_BUDGET = 30;
/** Transcript lines sent with a side request (the most recent), and the characters kept of each. */
const CONTEXT_LINES = 40;
const LINE_CHARS = 500;
const MOODS_KEPT = 20;

export interface UnderstandingModel {
  client: OpenAI;
  model: string;
}

export interface CallUnderstandingDeps {
  live: LiveCalls;
  feed: CallFeed;
  timeline: Timeline;
  logger: Logger;
  /** The LLM a call's side requests go to (its bot's), or undefined: no side request. */
  model(callId: string): UnderstandingModel | undefined;
  /** Longest wait for one side request, ms. */
  timeoutMs(): number;
  /** Side requests one call may make (read at each caller line; 0: none). */
  budget?: () => number;
  now?: () => number;
}

interface CallState {
  lines: string[];
  briefing: Briefing;
  understood?: Understanding;
  requests: number;
  inFlight: boolean;
  /** A caller line came while a request was out: ask again once it is back. */
  pending: boolean;
  /** Aborts the call's request once the call is over. */
  readonly over: AbortController;
  human: boolean;
  waiting: boolean;
}

/** Caller lines seen and side requests made, since the engine started (the bench reads them). */
export interface UnderstandingCounts {
  callerLines: number;
  requests: number;
  failures: number;
}

export class CallUnderstanding implements ExtraSignals {
  readonly counts: UnderstandingCounts = { callerLines: 0, requests: 0, failures: 0 };
  private readonly deps: CallUnderstandingDeps;
  private readonly budget: () => number;
  private readonly now: () => number;
  private readonly calls = new Map<string, CallState>();
  private readonly due = new Set<string>();

  constructor(deps: CallUnderstandingDeps) {
    this.deps = deps;
    this.budget = deps.budget ?? (() => UNDERSTANDING_BUDGET);
    this.now = deps.now ?? Date.now;
    deps.live.addOverlay((call) => this.overlay(call));
    deps.feed.subscribe((message) => this.heard(message));
  }

  /** Engine shutdown: side requests still out are cancelled (nothing more is stored). */
  stop(): void {
    for (const state of this.calls.values()) state.over.abort();
    this.calls.clear();
  }

  /** The briefing of a live call now (undefined when it says nothing yet). */
  briefingOf(callId: string): Briefing | undefined {
    const briefing = this.calls.get(callId)?.briefing;
    return briefingSaysSomething(briefing) ? briefing : undefined;
  }

  /** Attention reasons only understanding finds: frustration said politely, a person asked for in other words. */
  reasonsFor(callId: string): readonly AttentionReason[] {
    const state = this.calls.get(callId);
    const understood = state?.understood;
    if (!state || !understood) return [];
    const reasons: AttentionReason[] = [];
    if (understood.frustrated) {
      const mood = understood.mood ?? 'annoyed';
      reasons.push({ code: 'understood.frustrated', text: 'attention.reason.understood.frustrated', side: 'caller', points: mood === 'angry' ? 35 : 25, values: { mood } });
    }
    if (understood.asksForPerson && !state.human && !state.waiting) {
      reasons.push({ code: 'understood.asked-for-person', text: 'attention.reason.understood.asked-for-person', side: 'caller', points: 30 });
    }
    return reasons;
  }

  private overlay(call: Call): Call {
    if (!isLive(call)) return call;
    const briefing = this.briefingOf(call.id);
    return briefing ? { ...call, briefing } : call;
  }

  private state(callId: string): CallState {
    let state = this.calls.get(callId);
    if (!state) {
      state = { lines: [], briefing: { facts: [], actions: [], promises: [], moods: [], updatedAt: new Date(this.now()).toISOString() }, requests: 0, inFlight: false, pending: false, over: new AbortController(), human: false, waiting: false };
      this.calls.set(callId, state);
    }
    return state;
  }

  private heard(message: LiveMessage): void {
    if (message.type === 'call.updated') {
      if (!isLive(message.call)) this.ended(message.call.id);
      return;
    }
    if (message.type !== 'event.appended') return;
    const { event } = message;
    // Lines and news of calls that ended (a late event) make no state that nothing would forget.
    if (!event.callId || !this.deps.live.has(event.callId)) return;
    if (event.type === 'utterance') this.line(event.callId, event.detail?.utterance as Utterance | undefined);
    else if (event.type === 'bot') this.botEvent(event.callId, event);
  }

  private line(callId: string, utterance: Utterance | undefined): void {
    // A whisper is the supervisor's note to the bot, not something said on the call.
    if (!utterance?.final || !utterance.text.trim() || utterance.note) return;
    const state = this.state(callId);
    state.lines.push(`${utterance.speaker}: ${utterance.text.slice(0, LINE_CHARS)}`);
    if (state.lines.length > CONTEXT_LINES) state.lines.shift();
    if (utterance.speaker !== 'caller') return;
    this.counts.callerLines++;
    const facts = factsIn(utterance.text, state.briefing.facts);
    if (facts.length) this.change(callId, state, { facts: [...state.briefing.facts, ...facts] });
    this.ask(callId, state);
  }

  private botEvent(callId: string, event: CallEvent): void {
    const detail = event.detail ?? {};
    if (!['bot.tool', 'bot.needs-human', 'bot.mode'].includes(event.providerEvent)) return;
    const state = this.state(callId);
    switch (event.providerEvent) {
      case 'bot.tool': {
        const tool = detail.tool as { name?: unknown; detail?: unknown } | undefined;
        if (typeof tool?.name !== 'string') return;
        const action = { tool: tool.name, ...(typeof tool.detail === 'string' && tool.detail && { detail: tool.detail }), at: event.occurredAt };
        this.change(callId, state, { actions: [...state.briefing.actions, action].slice(-20) });
        return;
      }
      case 'bot.needs-human':
        state.waiting = detail.needsHuman !== null && detail.needsHuman !== undefined;
        return;
      case 'bot.mode':
        if (detail.mode !== 'human' && detail.mode !== 'bot') return;
        state.human = detail.mode === 'human';
        if (state.human) {
          state.waiting = false;
          this.store(callId, state, 'take-over'); // what the supervisor read as they took the call
        }
        return;
    }
  }

  /** One side request for the call's transcript now, unless one is out (then once it is back), over budget, or no LLM is set. */
  private ask(callId: string, state: CallState): void {
    if (state.inFlight) {
      state.pending = true;
      return;
    }
    if (state.requests >= this.budget() || state.over.signal.aborted) return;
    const model = this.deps.model(callId);
    if (!model) return;
    state.requests++;
    this.counts.requests++;
    state.inFlight = true;
    const signal = AbortSignal.any([AbortSignal.timeout(this.deps.timeoutMs()), state.over.signal]);
    void understand(model.client, model.model, state.lines.join('\n'), signal)
      .then(
        (understood) => this.understood(callId, state, understood),
        (error: unknown) => {
          if (state.over.signal.aborted) return;
          this.counts.failures++;
          this.deps.logger.info('side request on a live call failed: its briefing and attention go on from what words show', { callId, error: (error as Error).message });
        },
      )
      .finally(() => {
        state.inFlight = false;
        if (!state.pending) return;
        state.pending = false;
        this.ask(callId, state);
      });
  }

  private understood(callId: string, state: CallState, understood: Understanding): void {
    if (state.over.signal.aborted) return;
    state.understood = understood;
    const b = state.briefing;
    const known = new Set(b.facts.map((fact) => `${fact.kind}:${fact.value.toLowerCase()}`));
    const modelFacts: BriefingFact[] = understood.facts.filter((fact) => !known.has(`${fact.kind}:${fact.value.toLowerCase()}`)).map((fact) => ({ ...fact, source: 'model' as const }));
    const promises = [...b.promises, ...understood.promises.filter((p) => !b.promises.some((q) => q.toLowerCase() === p.toLowerCase()))].slice(-8);
    const moods = understood.mood ? [...b.moods, { mood: understood.mood, at: new Date(this.now()).toISOString() }].slice(-MOODS_KEPT) : b.moods;
    this.change(callId, state, {
      wants: understood.wants ?? b.wants,
      facts: [...b.facts, ...modelFacts].slice(-30),
      promises,
      openQuestion: understood.openQuestion,
      moods,
    });
  }

  private change(callId: string, state: CallState, patch: Partial<Briefing>): void {
    const next: Briefing = { ...state.briefing, ...patch, updatedAt: new Date(this.now()).toISOString() };
    if (next.wants === undefined) delete next.wants;
    if (next.openQuestion === undefined) delete next.openQuestion;
    state.briefing = next;
    this.publishSoon(callId);
  }

  private ended(callId: string): void {
    const state = this.calls.get(callId);
    if (!state) return;
    this.calls.delete(callId);
    state.over.abort();
    this.store(callId, state, 'call-ended');
  }

  /** The briefing on the call's timeline (`bot.briefing`), so history keeps it with the summary. */
  private store(callId: string, state: CallState, moment: 'take-over' | 'call-ended'): void {
    if (!briefingSaysSomething(state.briefing)) return;
    void this.deps.timeline.record(callId, { type: 'bot', providerEvent: 'bot.briefing', detail: { briefing: state.briefing, moment } });
  }

  /** After the message being delivered reached every subscriber (none hears the newer view first). */
  private publishSoon(callId: string): void {
    if (this.due.has(callId)) return;
    this.due.add(callId);
    setImmediate(() => {
      this.due.delete(callId);
      if (this.calls.has(callId)) this.deps.feed.publishCall(callId);
    });
  }
}
