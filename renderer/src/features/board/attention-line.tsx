// A card's attention: the score, an Alert badge once the engine raised one, and the top reasons in
// words, each marked as the caller's, the bot's or the wait's (so "bot slow" never reads as "the
// caller is unhappy").
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Attention, AttentionReason } from '../../../../shared/attention.ts';

const TOP_REASONS = 3;

export function AttentionLine({ attention }: { attention: Attention | undefined }) {
  const { t } = useTranslation();
  if (!attention || attention.score === 0) return null;
  const reasons = attention.reasons.slice(0, TOP_REASONS);
  return (
    <div className="attention" data-score={attention.score}>
      <span className="chip attention-score" title={t('attention.scoreExplain')}>
        {t('attention.score', { score: attention.score })}
      </span>
      {attention.alert && (
        <span className="chip attention-alert" title={t('attention.alertExplain')}>
          {t('attention.alert')}
        </span>
      )}
      <ul className="attention-reasons" aria-label={t('attention.reasons')}>
        {reasons.map((reason) => (
          <li key={reason.code} className={`reason side-${reason.side}`} data-code={reason.code}>
            <span className="side">{t(`attention.side.${reason.side}`)}</span> {reasonText(reason, t)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One reason in words; a mood the model heard ("angry") is a value of the engine's, worded here. */
export function reasonText(reason: AttentionReason, t: TFunction): string {
  const values = { ...(reason.values ?? {}) };
  if (typeof values.mood === 'string') values.mood = t(`briefing.mood.${values.mood as 'angry'}`, { defaultValue: values.mood });
  return t(reason.text as 'attention.reason.frustrated', values);
}
