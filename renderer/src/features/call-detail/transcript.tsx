// Transcript lines: who spoke, when (in the call), what they said; interim lines (still being
// heard) in italics; a bot line cut off by the caller says so.
import { useTranslation } from 'react-i18next';
import type { Utterance } from '../../../../shared/call.ts';
import { formatsFor } from '../../../../shared/i18n/format.ts';

/** m:ss of a position in the call (ms). */
export const clock = (ms: number) => formatsFor('en').clock(ms / 1000);

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
          <span className="speaker">{line.note ? t('transcript.whisperFrom', { name: line.note.by }) : t(`speaker.${line.speaker}`)}</span>
          <span className="text">
            {line.text || (line.final ? '' : '…')}
            {line.truncated && (
              <span className="cut" title={t('transcript.cutHint')}>
                {' '}
                {t('transcript.cut')}
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
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
