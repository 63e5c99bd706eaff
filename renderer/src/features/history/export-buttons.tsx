// Save a call's transcript as text, JSON or SRT. The engine records each export in the audit trail
// first (who, which call, which format); the file is saved only once it has, and a refusal is said.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptFormat } from '../../../../shared/api.ts';
import type { Call, Utterance } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { download, transcriptJson, transcriptSrt, transcriptTxt } from './export.ts';

const FILES: Record<TranscriptFormat, { type: string; build: (call: Call, lines: readonly Utterance[]) => string }> = {
  txt: { type: 'text/plain', build: transcriptTxt },
  json: { type: 'application/json', build: transcriptJson },
  srt: { type: 'application/x-subrip', build: (_call, lines) => transcriptSrt(lines) },
};

export function ExportButtons({ call, lines }: { call: Call; lines: readonly Utterance[] }) {
  const { t } = useTranslation();
  const api = useBridge();
  const [error, setError] = useState<string | undefined>();
  if (!lines.some((l) => l.final && l.text)) return null;
  const save = (format: TranscriptFormat) => {
    setError(undefined);
    api.noteTranscriptExport(call.id, format).then(
      () => download(`ringside-${call.id}.${format}`, FILES[format].build(call, lines), FILES[format].type),
      (failure: Error) => setError(t('export.failed', { error: failure.message })),
    );
  };
  return (
    <div className="export" role="group" aria-labelledby={`${call.id}-export`}>
      <span id={`${call.id}-export`}>{t('export.label')}</span>
      {(Object.keys(FILES) as TranscriptFormat[]).map((format) => (
        <button key={format} type="button" className="btn ghost" onClick={() => save(format)}>
          {t(`export.${format}`)}
        </button>
      ))}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
