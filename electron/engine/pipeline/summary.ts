// After a call: a short summary and a disposition, from the LLM, given the transcript.
import type OpenAI from 'openai';
import type { Disposition } from '../../../shared/call.ts';

export const DISPOSITIONS: Disposition[] = ['resolved', 'needs-follow-up', 'transferred', 'abandoned', 'voicemail', 'other'];

export interface CallSummary {
  summary: string;
  disposition: Disposition;
}

const INSTRUCTIONS = `You write the after-call note of a support phone call from its transcript.
Answer with one JSON object only: {"summary": "<one or two sentences: why they called, what was done>", "disposition": "<one of ${DISPOSITIONS.join(', ')}>"}.`;

export async function summarize(client: OpenAI, model: string, transcript: string, signal: AbortSignal): Promise<CallSummary> {
  const completion = await client.chat.completions.create(
    { model, messages: [{ role: 'system', content: INSTRUCTIONS }, { role: 'user', content: transcript }] },
    { signal },
  );
  return readSummary(completion.choices[0]?.message.content ?? '');
}

/** Reads the model's answer, tolerating prose around the JSON; never throws. */
export function readSummary(answer: string): CallSummary {
  const json = answer.match(/\{[\s\S]*\}/)?.[0];
  try {
    const parsed = json ? (JSON.parse(json) as { summary?: unknown; disposition?: unknown }) : {};
    const summary = typeof parsed.summary === 'string' && parsed.summary.trim() ? parsed.summary.trim() : answer.trim();
    const disposition = DISPOSITIONS.includes(parsed.disposition as Disposition) ? (parsed.disposition as Disposition) : 'other';
    return { summary: summary.slice(0, 1000), disposition };
  } catch {
    return { summary: answer.trim().slice(0, 1000), disposition: 'other' };
  }
}
