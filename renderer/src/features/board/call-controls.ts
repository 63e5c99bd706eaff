// Every action a supervisor takes on a call, shared by the card, the call detail and the keyboard.
// Each maps to one command of the console API (the streamer's own commands, or the bot's), and its
// outcome shows on the card. One call is listened to, and one held with the microphone, at a time.
import type { Call } from '../../../../shared/call.ts';
import type { Bridge } from '../../bridge/index.ts';
import { i18n } from '../../i18n/index.ts';
import { runCommand, sendKeys, showFeedback } from '../../store/actions.ts';
import { useStore } from '../../store/index.ts';
import { ListenPlayer } from '../listen/listen-player.ts';
import { handBack, takeOver } from '../takeover/take-over.ts';

const player = new ListenPlayer();

export const hasLiveStream = (call: Call) => call.state !== 'ended' && call.stream?.state === 'connected';

/**
 * Which of Take over and Hand back a call offers, and which is the main action:
 * - a call this supervisor holds: Hand back;
 * - the bot asked for a person: Take over, the biggest button on the card (Hand back would return
 *   the caller to the bot that just asked for someone);
 * - a supervisor took it elsewhere (another console, or this page before a reload): Take over (to
 *   speak from here) and Hand back;
 * - the bot has it: Take over.
 */
export function takeOverActions(call: Call, holding: string | undefined): { takeOver: false | 'normal' | 'urgent'; handBack: boolean } {
  if (holding === call.id) return { takeOver: false, handBack: true };
  if (call.needsHuman) return { takeOver: 'urgent', handBack: false };
  return { takeOver: 'normal', handBack: call.mode === 'human' };
}

export function callControls(api: Bridge, callId: string) {
  const store = useStore.getState;
  return {
    breakSpeech: () => runCommand(api, callId, { type: 'break' }),
    sendKey: (digits: string) => sendKeys(api, callId, digits),
    transfer: (to: string) => runCommand(api, callId, { type: 'transfer', to }),
    say: (text: string) => runCommand(api, callId, { type: 'say', text }),
    play: (url: string) => runCommand(api, callId, { type: 'play', url }),

    toggleListen() {
      if (store().listeningTo === callId) {
        player.stop();
        store().setListening(undefined);
        return;
      }
      player.start(api, callId, (reason) => {
        if (store().listeningTo === callId) store().setListening(undefined);
        showFeedback(callId, 'error', i18n.t('listen.stopped', { reason }));
      });
      store().setListening(callId);
    },

    takeOver: () => takeOver(api, callId),
    handBack: () => handBack(api, callId),
  };
}
