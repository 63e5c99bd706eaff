// One live call on the board: who, state, timer, live waveform, the last words said, and the
// actions a supervisor takes without leaving the board.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { useNow } from '../../ui/use-now.ts';
import { TranscriptLines } from '../call-detail/transcript.tsx';
import { PeakStrip } from '../waveform/peak-strip.tsx';
import { callControls, hasLiveStream } from './call-controls.ts';
import { chipOf, elapsed, parties, partyName } from './call-state.ts';
import { Keypad } from './keypad.tsx';
import { TransferForm } from './transfer-form.tsx';

const DIRECTION = { inbound: 'Incoming', outbound: 'Outgoing', internal: 'Internal', unknown: '' } as const;

export const CallCard = memo(function CallCard({ callId }: { callId: string }) {
  const api = useBridge();
  const call = useStore((s) => s.calls.get(callId));
  const lines = useStore(useShallow((s) => (s.transcripts.get(callId) ?? []).slice(-2)));
  const { focused, listening, holding, panel, feedback } = useStore(
    useShallow((s) => ({
      focused: s.focusedId === callId,
      listening: s.listeningTo === callId,
      holding: s.holding.has(callId),
      panel: s.panel?.callId === callId ? s.panel.kind : undefined,
      feedback: s.feedback.get(callId),
    })),
  );
  const now = useNow();
  if (!call) return null;
  const controls = callControls(api, callId);
  const { caller, callee } = parties(call);
  const chip = chipOf(call);
  const live = hasLiveStream(call);
  const noStream = live ? undefined : 'No live audio stream for this call';
  const closePanel = () => useStore.getState().openPanel(undefined);
  const open = () => useStore.getState().navigate({ name: 'call', id: callId });

  return (
    <article
      className={`card chip-${chip.replace(' ', '-')} ${focused ? 'focused' : ''}`}
      aria-label={`${partyName(caller)} to ${partyName(callee)}, ${chip}`}
      tabIndex={0}
      data-call-id={callId}
      onFocus={() => useStore.getState().focus(callId)}
      onKeyDown={(event) => event.key === 'Enter' && event.target === event.currentTarget && open()}
    >
      <header className="card-head">
        <div className="who">
          <span className="caller">{partyName(caller)}</span>
          <span className="arrow" aria-hidden>
            →
          </span>
          <span className="callee">{partyName(callee)}</span>
        </div>
        <div className="meta">
          <span className={`chip ${chip.replace(' ', '-')}`}>{chip}</span>
          <span className="timer" aria-label="Duration">
            {elapsed(call.startedAt, call.state === 'ended' && call.endedAt ? Date.parse(call.endedAt) : now)}
          </span>
        </div>
        <div className="sub">
          {DIRECTION[call.direction]} · {call.provider}
          {call.demo && ' · demo'}
          {caller.name && caller.number && ` · ${caller.number}`}
        </div>
      </header>
      {holding && <p className="hint">Your microphone is on this call</p>}
      {call.needsHuman && <p className="alert">The bot asks for a person: {call.needsHuman.reason}</p>}
      {call.bot?.error && <p className="error-line">{call.bot.error}</p>}
      {call.bot?.state === 'monitoring' && <p className="hint">Monitor only: no AI model is configured</p>}
      {call.stream && <PeakStrip callId={callId} label={`Live waveform of ${partyName(caller)}'s call`} />}
      <TranscriptLines lines={lines} compact />
      <footer className="actions">
        <button type="button" className={`btn ${listening ? 'active' : ''}`} aria-pressed={listening} disabled={!live} title={noStream} onClick={controls.toggleListen}>
          {listening ? 'Stop listening' : 'Listen'}
        </button>
        {call.mode === 'human' ? (
          <button type="button" className="btn" disabled={!live} title={noStream} onClick={() => void controls.handBack()}>
            Hand back
          </button>
        ) : (
          <button type="button" className="btn primary" disabled={!live} title={noStream} onClick={() => void controls.takeOver()}>
            Take over
          </button>
        )}
        <button type="button" className="btn" disabled={!live} title={noStream} onClick={() => void controls.breakSpeech()}>
          Break
        </button>
        <button type="button" className="btn" aria-expanded={panel === 'keypad'} disabled={!live} title={noStream} onClick={() => useStore.getState().openPanel(panel === 'keypad' ? undefined : { callId, kind: 'keypad' })}>
          Keypad
        </button>
        <button type="button" className="btn" aria-expanded={panel === 'transfer'} disabled={!live} title={noStream} onClick={() => useStore.getState().openPanel(panel === 'transfer' ? undefined : { callId, kind: 'transfer' })}>
          Transfer
        </button>
        <button type="button" className="btn ghost" onClick={open}>
          Details
        </button>
      </footer>
      {panel === 'keypad' && <Keypad onKey={(key) => void controls.sendKey(key)} onClose={closePanel} />}
      {panel === 'transfer' && <TransferForm onTransfer={controls.transfer} onClose={closePanel} />}
      <p className={`feedback ${feedback?.tone ?? ''}`} role="status" aria-live="polite">
        {feedback?.text}
      </p>
    </article>
  );
});
