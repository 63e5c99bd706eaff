// Ringover's own AI data about a call, when the account has it (Ringover's AI transcription and
// summaries): GET /transcriptions/{call_id} → {call_id, transcription_data: {speeches: [{channel_id,
// start, end, text}], text}, summary?, moments?}. A 404 or 204 means the account has none for it.
import type { RingoverInsights } from '../../../shared/ringover.ts';
import { isObject, pick, pickObject, type Json } from '../webhooks/fields.ts';
import { RingoverApiError, type RingoverApi } from './api-client.ts';

export async function ringoverInsights(api: RingoverApi, providerCallId: string): Promise<RingoverInsights> {
  if (!api.configured) return { available: false, problem: 'no Ringover API key: set “API key” (Ringover) in Settings' };
  let body: unknown;
  try {
    ({ body } = await api.request('calls', `/transcriptions/${encodeURIComponent(providerCallId)}`));
  } catch (error) {
    if (error instanceof RingoverApiError && error.kind === 'not-found') return { available: false };
    throw error;
  }
  const record: Json | undefined = Array.isArray(body) ? body.find(isObject) : isObject(body) ? (Array.isArray(body.list) ? body.list.find(isObject) : body) : undefined;
  if (!record) return { available: false };
  const data = pickObject(record, 'transcription_data') ?? record;
  const speeches = Array.isArray(data.speeches) ? data.speeches.filter(isObject) : [];
  const transcript = speeches
    .map((s) => ({ speaker: pick(s, 'speaker', 'channel_id', 'channelId') ?? '', text: pick(s, 'text') ?? '', startSeconds: typeof s.start === 'number' ? s.start : undefined }))
    .filter((s) => s.text)
    .map((s) => ({ ...s, speaker: /^\d+$/.test(s.speaker) ? `channel ${s.speaker}` : s.speaker }));
  const moments = (Array.isArray(record.moments) ? record.moments : Array.isArray(data.moments) ? data.moments : [])
    .filter(isObject)
    .map((m) => ({ label: pick(m, 'label', 'name', 'text', 'title') ?? '', atSeconds: typeof m.start === 'number' ? m.start : typeof m.time === 'number' ? m.time : undefined }))
    .filter((m) => m.label);
  const summary = pick(record, 'summary') ?? pick(data, 'summary');
  const text = transcript.length ? undefined : pick(data, 'text');
  const insights: RingoverInsights = { available: Boolean(summary || transcript.length || moments.length || text) };
  if (summary) insights.summary = summary;
  if (transcript.length) insights.transcript = transcript;
  else if (text) insights.transcript = [{ speaker: '', text }];
  if (moments.length) insights.moments = moments;
  return insights;
}
