// The attention settings' kinds of value: the alert threshold (a score) and the alert keywords
// (one line per language), with the messages a wrong value gets, and how the engine reads them.
import { z } from 'zod';

/** A whole score from 1 to 100, `fallback` when unset. */
export const score = (fallback: number) => ({
  kind: 'number' as const,
  schema: z.coerce
    .number({ error: 'must be a score from 1 to 100' })
    .int('must be a whole score from 1 to 100')
    .min(1, 'must be a score from 1 to 100')
    .max(100, 'must be a score from 1 to 100')
    .default(fallback),
});

const LINE = /^\s*(?:([a-z]{2,3})\s*:)?\s*(.*)$/i;

/**
 * Keywords per language from lines like `fr: réclamation, avocat` (a line without a language
 * applies to every language): `{ fr: ['réclamation', 'avocat'], '*': [...] }`, each lower-cased.
 */
export function parseKeywordLines(text: string): Record<string, string[]> {
  const byLanguage: Record<string, string[]> = {};
  for (const line of text.split(/\r?\n/)) {
    const [, language, list] = LINE.exec(line) ?? [];
    const words = (list ?? '')
      .split(/[,;]/)
      .map((word) => word.trim().toLowerCase())
      .filter(Boolean);
    if (words.length) (byLanguage[language?.toLowerCase() ?? '*'] ??= []).push(...words);
  }
  return byLanguage;
}

/** The keywords that apply to a call in `language` (its own line, and the lines without a language). */
export function keywordsFor(text: string, language: string): string[] {
  const byLanguage = parseKeywordLines(text);
  return [...(byLanguage[language.slice(0, 2).toLowerCase()] ?? []), ...(byLanguage['*'] ?? [])];
}

/** Keyword lines, `fallback` when unset ("" means none); at most 4000 characters, each word at most 60. */
export const keywordLines = (fallback: string) => ({
  kind: 'textarea' as const,
  schema: z
    .string()
    .max(4000, 'must be at most 4000 characters')
    .refine((text) => Object.values(parseKeywordLines(text)).every((words) => words.every((word) => word.length <= 60)), 'each keyword must be at most 60 characters')
    .default(fallback),
});
