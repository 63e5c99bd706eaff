// Transcript lines: who spoke, when (in the call), what they said; interim lines (still being
// heard) in italics; a bot line cut off by the caller says so.
import type { Utterance } from '../../../../shared/call.ts';

const SPEAKERS = { caller: 'Caller', bot: 'Bot', supervisor: 'Supervisor' } as const;

export const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function TranscriptLines({ lines, onSeek, compact = false }: { lines: readonly Utterance[]; onSeek?: (ms: number) => void; compact?: boolean }) {
  return (
    <ol className={`transcript ${compact ? 'compact' : ''}`} aria-label="Transcript">
      {lines.map((line) => (
        <li key={line.id} className={`line ${line.speaker} ${line.final ? 'final' : 'interim'}`}>
          {!compact && (
            <button type="button" className="at" disabled={!onSeek} onClick={() => onSeek?.(line.startMs)} aria-label={`Play from ${clock(line.startMs)}`}>
              {clock(line.startMs)}
            </button>
          )}
          <span className="speaker">{SPEAKERS[line.speaker]}</span>
          <span className="text">
            {line.text || (line.final ? '' : '…')}
            {line.truncated && <span className="cut" title="The caller cut in: this is what they heard"> (cut off)</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
