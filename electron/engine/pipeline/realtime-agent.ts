// The voice bot of one call, realtime engine: a speech-to-speech model over the Realtime API
// (through the SDK's WebSocket client). Caller audio goes as G.711 μ-law, the model's server VAD
// takes turns; the same semantics as the pipeline: barge-in stops the bot (break + truncate to what
// was heard), takeover silences it, and a failure gets the spoken fallback.
import { randomUUID } from 'node:crypto';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { CallMode, TurnMetrics } from '../../../shared/call.ts';
import { decodeG711, encodeUlaw, ULAW_TO_PCM } from '../audio/g711.ts';
import { Resampler, resample } from '../audio/resample.ts';
import type { Played } from '../calls/line.ts';
import { CLOSE } from '../net/ws-close-codes.ts';
import { AgentBase, HUMAN_REQUESTED, lineRate, type AgentHost, type AgentSettings } from './agent-base.ts';
import { BOT_TOOLS, parseAction, type BotAction } from './tools.ts';
import { greetingOf } from '../privacy/notice.ts';

/** Caller audio is sent in 100 ms appends (800 μ-law bytes at 8 kHz). */
const APPEND_BYTES = 800;

interface Response {
  id: string;
  itemId: string | undefined;
  utteranceId: string;
  speaker: 'bot' | 'supervisor';
  transcript: string;
  /** How much of its audio has been queued, in ms. */
  audioMs: number;
  metrics: TurnMetrics;
  from: number;
  startMs: number;
  actions: { callId: string; name: string; arguments: string }[];
  done: AbortController;
}

export class RealtimeAgent extends AgentBase {
  protected readonly engine = 'realtime' as const;
  private readonly rt: OpenAIRealtimeWS;
  private open = false;
  private unsent: RealtimeClientEvent[] = [];
  private audio: Uint8Array[] = [];
  private audioBytes = 0;
  private toEightKhz: Resampler | undefined;
  private response: Response | undefined;
  private speechEndedAt = 0;
  private nextSpeaker: 'bot' | 'supervisor' = 'bot';
  private turns = 0;
  private callerUtterance: string | undefined;

  constructor(host: AgentHost, settings: AgentSettings, mode: CallMode) {
    super(host, settings, mode);
    this.rt = new OpenAIRealtimeWS({ model: settings.config.realtimeModel }, settings.clients.realtime);
    this.rt.socket.on('open', () => {
      this.open = true;
      for (const event of this.unsent.splice(0)) this.rt.send(event);
    });
    this.rt.on('event', (event) => this.receive(event));
    this.rt.on('error', (error) => {
      if (error.error?.code === 'response_cancel_not_active') return; // a cancel raced the end of a response
      this.fail('the realtime model', error);
    });
    this.rt.socket.on('close', () => {
      if (!this.stopped) this.fail('the realtime connection', new Error('closed by the server'));
    });
  }

  start(): void {
    const { config } = this.settings;
    this.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: `${config.botPrompt}\nSpeak ${config.botLanguage}.`,
        output_modalities: ['audio'],
        audio: {
          input: {
            format: { type: 'audio/pcmu' },
            transcription: { model: config.sttModel, language: config.botLanguage },
            turn_detection: { type: 'server_vad', silence_duration_ms: config.turnSilenceMs, create_response: this.mode === 'bot', interrupt_response: true },
          },
          output: { format: { type: 'audio/pcmu' }, voice: config.ttsVoice },
        },
        tools: BOT_TOOLS.map(({ function: f }) => ({ type: 'function' as const, name: f.name, description: f.description, parameters: f.parameters })),
      },
    });
    const greeting = greetingOf(config);
    if (this.mode === 'bot' && greeting) this.send({ type: 'response.create', response: { instructions: `Greet the caller with exactly: "${greeting}"` } });
  }

  callerAudio(samples: Int16Array, sampleRate: number): void {
    if (sampleRate !== 8000) this.toEightKhz ??= new Resampler(sampleRate, 8000);
    const ulaw = encodeUlaw(this.toEightKhz ? this.toEightKhz.push(samples) : samples);
    this.audio.push(ulaw);
    this.audioBytes += ulaw.length;
    if (this.audioBytes < APPEND_BYTES) return;
    this.send({ type: 'input_audio_buffer.append', audio: Buffer.concat(this.audio).toString('base64') });
    this.audio = [];
    this.audioBytes = 0;
  }

  cleared(played: Played): void {
    this.interrupt(played);
  }

  takeover(): void {
    this.interrupt();
    this.turnDetection(false);
    this.setMode('human', 'a supervisor took the call');
  }

  handback(): void {
    this.turnDetection(true);
    this.setMode('bot', 'the supervisor handed the call back');
  }

  say(text: string): void {
    this.interrupt();
    this.nextSpeaker = 'supervisor';
    this.send({ type: 'response.create', response: { instructions: `Say exactly this to the caller, nothing else: "${text}"` } });
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.response?.done.abort();
    this.rt.close({ code: CLOSE.normal, reason: 'call over' });
  }

  protected remember(supervisorText: string): void {
    this.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: `A supervisor told the caller: "${supervisorText}"` }] },
    });
  }

  private receive(event: RealtimeServerEvent): void {
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        this.callerUtterance = randomUUID();
        this.host.utterance({ id: this.callerUtterance, speaker: 'caller', text: '', final: false, startMs: this.timelineMs() });
        if (this.mode === 'bot') this.interrupt();
        return;
      case 'input_audio_buffer.speech_stopped':
        this.speechEndedAt = this.now() - this.settings.config.turnSilenceMs;
        return;
      case 'conversation.item.input_audio_transcription.completed':
        this.host.utterance({ id: this.callerUtterance ?? event.item_id, speaker: 'caller', text: event.transcript.trim(), final: true, startMs: this.timelineMs() });
        if (this.response && !this.response.metrics.transcriptMs) this.response.metrics.transcriptMs = this.now() - this.response.from;
        return;
      case 'response.created':
        this.begin(event.response.id ?? randomUUID());
        return;
      case 'response.output_item.added':
        if (this.response && event.item.type === 'message') this.response.itemId = event.item.id;
        return;
      case 'response.output_audio.delta':
        this.play(event.delta);
        return;
      case 'response.output_audio_transcript.delta':
        if (!this.response) return;
        this.response.transcript += event.delta;
        this.response.metrics.llmFirstTokenMs ??= this.now() - this.response.from;
        this.host.utterance({ id: this.response.utteranceId, speaker: this.response.speaker, text: this.response.transcript, final: false, startMs: this.response.startMs });
        return;
      case 'response.function_call_arguments.done':
        this.response?.actions.push({ callId: event.call_id, name: event.name, arguments: event.arguments });
        return;
      case 'response.done':
        if (event.response.status === 'failed') {
          const reason = (event.response.status_details as { error?: { message?: string } } | undefined)?.error?.message ?? 'the response failed';
          this.fail('the realtime model', new Error(reason));
          return;
        }
        if (event.response.status === 'completed') void this.complete();
        return;
      default:
        return;
    }
  }

  private begin(id: string): void {
    this.turns++;
    const from = this.speechEndedAt || this.now();
    this.response = {
      id,
      itemId: undefined,
      utteranceId: randomUUID(),
      speaker: this.nextSpeaker,
      transcript: '',
      audioMs: 0,
      metrics: { turn: this.turns },
      from,
      startMs: this.timelineMs(),
      actions: [],
      done: new AbortController(),
    };
    this.nextSpeaker = 'bot';
    this.speechEndedAt = 0;
    this.setState('thinking');
  }

  private play(base64: string): void {
    const response = this.response;
    if (!response) return;
    const rate = lineRate(this.host.line.sampleRate);
    const pcm = decodeG711(Buffer.from(base64, 'base64'), ULAW_TO_PCM);
    response.metrics.ttsFirstByteMs ??= this.now() - response.from;
    response.audioMs += this.host.line.play(rate === 8000 ? pcm : resample(pcm, 8000, rate), rate);
    response.metrics.firstAudioMs ??= this.now() - response.from;
    if (this.state !== 'speaking') this.setState('speaking');
  }

  /** The response is complete: run its tool calls, then end the turn once its audio was heard. */
  private async complete(): Promise<void> {
    const response = this.response;
    if (!response) return;
    let followUp = false;
    for (const call of response.actions) {
      const action = parseAction(call.name, call.arguments);
      const output = 'error' in action ? action.error : await this.act(response, action);
      followUp ||= !('error' in action) && (action.name === 'transfer' || action.name === 'send_dtmf');
      this.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.callId, output } });
    }
    if (followUp) this.send({ type: 'response.create' });
    try {
      await this.host.line.waitForPlayout(response.done.signal);
    } catch {
      return; // interrupted: the truncated line was already written
    }
    if (this.response !== response) return;
    this.response = undefined;
    this.host.utterance({ id: response.utteranceId, speaker: response.speaker, text: response.transcript, final: true, startMs: response.startMs, endMs: this.timelineMs() });
    this.finishTurn(response.metrics);
    this.setState(this.mode === 'bot' ? 'listening' : 'silent');
  }

  private async act(response: Response, action: BotAction): Promise<string> {
    const heardAll = () => this.host.line.waitForPlayout(response.done.signal).catch(() => undefined);
    switch (action.name) {
      case 'transfer_to_human':
        this.host.needsHuman(action.reason);
        this.turnDetection(false);
        this.send({ type: 'response.create', response: { instructions: `Say exactly: "${this.settings.config.holdMessage}"`, tools: [] } });
        this.setMode('human', `the bot asked for a person: ${action.reason}`);
        return HUMAN_REQUESTED;
      default:
        return this.lineAction(action, heardAll);
    }
  }

  /**
   * The caller cut in (or a supervisor did: `cleared` is what their break left heard): clear the
   * line, tell the model what was heard, which is the response's audio but what the line had not
   * played yet.
   */
  private interrupt(cleared?: Played): void {
    const response = this.response;
    if (!response) return;
    this.response = undefined;
    response.done.abort();
    const played = cleared ?? this.host.line.clear();
    this.send({ type: 'response.cancel' });
    const heardMs = Math.max(0, response.audioMs - played.unheardMs);
    if (response.itemId) this.send({ type: 'conversation.item.truncate', item_id: response.itemId, content_index: 0, audio_end_ms: Math.round(heardMs) });
    if (response.transcript) {
      const words = response.transcript.split(/\s+/);
      const heard = words.slice(0, response.audioMs ? Math.floor((words.length * heardMs) / response.audioMs) : 0).join(' ');
      this.host.utterance({ id: response.utteranceId, speaker: response.speaker, text: heard, final: true, startMs: response.startMs, endMs: this.timelineMs(), truncated: heard !== response.transcript });
    }
    response.metrics.interrupted = true;
    this.finishTurn(response.metrics);
    this.setState(this.mode === 'bot' ? 'listening' : 'silent');
  }

  /** Whether the model answers by itself when the caller stops talking (off while a person has the call). */
  private turnDetection(respond: boolean): void {
    const { config } = this.settings;
    this.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: config.turnSilenceMs, create_response: respond, interrupt_response: true } } },
      },
    });
  }

  private send(event: RealtimeClientEvent): void {
    if (this.open) this.rt.send(event);
    else this.unsent.push(event);
  }
}
