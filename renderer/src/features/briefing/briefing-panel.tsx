// A call's briefing, for the supervisor about to speak to the caller: what they want, the facts they
// gave (the model's marked as such), what the bot did and promised, the open question and how the
// caller's mood went. Live calls keep it up to date; history shows the last one stored.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../../shared/briefing.ts';
import { briefingSaysSomething } from '../../../../shared/briefing.ts';

export function BriefingPanel({ briefing, className = '' }: { briefing: Briefing | undefined; className?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className={`panel briefing ${className}`} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('briefing.title')}</h2>
      {briefingSaysSomething(briefing) ? <BriefingFacts briefing={briefing} /> : <p className="hint">{t('briefing.empty')}</p>}
    </section>
  );
}

function BriefingFacts({ briefing }: { briefing: Briefing }) {
  const { t } = useTranslation();
  // Repeated moods said once: "calm → annoyed → angry".
  const moods = briefing.moods.map((m) => m.mood).filter((mood, i, all) => i === 0 || all[i - 1] !== mood);
  return (
    <dl className="briefing-list">
      {briefing.wants && (
        <>
          <dt>{t('briefing.wants')}</dt>
          <dd className="wants">{briefing.wants}</dd>
        </>
      )}
      {briefing.facts.length > 0 && (
        <>
          <dt>{t('briefing.facts')}</dt>
          <dd>
            <ul className="facts">
              {briefing.facts.map((fact) => (
                <li key={`${fact.kind}:${fact.value}`} data-kind={fact.kind}>
                  <span className="fact-kind">{t(`briefing.fact.${fact.kind}`)}</span> <span className="fact-value">{fact.value}</span>
                  {fact.source === 'model' && <span className="hint"> ({t('briefing.understood')})</span>}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {briefing.actions.length > 0 && (
        <>
          <dt>{t('briefing.did')}</dt>
          <dd>
            <ul>
              {briefing.actions.map((action, i) => (
                <li key={i}>{t(`briefing.tool.${action.tool as 'transfer'}`, { detail: action.detail ?? '', defaultValue: action.tool })}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {briefing.promises.length > 0 && (
        <>
          <dt>{t('briefing.promised')}</dt>
          <dd>
            <ul>
              {briefing.promises.map((promise) => (
                <li key={promise}>{promise}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {briefing.openQuestion && (
        <>
          <dt>{t('briefing.openQuestion')}</dt>
          <dd className="open-question">{briefing.openQuestion}</dd>
        </>
      )}
      {moods.length > 0 && (
        <>
          <dt>{t('briefing.moods')}</dt>
          <dd className="moods" data-mood={moods.at(-1)}>
            {moods.map((mood) => t(`briefing.mood.${mood}`)).join(' → ')}
          </dd>
        </>
      )}
    </dl>
  );
}
