// Transcript export: plain text, JSON (the call and its lines) and SRT subtitles that line up
// with the recording.
import type { Call, Utterance } from '../../../../shared/call.ts';

const SPEAKERS = { caller: 'Caller', bot: 'Bot', supervisor: 'Supervisor' } as const;

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
  const head = [`Call ${call.providerCallId} (${call.provider}), ${call.from.name ?? call.from.number ?? 'unknown'} → ${call.to.name ?? call.to.number ?? 'unknown'}`, `Started ${call.startedAt}`];
  if (call.summary) head.push(`Summary: ${call.summary}`);
  if (call.disposition) head.push(`Disposition: ${call.disposition}`);
  const body = finals(lines).map((l) => `[${stamp(l.startMs, '.').slice(0, 8)}] ${SPEAKERS[l.speaker]}: ${l.text}${l.truncated ? ' (cut off)' : ''}`);
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
      return `${i + 1}\n${stamp(line.startMs)} --> ${stamp(Math.max(end, line.startMs + 500))}\n${SPEAKERS[line.speaker]}: ${line.text}\n`;
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
