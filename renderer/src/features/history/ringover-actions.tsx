// Acting on a call from history through Ringover: call the customer back, send an SMS follow-up,
// add tags and a comment. Each is a console API command the engine stores on the call's timeline
// with who did it; what failed is said as the engine words it (a missing right, a missing number).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import type { RingoverInsights } from '../../../../shared/ringover.ts';
import { useBridge } from '../../bridge/context.ts';
import { useStore } from '../../store/index.ts';
import { mayCommand } from '../../store/team-slice.ts';

export function RingoverActions({ call }: { call: Call }) {
  const api = useBridge();
  const { t } = useTranslation();
  const [sms, setSms] = useState('');
  const [tags, setTags] = useState('');
  const [comment, setComment] = useState('');
  const [said, setSaid] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  // Acting on a call is a supervisor's: a viewer sees no form it could not send.
  const commands = useStore((s) => mayCommand(s.me));
  const run = async (work: () => Promise<unknown>, done: string, clear?: () => void) => {
    try {
      await work();
      clear?.();
      setSaid({ tone: 'ok', text: done });
    } catch (error) {
      setSaid({ tone: 'error', text: (error as Error).message });
    }
  };
  const submit = (handler: () => void) => (event: FormEvent) => {
    event.preventDefault();
    handler();
  };
  const isRingover = call.provider === 'ringover';
  if (!commands) return null;
  return (
    <section className="panel history-actions" aria-labelledby="act-title">
      <h2 id="act-title">{t('act.title')}</h2>
      {isRingover && (
        <button type="button" className="btn" onClick={() => void run(() => api.callBack(call.id), t('act.calledBack'))}>
          {t('act.callBack')}
        </button>
      )}
      {isRingover && (
        <form onSubmit={submit(() => void run(() => api.sendSms(call.id, sms), t('act.smsSent'), () => setSms('')))}>
          <label htmlFor="act-sms">{t('act.sms')}</label>
          <textarea id="act-sms" value={sms} maxLength={1000} onChange={(event) => setSms(event.target.value)} />
          <button type="submit" className="btn" disabled={!sms.trim()}>
            {t('act.send')}
          </button>
        </form>
      )}
      <form onSubmit={submit(() => void run(() => api.tagCall(call.id, tags.split(',').map((tag) => tag.trim()).filter(Boolean)), t('act.tagged'), () => setTags('')))}>
        <label htmlFor="act-tags">{t('act.tags')}</label>
        <input id="act-tags" value={tags} onChange={(event) => setTags(event.target.value)} />
        <button type="submit" className="btn" disabled={!tags.trim()}>
          {t('act.addTags')}
        </button>
      </form>
      <form onSubmit={submit(() => void run(() => api.commentCall(call.id, comment), t('act.commented'), () => setComment('')))}>
        <label htmlFor="act-comment">{t('act.comment')}</label>
        <textarea id="act-comment" value={comment} maxLength={2000} onChange={(event) => setComment(event.target.value)} />
        <button type="submit" className="btn" disabled={!comment.trim()}>
          {t('act.addComment')}
        </button>
      </form>
      <p className={`feedback ${said?.tone ?? ''}`} role="status" aria-live="polite">
        {said?.text}
      </p>
    </section>
  );
}

/** Ringover's own AI data for the call (summary, transcript, moments), shown only when there is some. */
export function RingoverInsightsPanel({ insights }: { insights: RingoverInsights | undefined }) {
  const { t } = useTranslation();
  if (!insights?.available) return null;
  return (
    <section className="panel" aria-labelledby="ringover-ai-title">
      <h2 id="ringover-ai-title">{t('act.ringoverAi')}</h2>
      {insights.summary && <p>{insights.summary}</p>}
      {insights.moments?.length ? (
        <ul>
          {insights.moments.map((moment, i) => (
            <li key={i}>{moment.label}</li>
          ))}
        </ul>
      ) : null}
      {insights.transcript?.length ? (
        <ol className="transcript">
          {insights.transcript.map((line, i) => (
            <li key={i}>{line.speaker ? `${line.speaker}: ${line.text}` : line.text}</li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
