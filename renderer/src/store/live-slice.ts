// What streams in per call: transcript lines (interim ones replaced by their final version) and a
// version number per call that moves when new waveform peaks arrived.
import type { StateCreator } from 'zustand';
import type { Utterance } from '../../../shared/call.ts';
import type { Store } from './index.ts';

/** Lines kept per live call (the call detail loads the full transcript from the store). */
export const TRANSCRIPT_KEPT = 200;

export interface LiveSlice {
  transcripts: Map<string, Utterance[]>;
  peaksVersion: Map<string, number>;
  addUtterance(callId: string, utterance: Utterance): void;
  /** Lines from a call's stored timeline (opening a call's detail). */
  seedTranscript(callId: string, utterances: Utterance[]): void;
  peaksArrived(callIds: string[]): void;
  forgetLive(callId: string): void;
}

export function mergeUtterance(lines: readonly Utterance[], utterance: Utterance): Utterance[] {
  const next = lines.filter((line) => line.id !== utterance.id);
  // An empty final line is an utterance that had no words (noise): it replaces its interim, no more.
  if (utterance.final && !utterance.text) return next;
  next.push(utterance);
  next.sort((a, b) => a.startMs - b.startMs);
  return next.length > TRANSCRIPT_KEPT ? next.slice(-TRANSCRIPT_KEPT) : next;
}

export const createLiveSlice: StateCreator<Store, [], [], LiveSlice> = (set) => ({
  transcripts: new Map(),
  peaksVersion: new Map(),
  addUtterance: (callId, utterance) =>
    set((state) => {
      const transcripts = new Map(state.transcripts);
      transcripts.set(callId, mergeUtterance(state.transcripts.get(callId) ?? [], utterance));
      return { transcripts };
    }),
  seedTranscript: (callId, utterances) =>
    set((state) => {
      let lines = state.transcripts.get(callId) ?? [];
      for (const utterance of utterances) lines = mergeUtterance(lines, utterance);
      const transcripts = new Map(state.transcripts);
      transcripts.set(callId, lines);
      return { transcripts };
    }),
  peaksArrived: (callIds) =>
    set((state) => {
      const peaksVersion = new Map(state.peaksVersion);
      for (const id of callIds) peaksVersion.set(id, (peaksVersion.get(id) ?? 0) + 1);
      return { peaksVersion };
    }),
  forgetLive: (callId) =>
    set((state) => {
      const transcripts = new Map(state.transcripts);
      const peaksVersion = new Map(state.peaksVersion);
      transcripts.delete(callId);
      peaksVersion.delete(callId);
      return { transcripts, peaksVersion };
    }),
});
