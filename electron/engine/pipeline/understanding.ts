// The LLM's side request on a live call: one small structured request per caller utterance at most
// (call-understanding.ts keeps the budget), asking what words alone miss: whether the caller is
// frustrated or asks for a person, their mood, what they want, the facts they gave, what the bot
// promised and the question still open. It feeds attention (`understood.*` reasons) and the
// briefing. The demo models recognise it by `UNDERSTANDING_MARK` in its instructions.
import type OpenAI from 'openai';
import { z } from 'zod';
import { FACT_KINDS, MOODS, type FactKind, type Mood } from '../../../shared/briefing.ts';

/** The words the instructions carry that no other request does (the demo models and fakes key on them). */
export const UNDERSTANDING_MARK = 'asks_for_person';

export const UNDERSTANDING_INSTRUCTIONS = `You help the supervisor of a live support phone call between a caller and a voice bot. Read the transcript so far.
Answer with one JSON object only, no prose:
{"wants": "<what the caller wants, one short sentence, or empty>",
 "facts": [{"kind": "<one of ${FACT_KINDS.join(', ')}>", "value": "<exactly as the caller said it>"}],
 "promises": ["<what the bot promised or did for the caller, a few words each>"],
 "open_question": "<the question still open between the caller and the bot, or empty>",
 "mood": "<the caller's mood now: one of ${MOODS.join(', ')}>",
 "frustrated": <true when the caller is frustrated or upset, even politely or without saying so>,
 "${UNDERSTANDING_MARK}": <true when the caller wants a human, in any words>}
Write in the language of the call.`;

export interface Understanding {
  wants?: string;
  facts: { kind: FactKind; value: string }[];
  promises: string[];
  openQuestion?: string;
  mood?: Mood;
  frustrated: boolean;
  asksForPerson: boolean;
}

/** Asks the model about `transcript` (`speaker: words` lines); rejects on failure or when `signal` aborts. */
export async function understand(client: OpenAI, model: string, transcript: string, signal: AbortSignal): Promise<Understanding> {
  const completion = await client.chat.completions.create(
    {
      model,
      messages: [
        { role: 'system', content: UNDERSTANDING_INSTRUCTIONS },
        { role: 'user', content: transcript },
      ],
      response_format: { type: 'json_object' },
    },
    { signal, maxRetries: 0 },
  );
  return readUnderstanding(completion.choices[0]?.message.content ?? '');
}

const text = (max: number) => z.string().trim().max(max * 4).transform((value) => value.slice(0, max)).catch('');
const answerSchema = z.object({
  wants: text(200),
  facts: z
    .array(z.object({ kind: z.enum(FACT_KINDS).catch('other'), value: z.string().trim().min(1).max(100) }).nullable().catch(null))
    .max(40)
    .catch([])
    .transform((facts) => facts.filter((fact) => fact !== null).slice(0, 12)),
  promises: z
    .array(z.string().trim().max(200).nullable().catch(null))
    .max(40)
    .catch([])
    .transform((list) => list.filter((item): item is string => !!item).slice(0, 8)),
  open_question: text(200),
  mood: z.enum(MOODS).optional().catch(undefined),
  frustrated: z.boolean().catch(false),
  [UNDERSTANDING_MARK]: z.boolean().catch(false),
});

/** Reads the model's answer, tolerating prose around the JSON and wrong fields; never throws. */
export function readUnderstanding(answer: string): Understanding {
  let json: unknown = {};
  try {
    json = JSON.parse(answer.match(/\{[\s\S]*\}/)?.[0] ?? '{}');
  } catch {
    // Not JSON: nothing understood.
  }
  const parsed = answerSchema.safeParse(json && typeof json === 'object' ? json : {});
  if (!parsed.success) return { facts: [], promises: [], frustrated: false, asksForPerson: false };
  const a = parsed.data;
  return {
    ...(a.wants && { wants: a.wants }),
    facts: a.facts,
    promises: a.promises,
    ...(a.open_question && { openQuestion: a.open_question }),
    ...(a.mood && { mood: a.mood }),
    frustrated: a.frustrated,
    asksForPerson: a[UNDERSTANDING_MARK],
  };
}
