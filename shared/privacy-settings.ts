// The privacy settings' kinds of value: a retention period in days (0 keeps the data), and on/off.
import { z } from 'zod';

/** Days to keep a kind of data, 0 (the default) to keep it; at most ten years. */
export const retentionDays = () => ({
  kind: 'number' as const,
  schema: z.coerce
    .number({ error: 'must be a number of days (0 keeps the data)' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 (keep) or more days')
    .max(3650, 'must be 3650 days or less')
    .default(0),
});

/** Whether a kind of personal data is hidden (`hide`) or kept as said (`keep`), `fallback` when unset. */
export const hideOrKeep = (fallback: 'hide' | 'keep') => ({
  kind: 'select' as const,
  options: ['hide', 'keep'] as const,
  schema: z.enum(['hide', 'keep'], { error: 'must be hide or keep' }).default(fallback),
});

/** The recording notice: one line per language (`fr: Cet appel est enregistré.`), "" for none. */
export const noticeLines = () => ({
  kind: 'textarea' as const,
  schema: z.string().max(2000, 'must be at most 2000 characters').default(''),
});

/**
 * The notice for a call in `language` from lines like `fr: Cet appel est enregistré.`: its own
 * line, else a line without a language; undefined when none applies.
 */
export function noticeFor(lines: string, language: string): string | undefined {
  const wanted = language.slice(0, 2).toLowerCase();
  let fallback: string | undefined;
  for (const line of lines.split(/\r?\n/)) {
    const match = /^\s*(?:([a-z]{2,3})\s*:)?\s*(.*?)\s*$/i.exec(line);
    const text = match?.[2];
    if (!text) continue;
    if (match[1]?.toLowerCase() === wanted) return text;
    if (!match[1]) fallback ??= text;
  }
  return fallback;
}
