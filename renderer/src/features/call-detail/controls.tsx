// Every control of a live call: take over / hand back, listen, break, keypad (also from the
// keyboard), transfer, say in the bot's voice, play a file.
import { useId, useState } from 'react';
import type { Call } from '../../../../shared/call.ts';
import { useStore } from '../../store/index.ts';
import type { callControls } from '../board/call-controls.ts';
import { Keypad } from '../board/keypad.tsx';
import { TransferForm } from '../board/transfer-form.tsx';

export function Controls({ call, live, controls }: { call: Call; live: boolean; controls: ReturnType<typeof callControls> }) {
  const listening = useStore((s) => s.listeningTo === call.id);
  const canSpeak = useStore((s) => s.health?.bot.active ?? true);
  const holding = useStore((s) => s.holding.has(call.id));
  const [say, setSay] = useState('');
  const [url, setUrl] = useState('');
  const [transferring, setTransferring] = useState(false);
  const sayId = useId();
  const playId = useId();

  if (!live) return <section className="panel controls" aria-label="Controls"><p className="hint">No live audio stream: the controls work on streamed calls.</p></section>;
  return (
    <section className="panel controls" aria-label="Controls">
      <h2>Controls</h2>
      <div className="actions">
        {call.mode === 'human' ? (
          <button type="button" className="btn" onClick={() => void controls.handBack()}>
            Hand back to the bot
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={() => void controls.takeOver()}>
            Take over
          </button>
        )}
        <button type="button" className={`btn ${listening ? 'active' : ''}`} aria-pressed={listening} onClick={controls.toggleListen}>
          {listening ? 'Stop listening' : 'Listen in'}
        </button>
        <button type="button" className="btn" onClick={() => void controls.breakSpeech()}>
          Break
        </button>
        <button type="button" className="btn" aria-expanded={transferring} onClick={() => setTransferring(!transferring)}>
          Transfer
        </button>
      </div>
      {holding && <p className="hint">Your microphone is on this call. Hand back when you are done.</p>}
      {transferring && <TransferForm onTransfer={controls.transfer} onClose={() => setTransferring(false)} />}
      <Keypad onKey={(key) => void controls.sendKey(key)} />
      <form
        className="say-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!say.trim()) return;
          void controls.say(say.trim()).then((ok) => ok && setSay(''));
        }}
      >
        <label htmlFor={sayId}>Say, in the bot’s voice</label>
        {!canSpeak && <p className="hint">Needs a text-to-speech model: set one in Settings → AI models.</p>}
        <textarea
          id={sayId}
          disabled={!canSpeak}
          rows={2}
          maxLength={2000}
          value={say}
          placeholder="Type what the caller should hear; Enter speaks it"
          onChange={(event) => setSay(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="btn" disabled={!canSpeak || !say.trim()}>
          Say
        </button>
      </form>
      <form
        className="play-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (url.trim()) void controls.play(url.trim());
        }}
      >
        <label htmlFor={playId}>Play an audio file (URL)</label>
        <input id={playId} type="url" placeholder="https://example.com/hold-music.mp3" value={url} onChange={(event) => setUrl(event.target.value)} />
        <button type="submit" className="btn" disabled={!url.trim()}>
          Play
        </button>
      </form>
    </section>
  );
}
