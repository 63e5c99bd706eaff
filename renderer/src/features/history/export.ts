// Transcript export: plain text, JSON (the call and its lines) and SRT subtitles that line up
// with the recording.
import type { Call, Utterance } from '../../../../shared/call.ts';
import { i18n } from '../../i18n/index.ts';

const speaker = (line: Utterance) => i18n.t(`speaker.${line.speaker}`);

const finals = (lines: readonly Utterance[]) => lines.filter((l) => l.final && l.text).sort((a, b) => a.startMs - b.startMs);

function stamp(ms: number, separator: ',' | '.' = ','): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(total % 1000, 3)}`;
}

export function transcriptTxt(call: Call, lines: readonly Utterance[]): string {
  const unknown = i18n.t('call.unknownParty');
  const head = [
    i18n.t('export.file.call', { id: call.providerCallId, provider: call.provider, from: call.from.name ?? call.from.number ?? unknown, to: call.to.name ?? call.to.number ?? unknown }),
    i18n.t('export.file.started', { at: call.startedAt }),
  ];
  if (call.summary) head.push(i18n.t('export.file.summary', { summary: call.summary }));
  if (call.disposition) head.push(i18n.t('export.file.disposition', { disposition: i18n.t(`disposition.${call.disposition}`) }));
  const body = finals(lines).map((l) => i18n.t('export.file.line', { at: stamp(l.startMs, '.').slice(0, 8), speaker: speaker(l), text: l.text, cut: l.truncated ? ` ${i18n.t('transcript.cut')}` : '' }));
  return [...head, '', ...body, ''].join('\n');
}

export function transcriptJson(call: Call, lines: readonly Utterance[]): string {
  const transcript = finals(lines).map(({ speaker, text, startMs, endMs, truncated }) => ({ speaker, text, startMs, ...(endMs !== undefined && { endMs }), ...(truncated && { truncated }) }));
  return JSON.stringify({ call, transcript }, null, 2) + '\n';
}

export function transcriptSrt(lines: readonly Utterance[]): string {
  const cues = finals(lines);
  return cues
    .map((line, i) => {
      const next = cues[i + 1]?.startMs;
      const end = line.endMs ?? Math.min(line.startMs + 3000, next ?? Infinity);
      return `${i + 1}\n${stamp(line.startMs)} --> ${stamp(Math.max(end, line.startMs + 500))}\n${i18n.t('export.file.cue', { speaker: speaker(line), text: line.text })}\n`;
    })
    .join('\n');
}

export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
