// Every control of a live call: take over / hand back, listen, break, keypad (also from the
// keyboard), transfer, say in the bot's voice, play a file.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { useStore } from '../../store/index.ts';
import { takeOverActions, type callControls } from '../board/call-controls.ts';
import { Keypad } from '../board/keypad.tsx';
import { TransferForm } from '../board/transfer-form.tsx';
import { HandBackLineToggle } from '../takeover/hand-back-line-toggle.tsx';
import { MicrophoneLine } from '../takeover/microphone-line.tsx';
import { WhisperForm } from '../briefing/whisper-form.tsx';
import { HolderLine } from '../team/holder-line.tsx';
import { useOtherHolder } from '../team/presence-chips.tsx';
import { mayCommand } from '../../store/team-slice.ts';

export function Controls({ call, live, controls }: { call: Call; live: boolean; controls: ReturnType<typeof callControls> }) {
  const { t } = useTranslation();
  const listening = useStore((s) => s.listeningTo === call.id);
  // The demo models speak for demo calls too (a line they have no clip of is a murmur).
  const canSpeak = useStore((s) => s.health?.bot.active ?? true) || call.bot?.models === 'demo';
  const holding = useStore((s) => s.holding);
  const [say, setSay] = useState('');
  const [url, setUrl] = useState('');
  const [transferring, setTransferring] = useState(false);
  const sayId = useId();
  const playId = useId();
  const titleId = useId();
  const otherHolder = useOtherHolder(call.id);
  const commands = useStore((s) => mayCommand(s.me));

  if (!live)
    return (
      <section className="panel controls" aria-label={t('controls.title')}>
        <p className="hint">{t('controls.noStream')}</p>
      </section>
    );
  const actions = takeOverActions(call, holding);
  // A viewer sees no control; someone else's call shows who has it, and Ask or Take from.
  if (!commands) return null;
  if (otherHolder)
    return (
      <section className="panel controls" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('controls.title')}</h2>
        <HolderLine callId={call.id} holder={otherHolder} />
      </section>
    );
  return (
    <section className="panel controls" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('controls.title')}</h2>
      <div className="actions">
        {/* One button for the main action, whatever it says: the keyboard focus stays on it after a take-over. */}
        <button
          key="main"
          type="button"
          className={actions.takeOver ? `btn primary ${actions.takeOver === 'urgent' ? 'urgent' : ''}` : 'btn'}
          onClick={() => void (actions.takeOver ? controls.takeOver() : controls.handBack())}
        >
          {actions.takeOver ? t('actions.takeOver') : t('actions.handBackToBot')}
        </button>
        {actions.takeOver && actions.handBack && (
          <button key="handBack" type="button" className="btn" onClick={() => void controls.handBack()}>
            {t('actions.handBackToBot')}
          </button>
        )}
        {(!actions.takeOver || actions.handBack) && <HandBackLineToggle />}
        <button type="button" className={`btn ${listening ? 'active' : ''}`} aria-pressed={listening} onClick={controls.toggleListen}>
          {listening ? t('actions.stopListening') : t('actions.listenIn')}
        </button>
        <button type="button" className="btn" onClick={() => void controls.breakSpeech()}>
          {t('actions.break')}
        </button>
        <button type="button" className="btn" aria-expanded={transferring} onClick={() => setTransferring(!transferring)}>
          {t('actions.transfer')}
        </button>
      </div>
      {holding === call.id && <MicrophoneLine />}
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
        <label htmlFor={sayId}>{t('controls.say')}</label>
        {!canSpeak && (
          <p className="hint say-hint" id={`${sayId}-hint`}>
            {t('controls.sayNeedsModel')}
          </p>
        )}
        <textarea
          id={sayId}
          disabled={!canSpeak}
          rows={2}
          maxLength={2000}
          value={say}
          placeholder={canSpeak ? t('controls.sayPlaceholder') : t('controls.sayPlaceholderOff')}
          aria-describedby={canSpeak ? undefined : `${sayId}-hint`}
          onChange={(event) => setSay(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="btn" disabled={!canSpeak || !say.trim()}>
          {t('controls.sayButton')}
        </button>
      </form>
      <WhisperForm call={call} />
      <form
        className="play-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (url.trim()) void controls.play(url.trim());
        }}
      >
        <label htmlFor={playId}>{t('controls.play')}</label>
        <input id={playId} type="url" placeholder={t('controls.playPlaceholder')} value={url} onChange={(event) => setUrl(event.target.value)} />
        <button type="submit" className="btn" disabled={!url.trim()}>
          {t('controls.playButton')}
        </button>
      </form>
    </section>
  );
}
