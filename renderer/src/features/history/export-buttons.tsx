import { useTranslation } from 'react-i18next';
import type { Call, Utterance } from '../../../../shared/call.ts';
import { download, transcriptJson, transcriptSrt, transcriptTxt } from './export.ts';

export function ExportButtons({ call, lines }: { call: Call; lines: readonly Utterance[] }) {
  const { t } = useTranslation();
  if (!lines.some((l) => l.final && l.text)) return null;
  const name = `ringside-${call.id}`;
  return (
    <div className="export" role="group" aria-labelledby={`${call.id}-export`}>
      <span id={`${call.id}-export`}>{t('export.label')}</span>
      <button type="button" className="btn ghost" onClick={() => download(`${name}.txt`, transcriptTxt(call, lines), 'text/plain')}>
        {t('export.txt')}
      </button>
      <button type="button" className="btn ghost" onClick={() => download(`${name}.json`, transcriptJson(call, lines), 'application/json')}>
        {t('export.json')}
      </button>
      <button type="button" className="btn ghost" onClick={() => download(`${name}.srt`, transcriptSrt(lines), 'application/x-subrip')}>
        {t('export.srt')}
      </button>
    </div>
  );
}
