// Outbound speech, sent as real-time-paced chunks: a `break` silences it at once (nothing is queued
// far ahead at the media server), and at any moment we know how much the caller has actually heard.
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { encodePcm16 } from '../audio/pcm.ts';
import type { LineCommand } from '../streamer/port.ts';
import type { Played } from './line.ts';

export const CHUNK_MS = 40;
/** Sent this far ahead of real time, so the media server never runs dry between ticks. */
export const LEAD_MS = 60;

interface Waiter {
  resolve: (played: Played) => void;
  /** Forgets the waiter's abort listener. */
  done: () => void;
}

export class OutboundPlayer {
  private readonly send: (command: LineCommand) => boolean;
  private readonly onSent: (samples: Int16Array, sampleRate: StreamSampleRate) => void;
  private queue: { samples: Int16Array; sampleRate: StreamSampleRate }[] = [];
  private waiters: Waiter[] = [];
  private startedAt = 0;
  private sentMs = 0;
  /** Queued and not yet sent, in ms. */
  private queuedMs = 0;
  private nextDueAt = 0;

  /** `send`: writes one `streamAudio` chunk (false: the stream is gone); `onSent`: each chunk sent (to record it). */
  constructor(send: (command: LineCommand) => boolean, onSent: (samples: Int16Array, sampleRate: StreamSampleRate) => void) {
    this.send = send;
    this.onSent = onSent;
  }

  /** Chunks are waiting to be sent. */
  get playing(): boolean {
    return this.queue.length > 0;
  }

  /** The pacing clock has work here: chunks to send, or someone waiting for the playout. */
  get busy(): boolean {
    return this.queue.length > 0 || this.waiters.length > 0;
  }

  /** Queues PCM16 mono audio; returns its duration in ms. Times are ms on one clock (`now`). */
  enqueue(samples: Int16Array, sampleRate: StreamSampleRate, now: number): number {
    if (this.queue.length === 0 && now >= this.nextDueAt) {
      this.startedAt = now;
      this.nextDueAt = now;
      this.sentMs = 0;
    }
    const chunk = (sampleRate * CHUNK_MS) / 1000;
    for (let i = 0; i < samples.length; i += chunk) this.queue.push({ samples: samples.subarray(i, i + chunk), sampleRate });
    const ms = (samples.length / sampleRate) * 1000;
    this.queuedMs += ms;
    return ms;
  }

  /** Sends every chunk due by `now` (plus the lead), and settles waiters once all was heard. Called by the engine's shared pacing clock. */
  tick(now: number): void {
    while (this.queue.length > 0 && this.nextDueAt <= now + LEAD_MS) {
      const { samples, sampleRate } = this.queue.shift()!;
      const ms = (samples.length / sampleRate) * 1000;
      this.queuedMs -= ms;
      if (!this.send({ type: 'streamAudio', audioDataType: 'raw', sampleRate, audio: encodePcm16(samples).toString('base64') })) {
        this.stop(now);
        return;
      }
      this.onSent(samples, sampleRate);
      this.sentMs += ms;
      this.nextDueAt += ms;
    }
    if (this.waiters.length > 0 && this.queue.length === 0 && now >= this.nextDueAt) this.settle(this.position(now));
  }

  /** What the caller has heard of this run by `now`, and what is still to come. */
  position(now: number): Played {
    const heardMs = Math.max(0, Math.min(this.sentMs, now - this.startedAt));
    return { sentMs: this.sentMs, heardMs, unheardMs: this.sentMs - heardMs + this.queuedMs, interrupted: false };
  }

  /** Resolves once everything queued by now has been heard, or when `stop` cuts it; see `CallLine.waitForPlayout`. */
  waitForPlayout(now: number, signal?: AbortSignal): Promise<Played> {
    if (this.queue.length === 0 && now >= this.nextDueAt) return Promise.resolve(this.position(now));
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(signal!.reason);
      };
      const waiter: Waiter = { resolve, done: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /**
   * Drops everything not yet sent; returns what the caller heard of this run of playback
   * (`interrupted: true`). What was sent and not yet heard counts as cut off too (a `break` drops it).
   */
  stop(now: number): Played {
    const played = { ...this.position(now), interrupted: true };
    this.queue = [];
    this.queuedMs = 0;
    this.sentMs = played.heardMs;
    this.nextDueAt = now;
    this.settle(played);
    return played;
  }

  private settle(played: Played): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter.done();
      waiter.resolve(played);
    }
  }
}
