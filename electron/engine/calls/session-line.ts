// A streamed call's line (the `CallLine` port): outbound speech paced on the engine's clock, the
// one way speech is cut (for the bot and for a supervisor alike), and the line's actions.
import type { CommandOrigin, StreamSampleRate } from '../../../shared/commands.ts';
import { CLOSE, type LineCommand, type MediaLink } from '../streamer/port.ts';
import { LineDownError, type CallLine, type LineListener, type Played } from './line.ts';
import { OutboundPlayer } from './outbound.ts';

/** What the line needs of its call's session. */
export interface LineOwner {
  readonly callId: string;
  /** The stream carrying the call now; undefined while it is down. */
  readonly link: MediaLink | undefined;
  readonly sampleRate: number;
  readonly elapsedMs: number;
  /** Outbound audio as it is sent, for the recording. */
  recordAgent(samples: Int16Array, sampleRate: StreamSampleRate): void;
}

/**
 * Writes `command` on the call's stream and records it on the call's timeline with `origin`;
 * false (nothing recorded) when the stream is down or stopped reading.
 */
export type WireCommand = (command: LineCommand, origin: CommandOrigin) => boolean;

export class SessionLine implements CallLine {
  /** The bot on this call, while there is one. */
  listener: LineListener | undefined;
  private readonly owner: LineOwner;
  private readonly wire: WireCommand;
  private readonly now: () => number;
  private readonly outbound: OutboundPlayer;

  /** `now`: ms on the clock that paces the speech (the session manager's). */
  constructor(owner: LineOwner, wire: WireCommand, now: () => number) {
    this.owner = owner;
    this.wire = wire;
    this.now = now;
    this.outbound = new OutboundPlayer(
      (command) => owner.link?.send(command) ?? false,
      (samples, rate) => owner.recordAgent(samples, rate),
    );
  }

  get sampleRate(): number {
    return this.owner.sampleRate;
  }

  get elapsedMs(): number {
    return this.owner.elapsedMs;
  }

  /** Speech is queued, or someone waits for it to be heard: the pacing clock should tick this line. */
  get busy(): boolean {
    return this.outbound.busy;
  }

  play(samples: Int16Array, sampleRate: StreamSampleRate): number {
    const now = this.now();
    const ms = this.outbound.enqueue(samples, sampleRate, now);
    this.outbound.tick(now); // the first chunks go now, not on the next pacing tick
    return ms;
  }

  /** Speech from the console (`streamAudio`): a supervisor's microphone is also heard by the bot. Returns its length in ms. */
  speak(samples: Int16Array, sampleRate: StreamSampleRate, origin: CommandOrigin): number {
    if (origin === 'supervisor') this.listener?.supervisorAudio(samples, sampleRate);
    return this.play(samples, sampleRate);
  }

  clear(by: CommandOrigin = 'bot'): Played {
    return this.quiet(by, false).played;
  }

  /**
   * The one way speech is cut: the queue is dropped, a `break` goes on the wire (always for a
   * supervisor, whose break may also stop a `play`ed file the line cannot see; for the bot, when
   * speech was still unheard) and on the timeline, and a bot that did not ask is told, with what
   * was heard. `sent`: whether the break went out.
   */
  cut(origin: CommandOrigin): { played: Played; sent: boolean } {
    return this.quiet(origin, origin !== 'bot');
  }

  /** `asked`: a cut the bot did not ask for (a supervisor's break): always sent, and the bot is told. */
  private quiet(origin: CommandOrigin, asked: boolean): { played: Played; sent: boolean } {
    const played = this.outbound.stop(this.now());
    const sent = (asked || played.unheardMs > 0) && this.wire({ type: 'break' }, origin);
    if (asked) this.listener?.cleared(played);
    return { played, sent };
  }

  async waitForPlayout(signal?: AbortSignal): Promise<Played> {
    const played = await this.outbound.waitForPlayout(this.now(), signal);
    signal?.throwIfAborted(); // a clear that aborts the waiter's turn settles first: the turn is over
    return played;
  }

  transfer(to: string): void {
    this.command({ type: 'transfer', to });
  }

  digits(digits: string): void {
    this.command({ type: 'digits', digits });
  }

  hangUp(): void {
    this.owner.link?.close(CLOSE.normal, 'call ended by the bot');
  }

  /** Sends the speech due by `now` (the shared pacing clock). */
  tick(now: number): void {
    this.outbound.tick(now);
  }

  /** The stream is gone: speech stops (there is nobody to send a break to) and waiters are told. */
  stop(): void {
    this.outbound.stop(this.now());
  }

  private command(command: LineCommand): void {
    if (!this.wire(command, 'bot')) throw lineDown(this.owner.callId, this.owner.link !== undefined);
  }
}

/** Why a command could not go out (409): the call has no stream, or it closed (or stopped reading) before the send. */
export function lineDown(callId: string, connected: boolean): LineDownError {
  return new LineDownError(connected ? `call ${callId}'s media stream closed before the command could be sent` : `call ${callId} has no live stream: commands need its media server connected`);
}
