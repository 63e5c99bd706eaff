import type { Call, Utterance } from '../../../../shared/call.ts';
import { download, transcriptJson, transcriptSrt, transcriptTxt } from './export.ts';

export function ExportButtons({ call, lines }: { call: Call; lines: readonly Utterance[] }) {
  if (!lines.some((l) => l.final && l.text)) return null;
  const name = `ringside-${call.id}`;
  return (
    <div className="export" role="group" aria-label="Export the transcript">
      <span>Export:</span>
      <button type="button" className="btn ghost" onClick={() => download(`${name}.txt`, transcriptTxt(call, lines), 'text/plain')}>
        TXT
      </button>
      <button type="button" className="btn ghost" onClick={() => download(`${name}.json`, transcriptJson(call, lines), 'application/json')}>
        JSON
      </button>
      <button type="button" className="btn ghost" onClick={() => download(`${name}.srt`, transcriptSrt(lines), 'application/x-subrip')}>
        SRT
      </button>
    </div>
  );
}
