// A call's privacy, in its detail: the recording paused or not (and a button to pause it while a
// caller gives a card number), the legal hold (an administrator puts it or lifts it), whether the
// recording notice was played, and what retention removed.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { useStore } from '../../store/index.ts';
import { mayAdminister, mayCommand } from '../../store/team-slice.ts';

export function PrivacyPanel({ call, live }: { call: Call; live: boolean }) {
  const api = useBridge();
  const { t } = useTranslation();
  const f = useFormats();
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  // Buttons only for what the role allows (the engine checks it again): pausing is a supervisor's, holds an administrator's.
  const me = useStore((s) => s.me);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  const run = (work: () => Promise<unknown>, done: string) =>
    void work().then(
      () => setMessage({ tone: 'ok', text: done }),
      (error: Error) => setMessage({ tone: 'error', text: error.message }),
    );

  return (
    <section className="panel privacy" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('privacy.title')}</h2>
      <ul className="privacy-facts">
        {call.recordingPaused && <li className="chip paused">{t('privacy.pausedNow')}</li>}
        {call.recordingNotice === false && <li className="chip warn">{t('privacy.noticeMissing')}</li>}
        {call.legalHold && <li className="chip hold">{t('privacy.onHold', { date: f.dateTime(call.legalHold.at) })}</li>}
        {call.transcriptRemovedAt && <li>{t('privacy.transcriptRemoved', { date: f.dateTime(call.transcriptRemovedAt) })}</li>}
      </ul>
      {live && mayCommand(me) && (
        <button
          type="button"
          className={`btn ${call.recordingPaused ? 'active' : ''}`}
          aria-pressed={call.recordingPaused === true}
          onClick={() => run(() => api.pauseRecording(call.id, !call.recordingPaused), call.recordingPaused ? t('privacy.resumed') : t('privacy.paused'))}
        >
          {call.recordingPaused ? t('privacy.resume') : t('privacy.pause')}
        </button>
      )}
      {!call.erasedAt &&
        mayAdminister(me) &&
        (call.legalHold ? (
          <button type="button" className="btn" onClick={() => run(() => api.setLegalHold(call.id, { hold: false }), t('privacy.holdLifted'))}>
            {t('privacy.liftHold')}
          </button>
        ) : (
          <form
            className="hold-form"
            onSubmit={(event) => {
              event.preventDefault();
              run(() => api.setLegalHold(call.id, { hold: true, ...(reason.trim() && { reason: reason.trim() }) }), t('privacy.holdSet'));
            }}
          >
            <label htmlFor={reasonId}>{t('privacy.holdReason')}</label>
            <input id={reasonId} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
            <button type="submit" className="btn">
              {t('privacy.putOnHold')}
            </button>
          </form>
        ))}
      {message && (
        <p className={`feedback ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
