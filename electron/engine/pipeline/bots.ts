// The voice bots of all streamed calls: one agent per call while its stream lives, supervisor
// commands (take over, hand back, say), the call's mode and bot status in every view, the
// transcript and turn metrics in the call's timeline, and a summary once the call is over.
import { ApiError } from '../../../shared/api.ts';
import { MODE_REASONS, type BotStatus, type Call, type CallEvent, type CallMode, type ModeCause, type TurnMetrics, type Utterance } from '../../../shared/call.ts';
import type { BotCommand, CommandResult } from '../../../shared/commands.ts';
import type { CallFeed } from '../calls/call-feed.ts';
import type { LiveCalls } from '../calls/live-calls.ts';
import { nameSetting, settingLabel } from '../../../shared/setting-names.ts';
import type { Timeline, TimelineEntry } from '../calls/timeline.ts';
import type { CallSession } from '../calls/session.ts';
import type { SessionManager } from '../calls/sessions.ts';
import type { EngineConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { PipelineAgent, type AgentHost, type AgentSettings } from './agent.ts';
import { createModelClients, type ModelClients } from './models.ts';
import { fallbackClip } from './prompts.ts';
import { RealtimeAgent } from './realtime-agent.ts';
import { summarize } from './summary.ts';
import { ownNumbersOf, redactionOptions } from '../privacy/policy.ts';
import { recordingNoticeOf } from '../privacy/notice.ts';
import { TranscriptGuard } from '../privacy/transcript-guard.ts';
import type { BotAction } from './tools.ts';
import { actingUser } from '../acting-user.ts';
import { randomUUID } from 'node:crypto';
import type { UnderstandingModel } from './call-understanding.ts';


export type Agent = PipelineAgent | RealtimeAgent;

export interface BotManagerDeps {
  config: EngineConfig;
  /** The calls: the bot's mode and state go into every view of a call. */
  live: LiveCalls;
  /** Where transcript lines (as they form) and the bot's changes go out. */
  feed: CallFeed;
  timeline: Timeline;
  sessions: SessionManager;
  logger: Logger;
  /**
   * The built-in demo models' clients, for demo calls while no model is configured (undefined
   * while they are not serving). Real calls never get them.
   */
  demoClients?: () => ModelClients | undefined;
  /**
   * A call's stored events, oldest first: a call whose stream moved here from another engine (or
   * came back after its session ended) resumes from them with the conversation so far.
   */
  eventsOf?: (callId: string) => Promise<CallEvent[]>;
}

/** One call's bot, and which models its next turn uses (they change when a model is set). */
interface CallBot {
  agent: Agent;
  demo: boolean;
  /** The clients of its last turn: kept when models are removed mid-call (the call keeps its bot). */
  clients: ModelClients;
}

export class BotManager {
  private config: EngineConfig;
  private readonly live: LiveCalls;
  private readonly feed: CallFeed;
  private readonly timeline: Timeline;
  private readonly sessions: SessionManager;
  private readonly logger: Logger;
  private clients: ModelClients | undefined;
  private readonly demoClients: () => ModelClients | undefined;
  private readonly eventsOf: ((callId: string) => Promise<CallEvent[]>) | undefined;
  private readonly bots = new Map<string, CallBot>();
  /** Transcript lines of calls whose stream ended, waiting for the summary. */
  private readonly transcripts = new Map<string, string[]>();
  /** Summaries being written; the engine's stop cancels them (a stop does not wait on a model). */
  private readonly summaries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  /** Redacts transcript lines before anyone sees them, and pauses the recording while a card number is read. */
  private readonly guard: TranscriptGuard;

  constructor({ config, live, feed, timeline, sessions, logger, demoClients = () => undefined, eventsOf }: BotManagerDeps) {
    this.demoClients = demoClients;
    this.eventsOf = eventsOf;
    this.timeline = timeline;
    this.config = config;
    this.live = live;
    this.feed = feed;
    this.sessions = sessions;
    this.logger = logger;
    this.clients = createModelClients(config);
    sessions.hooks = { started: (session) => this.started(session), ended: (session) => this.ended(session) };
    this.guard = new TranscriptGuard({
      options: (callId) => redactionOptions(this.config, ownNumbersOf(this.live.get(callId))),
      pause: (callId, request) => this.sessions.pauseRecording(callId, request),
    });
    live.addOverlay((call) => this.overlay(call));
    if (!this.clients) logger.info(`no model configured (${nameSetting('openaiApiKey', 'cli')} or ${nameSetting('openaiBaseUrl', 'cli')}): streamed calls are monitor-only`);
  }

  /**
   * New settings take over at once: the next turn of every call in progress uses the models set
   * now (a demo call leaves the demo models for real ones), and a streamed call that had no bot
   * (monitor-only, or a demo call before the demo models served) gets one. When models are
   * removed, a call in progress keeps the bot it has.
   */
  reconfigure(config: EngineConfig): void {
    const hadModels = this.clients !== undefined;
    this.config = config;
    this.clients = createModelClients(config);
    if (hadModels && !this.clients) this.logger.info('no model configured any more: new streamed calls are monitor-only');
    this.modelsChanged();
  }

  /** Models came or went (settings, or the demo models started serving): calls in progress follow. */
  modelsChanged(): void {
    for (const session of this.sessions.connected()) {
      if (!this.bots.has(session.callId)) this.attach(session, false);
      this.feed.publishCall(session.callId);
    }
  }

  /** True when a model answers callers; false means monitor-only. */
  get active(): boolean {
    return this.clients !== undefined;
  }

  /** True when demo calls get the built-in demo models (no model is configured, the bot is not off). */
  get demoModels(): boolean {
    return !this.clients && this.config.botEngine !== 'off' && this.demoClients() !== undefined;
  }

  /** The models a call's next turn uses: the configured ones, or for a demo call the demo models. */
  private clientsFor(demo: boolean): ModelClients | undefined {
    if (this.config.botEngine === 'off') return undefined;
    return this.clients ?? (demo ? this.demoClients() : undefined);
  }

  /** The LLM a call's side requests (briefing, attention) go to: its bot's; undefined when no LLM is set for it. */
  llmFor(callId: string): UnderstandingModel | undefined {
    const clients = this.clientsFor(this.isDemo(callId));
    return clients && { client: clients.llm, model: this.config.llmModel };
  }

  /** How long a side request may take, ms (the models' timeout). */
  get modelTimeoutMs(): number {
    return this.config.modelTimeoutMs;
  }

  private isDemo(callId: string): boolean {
    return this.live.get(callId)?.demo === true;
  }

  async command(callId: string, command: BotCommand): Promise<CommandResult> {
    const call = this.live.get(callId);
    if (!call) throw new ApiError(404, `no call with id ${callId}`);
    const session = this.sessions.get(callId);
    if (!session?.connected) throw new ApiError(409, `call ${callId} has no live stream: the bot works on streamed calls only`);
    const agent = this.bots.get(callId)?.agent;
    switch (command.type) {
      case 'takeover':
        if (agent) agent.takeover();
        else this.modeChanged(callId, 'human', 'taken-over');
        // A person has the call now: whatever the bot asked for is answered.
        if (call.needsHuman) this.record(callId, 'bot.needs-human', { needsHuman: null });
        return { sent: true };
      case 'handback':
        if (agent) agent.handback(command.line);
        else this.modeChanged(callId, 'bot', 'handed-back');
        return { sent: true };
      case 'say':
        if (!agent) throw new ApiError(409, `no text-to-speech model is configured: set ${settingLabel('openaiApiKey')} or ${settingLabel('openaiBaseUrl')} in Settings to let the bot speak`);
        agent.say(command.text);
        // On the timeline with who sent it, as every command; its words are the transcript's supervisor line.
        this.timeline.record(callId, { type: 'command', providerEvent: 'command.say', detail: { command: { type: 'say', characters: command.text.length }, origin: 'supervisor', by: actingUser() } });
        return { sent: true };
      case 'whisper': {
        if (!agent) throw new ApiError(409, `call ${callId} has no bot to whisper to: the bot answers streamed calls once a model is set in Settings`);
        agent.whisper(command.text);
        // A note in the transcript (through the transcript's own path), never a line of speech.
        const actor = actingUser();
        this.utterance(callId, { id: randomUUID(), speaker: 'supervisor', text: command.text, final: true, startMs: session.line.elapsedMs, note: { kind: 'whisper', by: actor.name, byId: actor.id } });
        return { sent: true };
      }
    }
  }

  /** A supervisor pauses or resumes a call's recording (the console's button); 409 without a live stream. */
  pauseRecording(callId: string, paused: boolean): Promise<{ paused: boolean }> {
    this.guard.forget(callId);
    return this.sessions.pauseRecording(callId, { paused, by: 'supervisor' });
  }

  /**
   * A stream connected for a call without a session here. A call whose stored timeline shows a
   * bot's mode had a bot before, on this engine or on one that died: it resumes (its latest mode,
   * what was said so far, without greeting again). Any other call starts afresh.
   */
  private started(session: CallSession): void {
    if (!this.eventsOf) return this.startAfresh(session);
    void this.resume(session).catch((error: unknown) => {
      this.logger.warn('the call could not be resumed from the store; its bot starts afresh', { callId: session.callId, error });
      if (this.sessions.get(session.callId) === session && session.connected && !this.bots.has(session.callId)) this.startAfresh(session);
    });
  }

  private async resume(session: CallSession): Promise<void> {
    const callId = session.callId;
    const events = await this.eventsOf!(callId);
    // The stream may have gone while the store answered, or another connection attached a bot.
    if (this.sessions.get(callId) !== session || !session.connected || this.bots.has(callId)) return;
    const mode = latestMode(events);
    // A first bot: greets, and its mode goes on the timeline (what a later engine resumes from).
    if (!mode) return this.startAfresh(session, { earlier: [] });
    const earlier = spokenLines(events);
    this.logger.info('a call in progress resumes here from the store', { callId, mode, lines: earlier.length });
    this.attach(session, false, { mode, earlier });
    // The notice went with the first greeting; a call whose timeline lacks the mark gets it now, as
    // not played (a resumed bot does not greet again).
    if (!events.some((event) => event.providerEvent === 'privacy.recording-notice')) this.noteRecordingNotice(callId, false);
  }

  /** A new bot greets the caller (with the recording notice, when one is configured). */
  private startAfresh(session: CallSession, stored?: { earlier: SpokenLine[] }): void {
    this.attach(session, true, stored);
    const played = this.bots.has(session.callId) && (this.live.get(session.callId)?.mode ?? this.config.callMode) === 'bot';
    this.noteRecordingNotice(session.callId, played);
  }

  /** A call whose greeting could not carry the configured recording notice is marked. */
  private noteRecordingNotice(callId: string, played: boolean): void {
    if (recordingNoticeOf(this.config)) this.record(callId, 'privacy.recording-notice', { recordingNotice: played });
  }

  /**
   * Gives a streamed call its bot, if a model can answer it; `greet`: the stream just connected
   * (a bot that joins a call in progress answers the caller's next words instead).
   */
  /**
   * `stored`: what the call's stored timeline says, when it was read (its bot's latest mode, if it
   * had one, and what was said so far); without it, the call as this engine knows it decides.
   */
  private attach(session: CallSession, greet: boolean, stored?: { mode?: CallMode; earlier: SpokenLine[] }): void {
    const callId = session.callId;
    const demo = this.isDemo(callId);
    const clients = this.clientsFor(demo);
    if (!clients) return;
    const call = this.live.get(callId);
    const mode: CallMode = stored?.mode ?? call?.mode ?? this.config.callMode;
    const host = this.host(session);
    const bot = { demo, clients } as CallBot;
    // The agent reads its settings on every turn: the models in force then, not those of its start.
    const manager = this;
    const settings: AgentSettings = {
      get config() {
        return manager.config;
      },
      get clients() {
        bot.clients = manager.clientsFor(demo) ?? bot.clients;
        return bot.clients;
      },
      // The recorded line in the bot's language of the moment.
      get fallback() {
        return fallbackClip(manager.config.botLanguage);
      },
    };
    const usesDemoModels = !this.clients;
    if (this.config.botEngine === 'realtime' && usesDemoModels) this.logger.info('demo models have no realtime engine: this demo call uses the pipeline engine', { callId });
    const agent = this.config.botEngine === 'realtime' && !usesDemoModels ? new RealtimeAgent(host, settings, mode) : new PipelineAgent(host, settings, mode);
    bot.agent = agent;
    if (stored?.earlier.length) agent.resume(stored.earlier);
    this.bots.set(callId, bot);
    session.line.listener = {
      callerAudio: (samples, rate) => agent.callerAudio(samples, rate),
      supervisorAudio: (samples, rate) => agent.supervisorAudio(samples, rate),
      cleared: (played) => agent.cleared(played),
    };
    // The stored call, not its view: the view shows the configured mode as soon as the stream is up,
    // which once kept every call's first `bot.mode` out of the store (the wallboard counted no bot call).
    if (stored ? stored.mode === undefined : this.live.stored(callId)?.mode === undefined) this.modeChanged(callId, mode, 'stream-connected');
    if (!greet && !stored) this.logger.info('models are ready now: the bot joins this call in progress', { callId });
    // The realtime engine's start opens its session; the pipeline's only greets.
    if (greet || agent instanceof RealtimeAgent) agent.start();
  }

  private async ended(session: CallSession): Promise<void> {
    const bot = this.bots.get(session.callId);
    session.line.listener = undefined;
    this.guard.forget(session.callId);
    if (!bot) return;
    await bot.agent.stop();
    this.bots.delete(session.callId);
    const lines = this.transcripts.get(session.callId) ?? [];
    this.transcripts.delete(session.callId);
    const clients = this.clientsFor(bot.demo) ?? bot.clients;
    if (lines.length && !this.stopping.signal.aborted) {
      const summary = this.summarize(session.callId, lines, clients);
      this.summaries.add(summary);
      void summary.finally(() => this.summaries.delete(summary));
    }
  }

  /** Engine shutdown (after the sessions ended): cancels the summaries still being written. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.summaries);
  }

  private async summarize(callId: string, lines: string[], clients: ModelClients): Promise<void> {
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(this.config.modelTimeoutMs * 2), this.stopping.signal]);
      const result = await summarize(clients.llm, this.config.llmModel, lines.join('\n'), signal);
      this.record(callId, 'bot.summary', { disposition: result.disposition }, 'summary', { summary: result.summary });
    } catch (error) {
      if (this.stopping.signal.aborted) this.logger.info('call summary not written: Ringside stopped first', { callId });
      else this.logger.warn('call summary failed', { callId, error });
    }
  }

  private overlay(call: Call): Call {
    const bot = this.bots.get(call.id);
    if (bot) {
      const demoModels = bot.demo && !this.clients;
      return { ...call, mode: bot.agent.mode, bot: { ...bot.agent.status(), ...(demoModels && { models: 'demo' as const }) } };
    }
    if (!call.stream || call.stream.state !== 'connected') return call;
    const monitor: BotStatus = { engine: 'off', state: 'monitoring' };
    return { ...call, mode: call.mode ?? this.config.callMode, bot: monitor };
  }

  private host(session: CallSession): AgentHost {
    const callId = session.callId;
    return {
      line: session.line,
      logger: this.logger.child({ callId }),
      utterance: (utterance) => this.utterance(callId, utterance),
      turn: (metrics) => this.turnDone(callId, metrics),
      needsHuman: (reason, cause) => this.record(callId, 'bot.needs-human', { needsHuman: { reason, at: new Date().toISOString(), cause } }),
      problem: (message) => this.record(callId, 'bot.error', { error: message }),
      modeChanged: (mode, cause, said) => this.modeChanged(callId, mode, cause, said),
      changed: () => this.feed.publishCall(callId),
      pauseRecording: (paused) => {
        this.guard.forget(callId);
        return this.sessions.pauseRecording(callId, { paused, by: 'bot' });
      },
      acted: (action) => this.record(callId, 'bot.tool', { tool: { name: action.name, ...toolDetail(action) } }),
    };
  }

  /**
   * A transcript line reaches the consoles one way: as it forms (and when it turns out to have no
   * words) as a `transcript` message; once final, as the stored `utterance` event, which the feed
   * carries as `event.appended` and history and the timeline keep.
   */
  private utterance(callId: string, said: Utterance): void {
    const utterance = this.guard.line(callId, said);
    if (!utterance.final || !utterance.text) {
      this.feed.publish({ type: 'transcript', callId, utterance });
      return;
    }
    const lines = this.transcripts.get(callId) ?? [];
    // A whisper is the supervisor's note to the bot: not part of the conversation the summary tells.
    if (!utterance.note) lines.push(`${utterance.speaker}: ${utterance.text}`);
    this.transcripts.set(callId, lines);
    this.record(callId, `transcript.${utterance.speaker}`, { utterance }, 'utterance');
  }

  private turnDone(callId: string, metrics: TurnMetrics): void {
    this.record(callId, 'bot.turn', { metrics }, 'turn');
    this.feed.publishCall(callId);
  }

  /** Records a change of hands: `cause` for the console to word, `reason` in English for API clients. */
  private modeChanged(callId: string, mode: CallMode, cause: ModeCause, said?: string): void {
    const reason = said ? `${MODE_REASONS[cause]}: ${said}` : MODE_REASONS[cause];
    this.record(callId, 'bot.mode', { mode, reason, cause, ...(said ? { said } : {}) });
  }

  /** Appends an engine-made event to the call's timeline (durably, in the background). */
  private record(callId: string, providerEvent: string, detail: Record<string, unknown>, type: 'bot' | 'utterance' | 'turn' | 'summary' = 'bot', extra: Partial<TimelineEntry> = {}): void {
    this.timeline.record(callId, { type, providerEvent, detail, ...extra });
  }
}

/** One final line of a call's transcript: who said it and what the caller heard. */
export interface SpokenLine {
  speaker: Utterance['speaker'];
  text: string;
}

/** The final transcript lines among a call's stored events, in the order they were stored. */
export function spokenLines(events: readonly CallEvent[]): SpokenLine[] {
  return events.flatMap((event) => {
    const utterance = event.detail?.utterance as Partial<Utterance> | undefined;
    if (event.type !== 'utterance' || !utterance?.final || typeof utterance.text !== 'string' || !utterance.text) return [];
    const speaker = utterance.speaker;
    return speaker === 'caller' || speaker === 'bot' || speaker === 'supervisor' ? [{ speaker, text: utterance.text }] : [];
  });
}

/** The bot's latest mode on a call, from its stored `bot.mode` events; undefined when it never had a bot. */
export function latestMode(events: readonly CallEvent[]): CallMode | undefined {
  let mode: CallMode | undefined;
  for (const event of events) {
    const value = event.providerEvent === 'bot.mode' ? event.detail?.mode : undefined;
    if (value === 'bot' || value === 'human') mode = value;
  }
  return mode;
}

/** A tool's argument in words, for the briefing. */
function toolDetail(action: BotAction): { detail?: string } {
  switch (action.name) {
    case 'transfer':
      return { detail: action.number };
    case 'send_dtmf':
      return { detail: action.digits };
    case 'transfer_to_human':
      return { detail: action.reason };
    default:
      return {};
  }
}
