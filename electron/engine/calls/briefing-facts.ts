// Facts a caller says that a pattern finds without a model: order and account numbers, dates,
// e-mail addresses, phone numbers and names ("my name is…", "je m'appelle…"), in English and
// French. Deliberately literal: what the LLM's side request understands beyond this is added as
// its own facts (source `model`).
import type { BriefingFact, FactKind } from '../../../shared/briefing.ts';

const NUMBER_WORD = String.raw`(?:number|no\.?|nr\.?|num(?:ber|éro)?|n°|#|ref(?:erence)?|id)`;
/** An identifier: letters, digits and dashes, with at least one digit (so "order of shoes" is no order number). */
const IDENT = String.raw`([A-Z]{0,4}[- ]?\d[\dA-Z-]{1,24})`;
const LINK = String.raw`(?:\s+(?:is|was|est|c'est|:))?\s*[:#]?\s*`;

const MONTHS_EN = 'january|february|march|april|may|june|july|august|september|october|november|december';
const MONTHS_FR = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';

const PATTERNS: { kind: FactKind; pattern: RegExp }[] = [
  { kind: 'order', pattern: new RegExp(String.raw`\b(?:order|commande|parcel|colis|package|ticket|dossier)(?:\s+${NUMBER_WORD})?${LINK}${IDENT}`, 'giu') },
  { kind: 'account', pattern: new RegExp(String.raw`\b(?:account|customer|client|compte|contract|contrat|membership)(?:\s+${NUMBER_WORD})?${LINK}${IDENT}`, 'giu') },
  { kind: 'email', pattern: /\b([\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,})\b/giu },
  { kind: 'date', pattern: /\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b/g },
  { kind: 'date', pattern: new RegExp(String.raw`\b((?:${MONTHS_EN})\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS_EN})|(?:le\s+)?\d{1,2}(?:er)?\s+(?:${MONTHS_FR}))\b`, 'giu') },
  { kind: 'phone', pattern: /(?<![\d])(\+?\d[\d .-]{7,16}\d)(?![\d])/g },
  { kind: 'name', pattern: /\b(?:my name is|my name's|name is|je m'appelle|je m’appelle|mon nom est|c'est monsieur|c'est madame)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)/gu },
];

/** The facts in one caller line, in the order found; a value already found in `known` is not repeated. */
export function factsIn(text: string, known: readonly BriefingFact[] = []): BriefingFact[] {
  const found: BriefingFact[] = [];
  const seen = new Set(known.map((fact) => `${fact.kind}:${fact.value.toLowerCase()}`));
  const taken: [number, number][] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1]!.trim().replace(/[.,;:!?]+$/, '');
      const start = match.index + match[0].length - match[1]!.length;
      // A number already read as an order number or a date is not also a phone number.
      if (taken.some(([from, to]) => start < to && start + value.length > from)) continue;
      taken.push([start, start + value.length]);
      const key = `${kind}:${value.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ kind, value, source: 'pattern' });
    }
  }
  return found;
}
