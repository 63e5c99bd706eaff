// What both bot engines (pipeline and realtime) share: mode and state, their speech turns, the
// spoken fallback when a model fails, transcribing a supervisor's own voice, and what a card shows
// of the bot.
import type { BotStatus, CallMode, ModeCause, NeedsHumanCause, TurnMetrics, Utterance } from '../../../shared/call.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { resample } from '../audio/resample.ts';
import { isLineDown, type CallLine, type Played } from '../calls/line.ts';
import type { EngineConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { SpeechListener } from './listener.ts';
import type { ModelClients } from './models.ts';
import { botLines, type BotLines } from './prompts.ts';
import { speechModels, type SpeechModels } from './speech-models.ts';
import { SpeechTurn, type TurnOptions } from './speech-turn.ts';
import { transcribeWithin } from './stt/stt.ts';
import type { BotAction } from './tools.ts';

/** What an agent asks of the engine. */
export interface AgentHost {
  /** The call's line: speech out, clear, playout, transfer, digits, hang up. */
  line: CallLine;
  logger: Logger;
  utterance(utterance: Utterance): void;
  turn(metrics: TurnMetrics): void;
  needsHuman(reason: string, cause: NeedsHumanCause): void;
  /** The bot hit a problem worth a line on the call's timeline (`message` says what and why). */
  problem(message: string): void;
  /** `said`: the model's own words for its ask (`bot-asked`). */
  modeChanged(mode: CallMode, cause: ModeCause, said?: string): void;
  /** Bot state or error changed: the live view should refresh the call. */
  changed(): void;
  /** Pauses or resumes the call's recording (the pause_recording / resume_recording tools). */
  pauseRecording?(paused: boolean): Promise<unknown>;
  /** The bot called one of its tools (the briefing lists what it did). */
  acted(action: BotAction): void;
}

export interface AgentSettings {
  config: EngineConfig;
  clients: ModelClients;
  /**
   * Said when a model fails, whatever failed (recorded, so it needs no model): PCM16 at 8 kHz, in
   * the bot's language (prompts.ts `fallbackClip`).
   */
  fallback: Int16Array;
}

/** A pause after the supervisor's audio played out that ends their utterance. */
const SUPERVISOR_PAUSE_MS = 300;

export abstract class AgentBase {
  mode: CallMode;
  protected abstract readonly engine: BotStatus['engine'];
  protected state: BotStatus['state'];
  protected lastError: string | undefined;
  protected lastTurn: TurnMetrics | undefined;
  protected readonly host: AgentHost;
  protected readonly settings: AgentSettings;
  protected stopped = false;
  private turns = 0;
  /** The supervisor's current burst of speech (mic audio comes only while they talk). */
  private supervisor: { listener: SpeechListener; rate: number; endsAt: number; quiet?: NodeJS.Timeout } | undefined;
  protected readonly now = () => Date.now();

  constructor(host: AgentHost, settings: AgentSettings, mode: CallMode) {
    this.host = host;
    this.settings = settings;
    this.mode = mode;
    this.state = mode === 'bot' ? 'listening' : 'silent';
  }

  /**
   * The bot's words in its language (prompt, greeting, hold message), and the pipeline's models
   * (the realtime engine uses the speech-to-text one for supervisors): read from the settings
   * when used, so settings or a model set during the call take over from the next turn.
   */
  protected get lines(): BotLines {
    return botLines(this.settings.config);
  }

  protected get models(): SpeechModels {
    return speechModels(this.settings.config, this.settings.clients);
  }

  abstract start(): void;
  abstract callerAudio(samples: Int16Array, sampleRate: number): void;
  /** Someone else cut the outbound speech (a supervisor's break): keep what the caller heard. */
  abstract cleared(played: Played): void;
  abstract takeover(): void;
  /** The bot has the call again, with what was said meanwhile in its history; `line`: it says the hand-back line. */
  abstract handback(line?: boolean): void;
  /** Supervisor's words in the bot's voice (in either mode). */
  abstract say(text: string): void;
  /** A supervisor's instruction the caller does not hear: the model has it from its next turn on, never spoken. */
  abstract whisper(text: string): void;
  /** A supervisor's words, heard on their microphone, for the bot to know later. */
  protected abstract remember(supervisorText: string): void;
  /** The call moved here mid-conversation: what was said so far, oldest first, before any turn. */
  abstract resume(earlier: readonly { speaker: 'caller' | 'bot' | 'supervisor'; text: string }[]): void;

  status(): BotStatus {
    return { engine: this.engine, state: this.state, ...(this.lastError && { error: this.lastError }), ...(this.lastTurn && { lastTurn: this.lastTurn }) };
  }

  /**
   * A supervisor speaking into the call on their microphone: transcribed as theirs. Their audio
   * arrives only while they talk, so a burst ends when it has played out with nothing after it.
   */
  supervisorAudio(samples: Int16Array, sampleRate: number): void {
    if (this.supervisor && this.supervisor.rate !== sampleRate) void this.endSupervisorBurst();
    const burst = (this.supervisor ??= {
      listener: this.listen('supervisor', sampleRate, this.timelineMs(), { said: (text) => this.remember(text) }),
      rate: sampleRate,
      endsAt: this.now(),
    });
    burst.listener.push(samples);
    burst.endsAt = Math.max(burst.endsAt, this.now()) + (samples.length / sampleRate) * 1000;
    clearTimeout(burst.quiet);
    burst.quiet = setTimeout(() => void this.endSupervisorBurst(), burst.endsAt - this.now() + SUPERVISOR_PAUSE_MS).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.endSupervisorBurst();
  }

  private async endSupervisorBurst(): Promise<void> {
    const burst = this.supervisor;
    if (!burst) return;
    this.supervisor = undefined;
    clearTimeout(burst.quiet);
    await burst.listener.stop();
  }

  /** VAD, turn-taking and speech-to-text of one speaker. */
  protected listen(speaker: 'caller' | 'supervisor', sampleRate: number, offsetMs: number, hooks: Pick<ConstructorParameters<typeof SpeechListener>[0], 'started' | 'confirmed' | 'said'>): SpeechListener {
    const { config } = this.settings;
    return new SpeechListener({
      speaker,
      sampleRate,
      offsetMs,
      hangoverMs: config.turnSilenceMs,
      minSpeechMs: config.bargeInMs,
      // Read for each utterance: a model set during the call takes over from the next one.
      transcribe: (audio, rate) => transcribeWithin(this.models.stt, audio, rate, this.settings.config.modelTimeoutMs),
      utterance: (u) => this.host.utterance(u),
      now: this.now,
      failed: (_stage, error) => this.fail('speech-to-text', error),
      ...hooks,
    });
  }

  /** A model failed: the caller hears the recorded fallback, the call is flagged for a person. */
  protected fail(stage: string, error: Error): void {
    if (this.stopped) return;
    // The stream closed under the bot (the call ended, the demo stopped): nobody is left to hear a
    // fallback or to be asked for; the call's end stops the bot.
    if (isLineDown(error)) {
      this.host.logger.info('media stream closed: the bot stops', { stage });
      return;
    }
    const message = `${stage} failed: ${error.message}`;
    this.host.logger.warn('bot failed', { stage, error });
    this.problem(message);
    this.host.line.clear();
    const rate = lineRate(this.host.line.sampleRate);
    this.host.line.play(resample(this.settings.fallback, 8000, rate), rate);
    this.host.needsHuman(`the bot could not go on (${message})`, 'bot-failed');
    this.setMode('human', 'bot-failed');
  }

  /** Tools that act on the line; `heardAll` waits until the caller has heard what the bot said. */
  protected async lineAction(action: Exclude<BotAction, { name: 'transfer_to_human' }>, heardAll: () => Promise<unknown>): Promise<string> {
    switch (action.name) {
      case 'transfer':
        await heardAll();
        this.host.line.transfer(action.number);
        return `Transferred to ${action.number}.`;
      case 'send_dtmf':
        this.host.line.digits(action.digits);
        return `Pressed ${action.digits}.`;
      case 'end_call':
        await heardAll();
        this.host.line.hangUp();
        return 'Call ended.';
      case 'pause_recording':
      case 'resume_recording': {
        const paused = action.name === 'pause_recording';
        if (!this.host.pauseRecording) return 'This call has no recording of its own.';
        try {
          await this.host.pauseRecording(paused);
        } catch (error) {
          return (error as Error).message; // the model hears why (e.g. the stream is down) and goes on
        }
        return paused ? 'Recording paused: the caller can give their card number.' : 'Recording resumed.';
      }
    }
  }

  /** A problem the card shows (until the bot has the call again) and the timeline keeps. */
  protected problem(message: string): void {
    this.lastError = message;
    this.host.problem(message);
    this.host.changed();
  }

  /** A new turn of the bot's speech (`from`: when the caller stopped speaking, wall ms). */
  protected newTurn(from: number, speaker: TurnOptions['speaker'], interrupted?: TurnOptions['interrupted']): SpeechTurn {
    return new SpeechTurn(
      {
        line: this.host.line,
        now: this.now,
        utterance: (utterance) => this.host.utterance(utterance),
        ended: (metrics) => this.finishTurn(metrics),
        speaking: () => this.state !== 'speaking' && this.setState('speaking'),
      },
      { number: ++this.turns, speaker, from, ...(interrupted && { interrupted }) },
    );
  }

  protected setMode(mode: CallMode, cause: ModeCause, said?: string): void {
    if (this.mode === mode) return;
    this.mode = mode;
    if (mode === 'bot') this.lastError = undefined;
    this.host.modeChanged(mode, cause, said);
    this.rest();
  }

  /** Nothing to say: the bot listens (or stays silent while a person has the call). */
  protected rest(): void {
    this.setState(this.mode === 'bot' ? 'listening' : 'silent');
  }

  protected setState(state: BotStatus['state']): void {
    this.state = state;
    this.host.changed();
  }

  private finishTurn(metrics: TurnMetrics): void {
    this.lastTurn = metrics;
    this.host.turn(metrics);
  }

  /** Where the call's audio is now, in ms since it began. */
  protected timelineMs(): number {
    return this.host.line.elapsedMs;
  }
}

/** The line rates streamAudio can carry; speech goes at the highest one the line has. */
export function lineRate(rate: number): StreamSampleRate {
  return rate >= 24000 ? 24000 : rate >= 16000 ? 16000 : 8000;
}
