// The voice bot of one call, pipeline engine: caller speech → (VAD, turn end) → speech-to-text →
// streamed LLM → sentence by sentence text-to-speech → paced audio on the line. It stops the moment
// the caller talks over it (its SpeechTurn is cut: break, abort, transcript cut to what was heard),
// stays silent while a supervisor has the call, and never leaves the caller in silence when a model
// fails. The stages themselves (sentences, resampling, stalls, timing) live in stt/, llm/, tts/.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CallMode } from '../../../shared/call.ts';
import type { Played } from '../calls/line.ts';
import { AgentBase, lineRate, type AgentHost, type AgentSettings } from './agent-base.ts';
import type { SpeechListener } from './listener.ts';
import { reply } from './llm/llm.ts';
import type { Heard, SpeechTurn } from './speech-turn.ts';
import { Interrupted, StageError } from './stage-error.ts';
import { BOT_TOOLS, parseAction, type BotAction } from './tools.ts';
import { redactHistory } from '../privacy/history.ts';
import { greetingOf } from '../privacy/notice.ts';
import { redactionOptions } from '../privacy/policy.ts';
import { single, speak } from './tts/tts.ts';

export type { AgentHost, AgentSettings };

/** The conversation kept for the LLM: the prompt and the latest exchanges. */
const HISTORY_LIMIT = 40;

export class PipelineAgent extends AgentBase {
  protected readonly engine = 'pipeline' as const;
  private readonly history: ChatCompletionMessageParam[];
  private caller: SpeechListener | undefined;
  private turn: SpeechTurn | undefined;
  /** The caller's current speech began while the bot talked: if short, it is a backchannel. */
  private talkedOver = false;

  constructor(host: AgentHost, settings: AgentSettings, mode: CallMode) {
    super(host, settings, mode);
    this.history = [{ role: 'system', content: this.lines.systemPrompt }];
  }

  resume(earlier: readonly { speaker: 'caller' | 'bot' | 'supervisor'; text: string }[]): void {
    for (const { speaker, text } of earlier) {
      if (speaker === 'caller') this.push({ role: 'user', content: text });
      else if (speaker === 'bot') this.push({ role: 'assistant', content: text });
      else this.push({ role: 'system', content: this.lines.supervisorTold(text) });
    }
  }

  /** The stream is up: the bot greets the caller (in bot mode). */
  start(): void {
    const greeting = greetingOf(this.lines.greeting, this.settings.config);
    if (this.mode === 'bot' && greeting) void this.runTurn(this.now(), async (turn) => this.voice(turn, single(greeting)));
  }

  /** Caller audio at the line's rate (the listener is made on the first audio, at its rate). */
  callerAudio(samples: Int16Array, sampleRate: number): void {
    this.caller ??= this.listen('caller', sampleRate, 0, {
      started: () => (this.talkedOver = this.turn !== undefined),
      confirmed: () => this.mode === 'bot' && void this.interrupt('barge-in'),
      said: (text, segment, endedAt) => this.callerSaid(text, segment.confirmed, endedAt),
    });
    this.caller.push(samples);
  }

  cleared(played: Played): void {
    void this.interrupt('break', played);
  }

  takeover(): void {
    void this.interrupt('takeover');
    this.setMode('human', 'taken-over');
  }

  handback(line = false): void {
    if (this.mode === 'bot') return;
    // What the caller and the supervisor said meanwhile is in the history already (callerSaid, remember).
    this.push({ role: 'system', content: this.lines.handedBack });
    this.setMode('bot', 'handed-back');
    if (!line) return;
    const words = this.lines.handBackLine;
    void this.runTurn(this.now(), async (turn) => {
      await this.voice(turn, single(words));
      this.push({ role: 'assistant', content: words });
    });
  }

  whisper(text: string): void {
    this.push({ role: 'system', content: this.lines.whisper(text) });
  }

  say(text: string): void {
    const previous = this.interrupt('say');
    this.push({ role: 'system', content: this.lines.supervisorSaidInBotVoice(text) });
    void this.runTurn(this.now(), async (turn) => this.voice(turn, single(text)), 'supervisor', previous);
  }

  override async stop(): Promise<void> {
    const turn = this.turn;
    this.turn = undefined;
    turn?.fail(); // the call is over: nothing to clear, nothing more to store
    await Promise.all([super.stop(), this.caller?.stop()]);
  }

  protected remember(supervisorText: string): void {
    this.push({ role: 'system', content: this.lines.supervisorTold(supervisorText) });
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

  /**
   * One bot turn: `work` speaks; interruptions end it quietly, failures get the fallback. The turn
   * before it is cut at once, and its work has stopped (within the turn's bound) before this one
   * talks to a model.
   */
  private async runTurn(from: number, work: (turn: SpeechTurn) => Promise<void>, speaker: 'bot' | 'supervisor' = 'bot', previous = this.interrupt('new turn')): Promise<void> {
    const turn = this.newTurn(from, speaker, (heard) => this.cut(heard));
    this.turn = turn;
    this.setState('thinking');
    try {
      await previous;
      await turn.run(work(turn));
      if ((await turn.finish()) && this.turn === turn) {
        this.turn = undefined;
        this.rest();
      }
    } catch (error) {
      if (turn.signal.reason instanceof Interrupted && turn.ended) return;
      turn.fail(); // stops whatever stage is still running
      if (this.turn === turn) this.turn = undefined;
      this.rest();
      this.fail(error instanceof StageError ? error.stage : 'the bot', error as Error);
    }
  }

  /** LLM reply to the caller, spoken as it streams; tool calls run once it is complete. */
  private async reply(turn: SpeechTurn, text: string): Promise<void> {
    const { config } = this.settings;
    turn.mark('transcriptMs');
    // Earlier turns lose their card numbers; this one keeps what the caller said, for a tool that needs it.
    redactHistory(this.history, redactionOptions(config));
    this.push({ role: 'user', content: text });
    const answer = reply(this.models.llm, this.history, BOT_TOOLS, turn.signal, { timeoutMs: config.modelTimeoutMs, firstToken: () => turn.mark('llmFirstTokenMs') });
    const [actions] = await Promise.all([answer.done, this.voice(turn, answer.text)]);
    const said = turn.text;
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
      if (!('error' in action)) this.host.acted(action);
      const result = 'error' in action ? action.error : await this.act(turn, action);
      this.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
  }

  private async act(turn: SpeechTurn, action: BotAction): Promise<string> {
    switch (action.name) {
      case 'transfer_to_human':
        // Human mode first: the caller talking over the hold message must not restart the bot.
        this.host.needsHuman(action.reason, 'bot-asked');
        this.setMode('human', 'bot-asked', action.reason);
        await this.voice(turn, single(this.lines.holdMessage));
        return this.lines.humanRequested;
      default:
        return this.lineAction(action, () => this.host.line.waitForPlayout(turn.signal));
    }
  }

  /** Speaks streamed text on the line, through the text-to-speech stage. */
  private async voice(turn: SpeechTurn, text: AsyncIterable<string>): Promise<void> {
    const rate = lineRate(this.host.line.sampleRate);
    const options = { outputRate: rate, timeoutMs: this.settings.config.modelTimeoutMs, firstByte: () => turn.mark('ttsFirstByteMs') };
    for await (const piece of speak(this.models.tts, text, turn.signal, options)) {
      if (piece.kind === 'sentence') turn.sentence(piece.text);
      else turn.play(piece.samples, rate);
    }
  }

  /**
   * Stops the current turn at once (its line cleared, unless `cleared` says someone else did, and
   * cut to what was heard); resolves once its work has stopped.
   */
  private async interrupt(reason: string, cleared?: Played): Promise<void> {
    const turn = this.turn;
    if (!turn) return;
    this.turn = undefined;
    const stopped = turn.interrupt(reason, cleared);
    this.rest();
    await stopped;
  }

  /** A cut turn: the model remembers what the caller heard of it. */
  private cut(heard: Heard): void {
    // Nothing heard and nothing cut: the turn had not begun to speak.
    if (heard.text || heard.truncated) this.push({ role: 'assistant', content: heard.text ? `${heard.text}… (interrupted)` : '(interrupted before speaking)' });
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
