// The voice bot of one call, pipeline engine: caller speech → (VAD, turn end) → speech-to-text →
// streamed LLM → sentence by sentence text-to-speech → paced audio on the line. It stops the moment
// the caller talks over it (break, abort, transcript cut to what was heard), stays silent while a
// supervisor has the call, and never leaves the caller in silence when a model fails.
import { randomUUID } from 'node:crypto';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CallMode, TurnMetrics } from '../../../shared/call.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { Resampler } from '../audio/resample.ts';
import type { Played } from '../calls/line.ts';
import { AgentBase, HUMAN_REQUESTED, lineRate, type AgentHost, type AgentSettings } from './agent-base.ts';
import { Channel } from './channel.ts';
import type { SpeechListener } from './listener.ts';
import { sentences } from './sentences.ts';
import { SpokenLine } from './spoken.ts';
import { chat, synthesize, TTS_RATE } from './stages.ts';
import { BOT_TOOLS, parseAction, type BotAction } from './tools.ts';
import { redactHistory } from '../privacy/history.ts';
import { greetingOf } from '../privacy/notice.ts';
import { redactionOptions } from '../privacy/policy.ts';

export type { AgentHost, AgentSettings };

interface Turn {
  number: number;
  abort: AbortController;
  spoken: SpokenLine;
  utteranceId: string;
  metrics: TurnMetrics;
  /** Wall time the caller stopped speaking (what the metrics count from). */
  from: number;
  startMs: number;
}

class Interrupted extends Error {}

/** A failure, with the stage that failed (for the card and the log). */
class StageError extends Error {
  readonly stage: string;
  constructor(stage: string, cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
    this.stage = stage;
  }
}

/** The conversation kept for the LLM: the prompt and the latest exchanges. */
const HISTORY_LIMIT = 40;

export class PipelineAgent extends AgentBase {
  protected readonly engine = 'pipeline' as const;
  private readonly history: ChatCompletionMessageParam[];
  private caller: SpeechListener | undefined;
  private turn: Turn | undefined;
  private turns = 0;
  /** The caller's current speech began while the bot talked: if short, it is a backchannel. */
  private talkedOver = false;

  constructor(host: AgentHost, settings: AgentSettings, mode: CallMode) {
    super(host, settings, mode);
    const { config } = settings;
    this.history = [{ role: 'system', content: `${config.botPrompt}\nSpeak ${config.botLanguage}.` }];
  }

  /** The stream is up: the bot greets the caller (in bot mode). */
  start(): void {
    const greeting = greetingOf(this.settings.config);
    if (this.mode === 'bot' && greeting) void this.runTurn(this.now(), async (turn) => this.speak(turn, single(greeting)));
  }

  /** Caller audio at the line's rate (the listener is made on the first audio, at its rate). */
  callerAudio(samples: Int16Array, sampleRate: number): void {
    this.caller ??= this.listen('caller', sampleRate, 0, {
      started: () => (this.talkedOver = this.turn !== undefined),
      confirmed: () => this.mode === 'bot' && this.interrupt('barge-in'),
      said: (text, segment, endedAt) => this.callerSaid(text, segment.confirmed, endedAt),
    });
    this.caller.push(samples);
  }

  cleared(played: Played): void {
    this.interrupt('break', played);
  }

  takeover(): void {
    this.interrupt('takeover');
    this.setMode('human', 'a supervisor took the call');
  }

  handback(): void {
    this.setMode('bot', 'the supervisor handed the call back');
  }

  say(text: string): void {
    this.interrupt('say');
    this.push({ role: 'system', content: `A supervisor said to the caller, in your voice: "${text}"` });
    void this.runTurn(this.now(), async (turn) => this.speak(turn, single(text)), 'supervisor');
  }

  override async stop(): Promise<void> {
    this.turn?.abort.abort(new Interrupted('call over'));
    await Promise.all([super.stop(), this.caller?.stop()]);
  }

  protected remember(supervisorText: string): void {
    this.push({ role: 'system', content: `A supervisor told the caller: "${supervisorText}"` });
  }

  private callerSaid(text: string, confirmed: boolean, endedAt: number): void {
    const backchannel = !confirmed && this.talkedOver;
    this.talkedOver = false;
    if (this.mode !== 'bot' || this.stopped) {
      this.push({ role: 'user', content: text });
      return;
    }
    if (backchannel) return;
    void this.runTurn(endedAt - this.settings.config.turnSilenceMs, (turn) => this.reply(turn, text));
  }

  /** One bot turn: `work` speaks; interruptions end it quietly, failures get the fallback. */
  private async runTurn(from: number, work: (turn: Turn) => Promise<void>, speaker: 'bot' | 'supervisor' = 'bot'): Promise<void> {
    this.interrupt('new turn');
    const turn: Turn = {
      number: ++this.turns,
      abort: new AbortController(),
      spoken: new SpokenLine(),
      utteranceId: randomUUID(),
      metrics: { turn: this.turns },
      from,
      startMs: this.timelineMs(),
    };
    this.turn = turn;
    this.setState('thinking');
    try {
      await work(turn);
      await this.host.line.waitForPlayout(turn.abort.signal);
      this.host.utterance({ id: turn.utteranceId, speaker, text: turn.spoken.text, final: true, startMs: turn.startMs, endMs: this.timelineMs() });
      this.end(turn);
    } catch (error) {
      if (turn.abort.signal.aborted && turn.abort.signal.reason instanceof Interrupted) return;
      turn.abort.abort(new Interrupted('failed')); // stops whatever stage is still running
      this.end(turn);
      this.fail(error instanceof StageError ? error.stage : 'the bot', error as Error);
    }
  }

  private end(turn: Turn): void {
    if (this.turn !== turn) return;
    this.turn = undefined;
    this.finishTurn(turn.metrics);
    this.setState(this.mode === 'bot' ? 'listening' : 'silent');
  }

  /** LLM reply to the caller, spoken as it streams; tool calls run once it is complete. */
  private async reply(turn: Turn, text: string): Promise<void> {
    const { config, clients } = this.settings;
    turn.metrics.transcriptMs = this.now() - turn.from;
    // Earlier turns lose their card numbers; this one keeps what the caller said, for a tool that needs it.
    redactHistory(this.history, redactionOptions(config));
    this.push({ role: 'user', content: text });
    const words = new Channel<string>();
    const actions: { id: string; name: string; arguments: string }[] = [];
    const watchdog = stallGuard(config.modelTimeoutMs, turn.abort.signal);
    const llm = (async () => {
      try {
        for await (const delta of chat(clients.llm, config.llmModel, this.history, BOT_TOOLS, watchdog.signal)) {
          watchdog.progress();
          turn.metrics.llmFirstTokenMs ??= this.now() - turn.from;
          if (delta.kind === 'text') words.push(delta.text);
          else actions.push(delta);
        }
      } catch (error) {
        throw new StageError('the language model', stalled(watchdog.signal) ?? error);
      } finally {
        words.close();
      }
    })();
    try {
      await Promise.all([llm, this.speak(turn, words, watchdog)]);
    } finally {
      watchdog.done();
    }
    const said = turn.spoken.text;
    if (actions.length === 0) {
      this.push({ role: 'assistant', content: said });
      return;
    }
    this.push({
      role: 'assistant',
      content: said || null,
      tool_calls: actions.map((a) => ({ id: a.id, type: 'function' as const, function: { name: a.name, arguments: a.arguments } })),
    });
    for (const call of actions) {
      const action = parseAction(call.name, call.arguments);
      const result = 'error' in action ? action.error : await this.act(turn, action);
      this.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
  }

  private async act(turn: Turn, action: BotAction): Promise<string> {
    switch (action.name) {
      case 'transfer_to_human':
        // Human mode first: the caller talking over the hold message must not restart the bot.
        this.host.needsHuman(action.reason);
        this.setMode('human', `the bot asked for a person: ${action.reason}`);
        await this.speak(turn, single(this.settings.config.holdMessage));
        return HUMAN_REQUESTED;
      default:
        return this.lineAction(action, () => this.host.line.waitForPlayout(turn.abort.signal));
    }
  }

  /** Speaks text sentence by sentence: each sentence's speech starts as soon as it is complete. */
  private async speak(turn: Turn, text: AsyncIterable<string>, guard?: ReturnType<typeof stallGuard>): Promise<void> {
    const { config, clients } = this.settings;
    const watchdog = guard ?? stallGuard(config.modelTimeoutMs, turn.abort.signal);
    const rate = lineRate(this.host.line.sampleRate);
    try {
      for await (const sentence of sentences(text)) {
        watchdog.signal.throwIfAborted();
        turn.spoken.begin(sentence);
        this.host.utterance({ id: turn.utteranceId, speaker: 'bot', text: turn.spoken.text, final: false, startMs: turn.startMs });
        const resampler = new Resampler(TTS_RATE, rate);
        try {
          for await (const pcm of synthesize(clients.tts, config.ttsModel, config.ttsVoice, sentence, watchdog.signal)) {
            watchdog.progress();
            turn.metrics.ttsFirstByteMs ??= this.now() - turn.from;
            this.play(turn, resampler.push(pcm), rate);
          }
        } catch (error) {
          throw new StageError('text-to-speech', stalled(watchdog.signal) ?? error);
        }
        this.play(turn, resampler.flush(), rate);
      }
    } finally {
      if (!guard) watchdog.done();
    }
  }

  private play(turn: Turn, samples: Int16Array, rate: StreamSampleRate): void {
    if (samples.length === 0 || turn.abort.signal.aborted) return;
    turn.spoken.extend(this.host.line.play(samples, rate));
    turn.metrics.firstAudioMs ??= this.now() - turn.from;
    if (this.state !== 'speaking') this.setState('speaking');
  }

  /**
   * Stops the current turn: aborts its models, clears the line (unless `cleared` says someone else
   * did), keeps what was heard: the turn's audio but what the line had not played yet.
   */
  private interrupt(reason: string, cleared?: Played): void {
    const turn = this.turn;
    if (!turn) return;
    this.turn = undefined;
    turn.abort.abort(new Interrupted(reason));
    const played = cleared ?? this.host.line.clear();
    const heard = turn.spoken.heard(turn.spoken.queuedMs - played.unheardMs);
    if (turn.spoken.text) {
      this.host.utterance({ id: turn.utteranceId, speaker: 'bot', text: heard, final: true, startMs: turn.startMs, endMs: this.timelineMs(), truncated: heard !== turn.spoken.text });
      this.push({ role: 'assistant', content: heard ? `${heard}… (interrupted)` : '(interrupted before speaking)' });
    }
    turn.metrics.interrupted = true;
    this.finishTurn(turn.metrics);
    this.setState(this.mode === 'bot' ? 'listening' : 'silent');
  }

  private push(message: ChatCompletionMessageParam): void {
    this.history.push(message);
    // Drop the oldest exchanges, never the prompt, never a tool result without its call.
    while (this.history.length > HISTORY_LIMIT && this.history[1]) {
      this.history.splice(1, 1);
      while (this.history[1]?.role === 'tool') this.history.splice(1, 1);
    }
  }
}

/** The stall (timeout) behind an aborted request, rather than the SDK's "Request was aborted". */
function stalled(signal: AbortSignal): Error | undefined {
  return signal.aborted && !(signal.reason instanceof Interrupted) ? (signal.reason as Error) : undefined;
}

async function* single(text: string): AsyncGenerator<string> {
  yield text;
}

/** Aborts when a model goes `ms` without progress (or when `parent` aborts). */
function stallGuard(ms: number, parent: AbortSignal) {
  const controller = new AbortController();
  const onParent = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onParent, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no answer within ${ms} ms`)), ms).unref();
  };
  arm();
  return {
    signal: controller.signal,
    progress: arm,
    done: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}
