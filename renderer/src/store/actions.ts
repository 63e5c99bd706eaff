// Module-level actions: the bridge's live feed into the store, and commands with their outcome
// shown on the card. Components call these; the bridge's listeners never touch components.
import { ApiError, type LiveMessage } from '../../../shared/api.ts';
import type { Utterance } from '../../../shared/call.ts';
import type { Command } from '../../../shared/commands.ts';
import type { Bridge } from '../bridge/index.ts';
import { i18n } from '../i18n/index.ts';
import { ENDED_LINGER_MS } from './calls-slice.ts';
import { useStore } from './index.ts';
import { dropPeaks, pushPeaks } from './peaks.ts';
import type { Feedback } from './ui-slice.ts';

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
      if (message.call.state === 'ended') callEnded(message.call.id, store);
      return;
    case 'audio.peaks':
      for (const peaks of message.calls) pushPeaks(peaks);
      state.peaksArrived(message.calls.map((p) => p.callId));
      return;
    // A line as it forms comes as `transcript`; once final, as its stored `utterance` event.
    case 'transcript':
      state.addUtterance(message.callId, message.utterance);
      return;
    case 'presence':
      for (const each of message.calls) state.setPresence(each.callId, each.people);
      return;
    // Only the holder of the call is asked, or told it was taken.
    case 'handover':
      if (state.me && message.holder.id === state.me.account.id) state.addHandover(message);
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

/**
 * A call ended: what was said about it while it ran ("Transferring to…", "Sending…") gives way to
 * how it ended (the card shows that), its keypad or transfer form closes, and it leaves the board
 * after a few seconds.
 */
function callEnded(id: string, store: StoreApi): void {
  const state = store.getState();
  if (state.feedback.has(id)) {
    clearTimeout(clearTimers.get(id));
    state.setFeedback(id, undefined);
  }
  keysShown.delete(id);
  if (state.panel?.callId === id) state.openPanel(undefined);
  scheduleRemoval(id, store);
}

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
      return i18n.t('command.sent.break');
    case 'digits':
      return i18n.t('command.sent.digits', { digits: command.digits });
    case 'transfer':
      return i18n.t('command.sent.transfer', { to: command.to });
    case 'play':
      return i18n.t('command.sent.play');
    case 'streamAudio':
      return i18n.t('command.sent.streamAudio');
    case 'takeover':
      return i18n.t('command.sent.takeover');
    case 'handback':
      return i18n.t(command.line ? 'command.sent.handbackLine' : 'command.sent.handback');
    case 'say':
      return i18n.t('command.sent.say');
    case 'whisper':
      return i18n.t('command.sent.whisper');
  }
}

/** Shows an outcome on the call's card (and detail); what is not pending goes after a few seconds. */
export function showFeedback(callId: string, tone: Feedback['tone'], text: string, store: StoreApi = useStore): void {
  // An answer that comes after the call ended ("Transferring to…") is no longer true: the card says how it ended.
  if (tone !== 'error' && store.getState().calls.get(callId)?.state === 'ended') return;
  store.getState().setFeedback(callId, { tone, text, at: Date.now() });
  clearTimeout(clearTimers.get(callId));
  if (tone !== 'pending') clearTimers.set(callId, setTimeout(() => store.getState().setFeedback(callId, undefined), FEEDBACK_MS));
}

/** Sends a command and shows, on the call's card, that it landed (or why not). */
export async function runCommand(api: Bridge, callId: string, command: Command, store: StoreApi = useStore): Promise<boolean> {
  showFeedback(callId, 'pending', i18n.t('command.sending'), store);
  try {
    await api.sendCommand(callId, command);
    showFeedback(callId, 'ok', describeCommand(command), store);
    return true;
  } catch (error) {
    showFeedback(callId, 'error', error instanceof ApiError ? capitalize(error.message) : i18n.t('command.failed'), store);
    return false;
  }
}

const keyQueues = new Map<string, Promise<unknown>>();
const keysShown = new Map<string, { digits: string; at: number }>();

/**
 * Sends keys pressed on a keypad, one command per press as a phone does, in the order pressed (one
 * after the other: two requests in flight could land in either order), and says on the card every
 * key sent so far in a row: "Keys 5* sent", not only the last one.
 */
export function sendKeys(api: Bridge, callId: string, digits: string, store: StoreApi = useStore): Promise<boolean> {
  const sent = (keyQueues.get(callId) ?? Promise.resolve()).then(async () => {
    try {
      await api.sendCommand(callId, { type: 'digits', digits });
    } catch (error) {
      keysShown.delete(callId);
      showFeedback(callId, 'error', error instanceof ApiError ? capitalize(error.message) : i18n.t('command.failed'), store);
      return false;
    }
    const before = keysShown.get(callId);
    const all = before && Date.now() - before.at < FEEDBACK_MS ? before.digits + digits : digits;
    keysShown.set(callId, { digits: all, at: Date.now() });
    showFeedback(callId, 'ok', describeCommand({ type: 'digits', digits: all }), store);
    return true;
  });
  keyQueues.set(callId, sent);
  void sent.finally(() => keyQueues.get(callId) === sent && keyQueues.delete(callId));
  return sent;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
