// The live waveform's data: the last minute of peaks of each call, caller and agent, kept outside
// React state (ten updates a second per call would churn it); the store only bumps a version.
import type { CallPeaks } from '../../../shared/api.ts';

/** One peak per 20 ms: a minute of them. */
export const PEAKS_KEPT = 3000;
export const PEAK_MS = 20;

export class PeakTrack {
  readonly caller = new Float32Array(PEAKS_KEPT);
  readonly agent = new Float32Array(PEAKS_KEPT);
  /** Peaks received so far (the newest is at index (count - 1) % PEAKS_KEPT). */
  count = 0;
  /** Timeline position of the end of the newest peak, in ms. */
  endMs = 0;

  push({ startMs, caller, agent }: Pick<CallPeaks, 'startMs' | 'caller' | 'agent'>): void {
    // A gap (a reconnection) is filled with silence, so the timeline stays true; peaks the track
    // already has (the recent peaks a call's feed may start with, overlapping what came before a
    // reconnection) are not drawn twice.
    const gap = Math.max(0, Math.round((startMs - this.endMs) / PEAK_MS));
    const known = this.count === 0 ? 0 : Math.max(0, Math.round((this.endMs - startMs) / PEAK_MS));
    for (let i = 0; i < Math.min(gap, PEAKS_KEPT); i++) this.put(0, 0);
    for (let i = known; i < caller.length; i++) this.put((caller[i] ?? 0) / 100, (agent[i] ?? 0) / 100);
    this.endMs = Math.max(this.endMs, startMs + caller.length * PEAK_MS);
  }

  /** The newest `n` peaks of each channel, oldest first (zeros before the call's audio began). */
  last(n: number): [Float32Array, Float32Array] {
    const take = Math.min(n, PEAKS_KEPT);
    const caller = new Float32Array(take);
    const agent = new Float32Array(take);
    const have = Math.min(this.count, take);
    for (let i = 0; i < have; i++) {
      const from = (this.count - have + i) % PEAKS_KEPT;
      caller[take - have + i] = this.caller[from]!;
      agent[take - have + i] = this.agent[from]!;
    }
    return [caller, agent];
  }

  private put(caller: number, agent: number): void {
    const at = this.count % PEAKS_KEPT;
    this.caller[at] = caller;
    this.agent[at] = agent;
    this.count++;
  }
}

const tracks = new Map<string, PeakTrack>();

export const peakTrack = (callId: string): PeakTrack | undefined => tracks.get(callId);

export function pushPeaks(peaks: CallPeaks): void {
  let track = tracks.get(peaks.callId);
  if (!track) tracks.set(peaks.callId, (track = new PeakTrack()));
  track.push(peaks);
}

export function dropPeaks(callId: string): void {
  tracks.delete(callId);
}
