// Attention on live calls: follows the live feed (transcript lines, the bot's turns, its asks for a
// person, mode changes, its errors as each call's view shows them), keeps each live call's signals,
// and adds `call.attention` (score, reasons, alert) to every view of a live call. Time-based reasons
// (a long silence, the wait for a person) are re-scored each second; a console hears of a call only
// when what it shows changed. An alert is raised when the score reaches the threshold set in
// Settings (again once it fell well below), or when the caller says a configured keyword.
import type { Attention } from '../../../shared/attention.ts';
import { isLive, type Call, type TurnMetrics, type Utterance } from '../../../shared/call.ts';
import type { LiveMessage } from '../../../shared/api.ts';
import { keywordsFor } from '../../../shared/attention-settings.ts';
import type { CallFeed } from './call-feed.ts';
import type { LiveCalls } from './live-calls.ts';
import { active, askedForPerson, botError, heardLine, modeChanged, newSignals, turnDone, type CallSignals } from './attention-signals.ts';
import { fingerprintOf, scoreOf, type ExtraSignals } from './attention-score.ts';

/** What the scorer reads from Settings, each time it scores (a change applies to live calls at once). */
export interface AttentionSettings {
  /** Score (1–100) that raises an alert. */
  threshold: number;
  /** Keyword lines (`fr: réclamation, avocat`), see shared/attention-settings.ts. */
  keywords: string;
  /** The language callers speak (picks the lexicon and the keyword line). */
  language: string;
}

/** A score alert may be raised again once the score fell this far under the threshold. */
const REARM_BELOW = 10;
const TICK_MS = 1000;

interface Tracked {
  signals: CallSignals;
  attention: Attention;
  /** The signals' version and the second it was scored at. */
  scoredAs: string;
  alert?: Attention['alert'];
  /** A score alert may be raised (not raised yet, or the score fell back since). */
  armed: boolean;
  /** What consoles last saw of it (the fingerprint of the last call.updated's attention). */
  shown?: string;
}

export interface AttentionDeps {
  live: LiveCalls;
  feed: CallFeed;
  settings: () => AttentionSettings;
  /** Reasons that need understanding, from another source (none by default): the seam for an LLM side request. */
  extra?: ExtraSignals;
  now?: () => number;
}

export class AttentionTracker {
  private readonly feed: CallFeed;
  private readonly settings: () => AttentionSettings;
  private readonly extra: ExtraSignals | undefined;
  private readonly now: () => number;
  private readonly calls = new Map<string, Tracked>();
  private readonly timer: NodeJS.Timeout;
  private readonly due = new Set<string>();

  constructor({ live, feed, settings, extra, now = Date.now }: AttentionDeps) {
    this.feed = feed;
    this.settings = settings;
    this.extra = extra;
    this.now = now;
    live.addOverlay((call) => this.overlay(call));
    feed.subscribe((message) => this.heard(message));
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private overlay(call: Call): Call {
    if (!isLive(call)) return call;
    return { ...call, attention: this.score(call.id, this.tracked(call.id)) };
  }

  private tracked(callId: string): Tracked {
    let tracked = this.calls.get(callId);
    if (!tracked) {
      tracked = { signals: newSignals(this.now()), attention: { score: 0, reasons: [] }, scoredAs: '', armed: true, shown: '0|' };
      this.calls.set(callId, tracked);
    }
    return tracked;
  }

  private heard(message: LiveMessage): void {
    if (message.type === 'transcript') {
      const tracked = this.calls.get(message.callId);
      if (tracked) active(tracked.signals, this.now());
      return;
    }
    if (message.type === 'event.appended') {
      const { event } = message;
      if (event.callId && ['utterance', 'turn', 'bot'].includes(event.type)) this.eventOf(event.callId, event.type, event.providerEvent, event.detail ?? {});
      return;
    }
    if (message.type !== 'call.updated') return;
    const { call } = message;
    if (!isLive(call)) {
      this.calls.delete(call.id);
      return;
    }
    const tracked = this.tracked(call.id);
    const s = tracked.signals;
    const now = this.now();
    botError(s, call.bot?.error);
    const human = call.mode === 'human';
    const botActive = !human && call.bot !== undefined && call.bot.state !== 'monitoring' && call.stream?.state === 'connected';
    if (human !== s.human || botActive !== s.botActive) {
      if (botActive && !s.botActive) s.lastActivity = now; // silence counts from when the bot has the line
      s.human = human;
      s.botActive = botActive;
      s.version++;
    }
    if (call.bot?.state === 'thinking' || call.bot?.state === 'speaking') active(s, now);
    tracked.shown = call.attention ? fingerprintOf(call.attention) : undefined;
    // The view just sent was made before this message's news was read: send it again if it differs.
    if (fingerprintOf(this.score(call.id, tracked)) !== tracked.shown) this.publishSoon(call.id);
  }

  private eventOf(callId: string, type: string, name: string, detail: Record<string, unknown>): void {
    const tracked = this.tracked(callId);
    const s = tracked.signals;
    const now = this.now();
    if (type === 'utterance') {
      const utterance = detail.utterance as Utterance | undefined;
      if (!utterance?.text) return;
      const settings = this.settings();
      const fresh = heardLine(s, utterance.speaker, utterance.text, now, settings.language, keywordsFor(settings.keywords, settings.language));
      if (fresh.length) tracked.alert = { at: new Date(now).toISOString(), code: 'keyword' };
    } else if (type === 'turn') {
      const metrics = detail.metrics as TurnMetrics | undefined;
      if (metrics) turnDone(s, metrics, now);
    } else if (name === 'bot.needs-human') {
      const needsHuman = detail.needsHuman as { at?: string } | null | undefined;
      if (needsHuman === null) askedForPerson(s, null);
      else if (needsHuman) askedForPerson(s, Date.parse(needsHuman.at ?? '') || now);
    } else if (name === 'bot.mode' && (detail.mode === 'bot' || detail.mode === 'human')) {
      modeChanged(s, detail.mode, now);
    }
  }

  /** The call's attention now (scored again when its signals changed or a second passed), with its alert. */
  private score(callId: string, tracked: Tracked): Attention {
    const now = this.now();
    const extra = this.extra?.reasonsFor(callId) ?? [];
    const scoredAs = `${tracked.signals.version}@${Math.floor(now / TICK_MS)}@${extra.map((r) => `${r.code}:${r.points}`).join(',')}`;
    if (scoredAs === tracked.scoredAs) return tracked.attention;
    const attention = scoreOf(tracked.signals, now, extra);
    const { threshold } = this.settings();
    if (attention.score >= threshold && tracked.armed) {
      tracked.armed = false;
      tracked.alert = { at: new Date(now).toISOString(), code: attention.reasons[0]?.code ?? 'score' };
    } else if (attention.score < threshold - REARM_BELOW && !tracked.armed) {
      tracked.armed = true;
      if (tracked.alert?.code !== 'keyword') tracked.alert = undefined;
    }
    tracked.scoredAs = scoredAs;
    tracked.attention = tracked.alert ? { ...attention, alert: tracked.alert } : attention;
    return tracked.attention;
  }

  /** Re-scores every live call; those whose attention changed from what consoles saw go out again. */
  private tick(): void {
    for (const [callId, tracked] of this.calls) {
      if (fingerprintOf(this.score(callId, tracked)) !== tracked.shown) this.publishSoon(callId);
    }
  }

  /** After the message being delivered reached every subscriber (so none hears the newer view first). */
  private publishSoon(callId: string): void {
    if (this.due.has(callId)) return;
    this.due.add(callId);
    setImmediate(() => {
      this.due.delete(callId);
      this.feed.publishCall(callId);
    });
  }
}
