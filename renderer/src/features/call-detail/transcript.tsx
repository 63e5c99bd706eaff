// Transcript lines: who spoke, when (in the call), what they said; interim lines (still being
// heard) in italics; a bot line cut off by the caller says so, and one the model stopped before its
// end (the Realtime API's `incomplete`) carries a discreet mark with the reason in words.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Utterance } from '../../../../shared/call.ts';
import { formatsFor } from '../../../../shared/i18n/format.ts';
import { LOCAL_ACTOR_ID } from '../../../../shared/team.ts';

/** m:ss of a position in the call (ms). */
export const clock = (ms: number) => formatsFor('en').clock(ms / 1000);

/** Reasons the Realtime API (and the engine) give for a response that stopped early, said in words. */
const INCOMPLETE_REASONS = ['max_output_tokens', 'content_filter', 'cancelled', 'failed'] as const;

/** Why the model stopped before the end of a bot line, in words (an unknown reason is shown as sent). */
export function incompleteText(reason: string, t: TFunction): string {
  const known = INCOMPLETE_REASONS.find((name) => name === reason);
  return known ? t(`transcript.incompleteReason.${known}`) : t('transcript.incompleteReason.other', { reason });
}

export function TranscriptLines({ lines, onSeek, compact = false }: { lines: readonly Utterance[]; onSeek?: (ms: number) => void; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className={`transcript ${compact ? 'compact' : ''}`} aria-label={t('detail.transcript')}>
      {lines.map((line) => (
        <li key={line.id} className={`line ${line.speaker} ${line.final ? 'final' : 'interim'} ${line.note ? 'note' : ''}`} {...(line.note && { title: t('transcript.whisperHint') })}>
          {!compact && (
            <button type="button" className="at" disabled={!onSeek} onClick={() => onSeek?.(line.startMs)} aria-label={t('transcript.playFrom', { time: clock(line.startMs) })}>
              {clock(line.startMs)}
            </button>
          )}
          <span className="speaker">{line.note ? (line.note.byId === LOCAL_ACTOR_ID ? t('transcript.whisperFromLocalAdmin') : t('transcript.whisperFrom', { name: line.note.by })) : t(`speaker.${line.speaker}`)}</span>
          <span className="text">
            {line.text || (line.final ? '' : '…')}
            {line.truncated && (
              <span className="cut" title={t('transcript.cutHint')}>
                {' '}
                {t('transcript.cut')}
              </span>
            )}
            {line.incomplete && <IncompleteMark reason={line.incomplete} compact={compact} />}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The mark on a bot line the model did not finish: "(unfinished: <why>)" in the detail; on a card,
 * only "(unfinished)", its reason in the tooltip and for screen readers.
 */
function IncompleteMark({ reason, compact }: { reason: string; compact: boolean }) {
  const { t } = useTranslation();
  const why = incompleteText(reason, t);
  return (
    <span className="incomplete" title={t('transcript.incompleteHint', { reason: why })}>
      {' '}
      {compact ? (
        <>
          <span aria-hidden>{t('transcript.incompleteMark')}</span>
          <span className="visually-hidden">{t('transcript.incomplete', { reason: why })}</span>
        </>
      ) : (
        t('transcript.incomplete', { reason: why })
      )}
    </span>
  );
}

/** A provider's transcript, one line per turn (`speaker: words` as the engine wrote it). */
export function ProviderTranscript({ text, provider }: { text: string; provider: string }) {
  const { t } = useTranslation();
  return (
    <figure className="provider-transcript">
      <figcaption className="hint">{t('providerTranscript.from', { provider })}</figcaption>
      {text.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </figure>
  );
}
