// IBANs in text: a country code, two check digits and up to 30 letters or digits, written together
// or in groups of four, kept only when the MOD 97 check (and the country's length) says it is one.
import { ibanValid } from './checksums.ts';
import type { Span } from './card-numbers.ts';

const CANDIDATE = /\b[A-Z]{2}\s?\d{2}(?:[ -]?[A-Z0-9]){11,30}\b/gi;

/** The IBANs in `text`, in order. A candidate with more groups than its country has is tried shorter. */
export function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    // Trailing groups may be ordinary words or numbers after the IBAN: try the longest valid prefix.
    let candidate = match[0];
    while (candidate.length >= 15) {
      if (ibanValid(candidate.replace(/[\s-]/g, '').toUpperCase())) {
        spans.push({ start: match.index, end: match.index + candidate.length });
        break;
      }
      candidate = candidate.slice(0, -1).replace(/[\s-]+$/, '');
    }
  }
  return spans;
}
