// Outbound speech, sent as real-time-paced chunks: a `break` silences it at once (nothing is queued
// far ahead at the media server), and at any moment we know how much the caller has actually heard.
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { streamAudioMessage } from './wire.ts';

export const CHUNK_MS = 40;
/** Sent this far ahead of real time, so the media server never runs dry between ticks. */
export const LEAD_MS = 60;

export interface Played {
  /** Audio sent so far in this run of playback, in ms. */
  sentMs: number;
  /** Audio the caller has heard so far (sent and due by now), in ms. */
  heardMs: number;
}

export class OutboundPlayer {
  private readonly send: (message: string) => boolean;
  private readonly onSent: (samples: Int16Array, sampleRate: StreamSampleRate) => void;
  private queue: { samples: Int16Array; sampleRate: StreamSampleRate }[] = [];
  private startedAt = 0;
  private sentMs = 0;
  private nextDueAt = 0;

  constructor(send: (message: string) => boolean, onSent: (samples: Int16Array, sampleRate: StreamSampleRate) => void) {
    this.send = send;
    this.onSent = onSent;
  }

  get playing(): boolean {
    return this.queue.length > 0;
  }

  /** Queues PCM16 mono audio; returns its duration in ms. */
  enqueue(samples: Int16Array, sampleRate: StreamSampleRate, now: number): number {
    if (this.queue.length === 0 && now >= this.nextDueAt) {
      this.startedAt = now;
      this.nextDueAt = now;
      this.sentMs = 0;
    }
    const chunk = (sampleRate * CHUNK_MS) / 1000;
    for (let i = 0; i < samples.length; i += chunk) this.queue.push({ samples: samples.subarray(i, i + chunk), sampleRate });
    return (samples.length / sampleRate) * 1000;
  }

  /** Sends every chunk due by `now` (plus the lead). Called by the engine's shared pacing clock. */
  tick(now: number): void {
    while (this.queue.length > 0 && this.nextDueAt <= now + LEAD_MS) {
      const { samples, sampleRate } = this.queue.shift()!;
      const base64 = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
      if (!this.send(streamAudioMessage('raw', sampleRate, base64))) {
        this.queue = [];
        return;
      }
      this.onSent(samples, sampleRate);
      const ms = (samples.length / sampleRate) * 1000;
      this.sentMs += ms;
      this.nextDueAt += ms;
    }
  }

  position(now: number): Played {
    return { sentMs: this.sentMs, heardMs: Math.max(0, Math.min(this.sentMs, now - this.startedAt)) };
  }

  /** Drops everything not yet sent; returns what the caller heard of this run of playback. */
  stop(now: number): Played {
    const played = this.position(now);
    this.queue = [];
    this.nextDueAt = now;
    return played;
  }
}
