// Listen-in: a live call's audio, played in the browser with Web Audio a little behind real time
// (about 120 ms, so network jitter does not make it stutter). Caller and agent are mixed, as a
// supervisor hears a call on a headset.
import type { ListenAudio } from '../../../../shared/api.ts';
import type { Bridge } from '../../bridge/index.ts';

/** How far ahead of "now" audio is scheduled. */
export const TARGET_DELAY_S = 0.12;
/** Scheduled further ahead than this, the player has drifted: it catches up (drops the excess). */
const MAX_DELAY_S = 0.35;

export class ListenPlayer {
  private context: AudioContext | undefined;
  private stopListening: (() => void) | undefined;
  private nextAt = 0;

  start(api: Bridge, callId: string, ended: (reason: string) => void): void {
    this.stop();
    const context = new AudioContext({ latencyHint: 'interactive' });
    this.context = context;
    void context.resume();
    this.stopListening = api.listen(callId, {
      audio: (chunk) => this.play(chunk),
      ended: (reason) => {
        this.stop();
        ended(reason);
      },
    });
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    void this.context?.close();
    this.context = undefined;
  }

  private play({ sampleRate, samples }: ListenAudio): void {
    const context = this.context;
    if (!context || samples.length < 2) return;
    const frames = samples.length / 2;
    const buffer = context.createBuffer(1, frames, sampleRate);
    const mono = buffer.getChannelData(0);
    for (let i = 0; i < frames; i++) mono[i] = Math.max(-1, Math.min(1, (samples[2 * i]! + samples[2 * i + 1]!) / 32768));
    const now = context.currentTime;
    if (this.nextAt < now + 0.01 || this.nextAt > now + MAX_DELAY_S) this.nextAt = now + TARGET_DELAY_S;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    source.start(this.nextAt);
    this.nextAt += frames / sampleRate;
  }
}
