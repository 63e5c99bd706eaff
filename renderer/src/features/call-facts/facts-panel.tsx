// What the providers told about a call, where a supervisor looks on its page: how it ended and
// why, how long it rang and talked, the agent, the voice menu and queue it went through (its
// tags show under its title). Each row shows only when a provider said it.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { callTimes } from './call-times.ts';
import { causeText, outcomeText } from './outcome.ts';

/** The voice menu as one line: its name (or number), scenario, and what the caller chose. */
export function ivrText(call: Call, t: TFunction): string | undefined {
  const ivr = call.ivr;
  if (!ivr) return undefined;
  const parts = [ivr.name ?? ivr.number, ivr.scenario, ivr.code && t('facts.ivrChoice', { code: ivr.code })].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

export function FactsPanel({ call }: { call: Call }) {
  const { t } = useTranslation();
  const f = useFormats();
  const times = callTimes(call, f);
  const agent = call.agent && [call.agent.name ?? call.agent.email, call.agent.extension].filter(Boolean).join(' · ');
  const rows: [label: string, value: ReactNode | undefined][] = [
    [t('facts.outcome'), call.state === 'ended' ? outcomeText(call, t) : undefined],
    [t('facts.hangupCause'), call.hangupCause ? causeText(call, t) : undefined],
    [t('facts.rang'), times.rang],
    [t('facts.talked'), times.talked],
    [t('facts.total'), times.total],
    [t('facts.agent'), agent || undefined],
    [t('facts.ivr'), ivrText(call, t)],
    [t('facts.queue'), call.queue],
    [t('facts.team'), call.team],
    [t('facts.transferredTo'), call.transferredTo],
    [t('facts.recording'), call.recordingSeconds === undefined ? undefined : f.duration(call.recordingSeconds)],
    [t('facts.voicemail'), call.voicemailSeconds === undefined ? undefined : f.duration(call.voicemailSeconds)],
    [t('facts.disposition'), call.providerDisposition && call.providerDisposition !== call.analysis?.classification ? call.providerDisposition : undefined],
  ];
  const shown = rows.filter(([, value]) => value !== undefined && value !== '');
  if (!shown.length) return null;
  return (
    <section className="panel facts" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('facts.title')}</h2>
      <dl>
        {shown.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
