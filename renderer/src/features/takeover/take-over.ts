// Taking a call over and giving it back, and the one rule for the supervisor's microphone: it is
// on only while they hold a live call and stay with it. It ends on Hand back; when the call ends;
// when they leave the call (another view, another call, closing its detail, closing the page;
// opening its detail from the board is staying with it), which also hands the call back to the bot
// so the caller is not left in silence; and when they take over another call (one microphone: the
// call before goes back to the bot).
import type { Command } from '../../../../shared/commands.ts';
import type { Bridge } from '../../bridge/index.ts';
import { i18n } from '../../i18n/index.ts';
import { hashOf } from '../../router.ts';
import { runCommand, showFeedback } from '../../store/actions.ts';
import { useStore } from '../../store/index.ts';
import type { Route } from '../../store/ui-slice.ts';
import { MicrophoneStreamer } from './microphone.ts';

type StoreApi = typeof useStore;

const microphone = new MicrophoneStreamer();

/** The bot goes silent (the engine sends break) and the supervisor's microphone goes to the call. */
export async function takeOver(api: Bridge, callId: string, store: StoreApi = useStore): Promise<void> {
  const previous = store.getState().holding;
  if (previous === callId) return;
  if (previous) leave(api, previous, store);
  if (!(await runCommand(api, callId, { type: 'takeover' }, store))) return;
  store.getState().setHolding(callId, 'starting');
  const held = () => store.getState().holding === callId;
  try {
    await microphone.start(api, callId, {
      live: () => held() && store.getState().setMicrophone('live'),
      failed: (message) => {
        if (!held()) return;
        microphone.stop();
        store.getState().setMicrophone('off');
        showFeedback(callId, 'error', message, store);
      },
    });
  } catch (error) {
    if (!held()) return;
    store.getState().setMicrophone('off');
    showFeedback(callId, 'error', (error as Error).message, store);
  }
}

/** The hand-back command, with the bot's hand-back line when this supervisor wants it said. */
const handBackCommand = (store: StoreApi): Command => (store.getState().handBackLine ? { type: 'handback', line: true } : { type: 'handback' });

/** Gives the call back to the bot: the microphone ends first. */
export async function handBack(api: Bridge, callId: string, store: StoreApi = useStore): Promise<void> {
  if (store.getState().holding === callId) release(store);
  await runCommand(api, callId, handBackCommand(store), store);
}

function release(store: StoreApi): void {
  microphone.stop();
  store.getState().setHolding(undefined);
}

/** The supervisor left the call they hold: the microphone ends and the bot has the call again. */
function leave(api: Bridge, callId: string, store: StoreApi): void {
  release(store);
  void api.sendCommand(callId, handBackCommand(store)).then(
    () => showFeedback(callId, 'ok', i18n.t('takeover.leftHandedBack'), store),
    () => undefined,
  );
}

/** Opening the held call's detail keeps the supervisor with it; any other move leaves it. */
const intoCall = (route: Route, callId: string): boolean => route.name === 'call' && route.id === callId;

/**
 * Watches the store (and the page going away) for the moments the microphone must end. Returns
 * the function that stops watching (and ends any take-over: the console is going away).
 */
export function watchTakeOver(api: Bridge, store: StoreApi = useStore): () => void {
  const stop = store.subscribe((state, previous) => {
    const id = state.holding;
    if (!id) return;
    const call = state.calls.get(id);
    if (!call || call.state === 'ended') return release(store);
    if (hashOf(state.route) !== hashOf(previous.route) && !intoCall(state.route, id)) leave(api, id, store);
  });
  const onPageHide = () => {
    const id = store.getState().holding;
    if (id) leave(api, id, store);
  };
  window.addEventListener('pagehide', onPageHide);
  return () => {
    stop();
    window.removeEventListener('pagehide', onPageHide);
    microphone.stop();
  };
}
