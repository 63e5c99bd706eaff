// Every action a supervisor takes on a call, shared by the card and the call detail. Each maps to
// one command of the console API (the streamer's own commands, or the bot's), and its outcome
// shows on the card. One call is listened to, and one held with the microphone, at a time.
import type { Call } from '../../../../shared/call.ts';
import type { Bridge } from '../../bridge/index.ts';
import { runCommand } from '../../store/actions.ts';
import { useStore } from '../../store/index.ts';
import { ListenPlayer } from '../listen/listen-player.ts';
import { MicrophoneStreamer } from '../takeover/microphone.ts';

const player = new ListenPlayer();
const microphone = new MicrophoneStreamer();

export const hasLiveStream = (call: Call) => call.state !== 'ended' && call.stream?.state === 'connected';

const feedback = (callId: string, tone: 'ok' | 'error', text: string) => useStore.getState().setFeedback(callId, { tone, text, at: Date.now() });

export function callControls(api: Bridge, callId: string) {
  const store = useStore.getState;
  return {
    breakSpeech: () => runCommand(api, callId, { type: 'break' }),
    sendKey: (digits: string) => runCommand(api, callId, { type: 'digits', digits }),
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
        feedback(callId, 'error', `Listening stopped: ${reason}`);
      });
      store().setListening(callId);
    },

    /** The bot goes silent (the engine sends break) and the supervisor's microphone goes to the call. */
    async takeOver() {
      if (!(await runCommand(api, callId, { type: 'takeover' }))) return;
      const previous = [...store().holding].find((id) => id !== callId);
      if (previous) store().setHolding(previous, false); // one microphone: it follows the newest call
      store().setHolding(callId, true);
      try {
        await microphone.start(api, callId, (message) => feedback(callId, 'error', message));
      } catch (error) {
        feedback(callId, 'error', (error as Error).message);
      }
    },

    async handBack() {
      microphone.stop();
      store().setHolding(callId, false);
      await runCommand(api, callId, { type: 'handback' });
    },
  };
}
