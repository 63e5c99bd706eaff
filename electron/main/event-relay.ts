// Live updates from the engine to the window. Until the page says it is ready (it has subscribed),
// updates wait in a bounded queue: the newest state of each call, the log entries, no stale peaks;
// once ready, the page also gets the streamed calls' recent peaks, so its waveforms start full.
import type { ConsoleApi, LiveMessage } from '../../shared/api.ts';

export interface EventRelay {
  push(message: LiveMessage): void;
  /** The page subscribed: send what waited, then everything as it comes. */
  ready(): void;
  /** The page is going away (reload, navigation, crash): queue again. */
  notReady(): void;
  readonly queued: number;
}

/** Beyond this many waiting entries the oldest are dropped (the page resyncs on subscribe anyway). */
export const MAX_QUEUED = 2000;

/**
 * `send` writes to the window; `recentPeaks` gives the streamed calls' recent waveform peaks
 * (the engine feed's opening), sent after what waited when the page becomes ready.
 */
export function createEventRelay(send: (message: LiveMessage) => void, recentPeaks: () => LiveMessage | undefined = () => undefined): EventRelay {
  let isReady = false;
  const calls = new Map<string, LiveMessage>();
  let others: LiveMessage[] = [];
  return {
    push(message) {
      if (isReady) return send(message);
      // Waveform peaks are only worth drawing live; a call's update replaces the one before it.
      if (message.type === 'audio.peaks') return;
      if (message.type === 'call.updated') {
        calls.delete(message.call.id);
        calls.set(message.call.id, message);
      } else {
        others.push(message);
      }
      while (calls.size + others.length > MAX_QUEUED) {
        if (others.length) others.shift();
        else calls.delete(calls.keys().next().value!);
      }
    },
    ready() {
      if (isReady) return;
      isReady = true;
      const waiting = [...calls.values(), ...others];
      calls.clear();
      others = [];
      for (const message of waiting) send(message);
      const peaks = recentPeaks();
      if (peaks) send(peaks);
    },
    notReady() {
      isReady = false;
    },
    get queued() {
      return calls.size + others.length;
    },
  };
}

/**
 * The recent waveform peaks the engine's feed opens a subscription with, taken by subscribing for
 * a moment (the opening comes synchronously, before `subscribe` returns).
 */
export function openingPeaks(api: Pick<ConsoleApi, 'subscribe'>): LiveMessage | undefined {
  let peaks: LiveMessage | undefined;
  api.subscribe((message) => {
    if (message.type === 'audio.peaks') peaks ??= message;
  })();
  return peaks;
}
