// Module-level actions: the bridge's live feed into the store, and commands with their outcome
// shown on the card. Components call these; the bridge's listeners never touch components.
import { ApiError, type LiveMessage } from '../../../shared/api.ts';
import type { Utterance } from '../../../shared/call.ts';
import type { Command } from '../../../shared/commands.ts';
import type { Bridge } from '../bridge/index.ts';
import { ENDED_LINGER_MS } from './calls-slice.ts';
import { useStore } from './index.ts';
import { dropPeaks, pushPeaks } from './peaks.ts';

type StoreApi = typeof useStore;

const detailListeners = new Set<(message: LiveMessage) => void>();

/** Every live message, for the open call detail (its timeline, and calls no longer on the board). */
export function onLiveMessage(listener: (message: LiveMessage) => void): () => void {
  detailListeners.add(listener);
  return () => detailListeners.delete(listener);
}

export function applyLiveMessage(message: LiveMessage, store: StoreApi = useStore): void {
  const state = store.getState();
  for (const listener of detailListeners) listener(message);
  switch (message.type) {
    case 'call.updated':
      // A call that ended a while ago (a late recording, its summary) does not come back to the board.
      if (message.call.state === 'ended' && !state.calls.has(message.call.id)) return;
      state.upsertCall(message.call);
      if (message.call.state === 'ended') scheduleRemoval(message.call.id, store);
      return;
    case 'audio.peaks':
      for (const peaks of message.calls) pushPeaks(peaks);
      state.peaksArrived(message.calls.map((p) => p.callId));
      return;
    // A line as it forms comes as `transcript`; once final, as its stored `utterance` event.
    case 'transcript':
      state.addUtterance(message.callId, message.utterance);
      return;
    case 'event.appended': {
      const { event } = message;
      const utterance = event.type === 'utterance' ? (event.detail as { utterance?: Utterance } | undefined)?.utterance : undefined;
      if (utterance && event.callId) state.addUtterance(event.callId, utterance);
      return;
    }
  }
}

const removals = new Map<string, ReturnType<typeof setTimeout>>();

function scheduleRemoval(id: string, store: StoreApi): void {
  if (removals.has(id)) return;
  removals.set(
    id,
    setTimeout(() => {
      removals.delete(id);
      const state = store.getState();
      if (state.calls.get(id)?.state !== 'ended') return;
      state.removeCall(id);
      // The open detail keeps its call's transcript; the board forgets it.
      if (!(state.route.name === 'call' && state.route.id === id)) {
        state.forgetLive(id);
        dropPeaks(id);
      }
    }, ENDED_LINGER_MS),
  );
}

/** Keeps the store in step with the engine: live feed, resync after each reconnection, health. */
export function startSync(api: Bridge, store: StoreApi = useStore): () => void {
  const refreshHealth = () => api.health().then(store.getState().setHealth, () => undefined);
  const resync = async () => {
    try {
      const live = await api.listCalls({ state: 'live', limit: 500 });
      store.getState().replaceLive(live.calls);
    } catch {
      // The status bar shows the connection; the next reconnection tries again.
    }
    void refreshHealth();
  };
  const stopStatus = api.onStatus((status) => {
    store.getState().setConnection(status);
    if (status.state === 'online') void resync();
  });
  const stopLive = api.subscribe((message) => applyLiveMessage(message, store));
  const timer = setInterval(refreshHealth, 5000);
  return () => {
    stopStatus();
    stopLive();
    clearInterval(timer);
  };
}

const FEEDBACK_MS = 4000;
const clearTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** What a command is called on the card once it landed. */
export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'break':
      return 'Break sent';
    case 'digits':
      return `Keys ${command.digits} sent`;
    case 'transfer':
      return `Transferring to ${command.to}`;
    case 'play':
      return 'Playing the file';
    case 'streamAudio':
      return 'Audio sent';
    case 'takeover':
      return 'You have the call';
    case 'handback':
      return 'Handed back to the bot';
    case 'say':
      return 'Said in the bot’s voice';
  }
}

/** Sends a command and shows, on the call's card, that it landed (or why not). */
export async function runCommand(api: Bridge, callId: string, command: Command, store: StoreApi = useStore): Promise<boolean> {
  const show = (tone: 'pending' | 'ok' | 'error', text: string) => {
    store.getState().setFeedback(callId, { tone, text, at: Date.now() });
    clearTimeout(clearTimers.get(callId));
    if (tone !== 'pending') clearTimers.set(callId, setTimeout(() => store.getState().setFeedback(callId, undefined), FEEDBACK_MS));
  };
  show('pending', 'Sending…');
  try {
    await api.sendCommand(callId, command);
    show('ok', describeCommand(command));
    return true;
  } catch (error) {
    show('error', error instanceof ApiError ? capitalize(error.message) : 'The command failed');
    return false;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
