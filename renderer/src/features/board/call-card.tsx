// One live call on the board: who, who has it, timer, live waveform, the last words said, and the
// actions a supervisor takes without leaving the board.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PROVIDER_GUIDE } from '../../../../shared/access.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { useStore } from '../../store/index.ts';
import { useNow } from '../../ui/use-now.ts';
import { TranscriptLines } from '../call-detail/transcript.tsx';
import { HandBackLineToggle } from '../takeover/hand-back-line-toggle.tsx';
import { MicrophoneLine } from '../takeover/microphone-line.tsx';
import { HolderLine } from '../team/holder-line.tsx';
import { PresenceChips, useOtherHolder } from '../team/presence-chips.tsx';
import { mayCommand } from '../../store/team-slice.ts';
import { PeakStrip } from '../waveform/peak-strip.tsx';
import { callControls, hasLiveStream, takeOverActions } from './call-controls.ts';
import { AttentionLine } from './attention-line.tsx';
import { EndedLine } from './ended-line.tsx';
import { callSeconds, ownerOf, parties, partyName } from './call-state.ts';
import { Keypad } from './keypad.tsx';
import { OwnerChip, useOwnerText } from './owner-chip.tsx';
import { TransferForm } from './transfer-form.tsx';
import { needsHumanText } from './needs-human.ts';

export const CallCard = memo(function CallCard({ callId }: { callId: string }) {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
  const call = useStore((s) => s.calls.get(callId));
  const lines = useStore(useShallow((s) => (s.transcripts.get(callId) ?? []).slice(-2)));
  const { focused, listening, holding, panel, feedback } = useStore(
    useShallow((s) => ({
      focused: s.focusedId === callId,
      listening: s.listeningTo === callId,
      holding: s.holding,
      panel: s.panel?.callId === callId ? s.panel.kind : undefined,
      feedback: s.feedback.get(callId),
    })),
  );
  const now = useNow();
  const owner = call ? ownerOf(call, holding) : { kind: 'live' as const };
  const ownerText = useOwnerText(owner);
  // Hooks first: a call that is gone renders nothing, below.
  const otherHolder = useOtherHolder(callId);
  const commands = useStore((s) => mayCommand(s.me));
  if (!call) return null;
  const controls = callControls(api, callId);
  const { caller, callee } = parties(call);
  const live = hasLiveStream(call);
  const noStream = live ? undefined : t('card.noStream');
  const actions = takeOverActions(call, holding);
  const seconds = callSeconds(call, now);
  const closePanel = () => useStore.getState().openPanel(undefined);
  const open = () => useStore.getState().navigate({ name: 'call', id: callId });
  const headingId = `call-${callId}-who`;

  return (
    <article
      className={`card owner-${owner.kind} ${focused ? 'focused' : ''}`}
      aria-label={t('card.label', { caller: partyName(caller), callee: partyName(callee), owner: ownerText })}
      tabIndex={0}
      data-call-id={callId}
      onFocus={() => useStore.getState().focus(callId)}
      onKeyDown={(event) => event.key === 'Enter' && event.target === event.currentTarget && open()}
    >
      <header className="card-head">
        <div className="who" id={headingId}>
          <span className="caller">{partyName(caller)}</span>
          <span className="arrow" aria-hidden>
            →
          </span>
          <span className="callee">{partyName(callee)}</span>
        </div>
        <div className="meta">
          <OwnerChip owner={owner} />
          <PresenceChips callId={callId} />
          <span className="timer" aria-label={t('card.duration')}>
            {seconds === undefined ? '' : f.clock(seconds)}
          </span>
        </div>
        <div className="sub">
          {[
            call.direction === 'unknown' ? undefined : t(`direction.${call.direction}`),
            PROVIDER_GUIDE[call.provider].name,
            call.demo ? t('card.demo') : undefined,
            call.bot?.models === 'demo' ? t('card.demoModels') : undefined,
            caller.company,
            caller.name && caller.number ? caller.number : undefined,
            // One extra at most, to keep cards calm: the queue the call waits in or came through.
            call.queue ? t('card.queue', { queue: call.queue }) : undefined,
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </header>
      {holding === callId && <MicrophoneLine />}
      {call.state !== 'ended' && <AttentionLine attention={call.attention} />}
      {call.needsHuman && <p className="alert">{needsHumanText(call.needsHuman, t)}</p>}
      {call.bot?.error && <p className="error-line">{call.bot.error}</p>}
      {call.bot?.state === 'monitoring' && <p className="hint">{t('card.monitorOnly')}</p>}
      {call.stream && <PeakStrip callId={callId} label={t('card.waveform', { name: partyName(caller) })} />}
      <TranscriptLines lines={lines} compact />
      {otherHolder && call.state !== 'ended' && <HolderLine callId={callId} holder={otherHolder} />}
      <footer className="actions">
        {commands && !otherHolder && (
          <>
        {/* One button for the main action, whatever it says: the keyboard focus stays on it after a take-over. */}
        <button
          key="main"
          type="button"
          className={actions.takeOver ? `btn primary ${actions.takeOver === 'urgent' ? 'urgent' : ''}` : 'btn'}
          disabled={!live}
          title={noStream}
          onClick={() => void (actions.takeOver ? controls.takeOver() : controls.handBack())}
        >
          {actions.takeOver ? t('actions.takeOver') : t('actions.handBack')}
        </button>
        {actions.takeOver && actions.handBack && (
          <button key="handBack" type="button" className="btn" disabled={!live} title={noStream} onClick={() => void controls.handBack()}>
            {t('actions.handBack')}
          </button>
        )}
        {(!actions.takeOver || actions.handBack) && <HandBackLineToggle disabled={!live} />}
        <button type="button" className={`btn ${listening ? 'active' : ''}`} aria-pressed={listening} disabled={!live} title={noStream} onClick={controls.toggleListen}>
          {listening ? t('actions.stopListening') : t('actions.listen')}
        </button>
        <button type="button" className="btn" disabled={!live} title={noStream} onClick={() => void controls.breakSpeech()}>
          {t('actions.break')}
        </button>
        <button type="button" className="btn" aria-expanded={panel === 'keypad'} disabled={!live} title={noStream} onClick={() => useStore.getState().openPanel(panel === 'keypad' ? undefined : { callId, kind: 'keypad' })}>
          {t('actions.keypad')}
        </button>
        <button type="button" className="btn" aria-expanded={panel === 'transfer'} disabled={!live} title={noStream} onClick={() => useStore.getState().openPanel(panel === 'transfer' ? undefined : { callId, kind: 'transfer' })}>
          {t('actions.transfer')}
        </button>
          </>
        )}
        <button type="button" className="btn ghost" onClick={open} aria-describedby={headingId}>
          {t('actions.details')}
        </button>
      </footer>
      {panel === 'keypad' && <Keypad onKey={(key) => void controls.sendKey(key)} onClose={closePanel} />}
      {panel === 'transfer' && <TransferForm onTransfer={controls.transfer} onClose={closePanel} />}
      {call.state === 'ended' ? (
        <EndedLine call={call} />
      ) : (
        <p className={`feedback ${feedback?.tone ?? ''}`} role="status" aria-live="polite">
          {feedback?.text}
        </p>
      )}
    </article>
  );
});
