// Payment card numbers (PANs) in a transcript, however they were said or typed: 13 to 19 digits,
// written together, in groups, or as words (spoken-numbers.ts), that pass the Luhn check and start
// like a card of a major network (2–6: Mastercard, Amex, Diners, JCB, Visa, Discover, UnionPay).
// The check digit lets ordinary numbers through: an order number, a date, a phone number.
import { luhnValid } from './checksums.ts';
import { numberRuns, type NumberChunk } from './spoken-numbers.ts';

/** Where a card number is in the text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Card numbers have 13 to 19 digits (ISO/IEC 7812-1). */
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
/** The first digit (major industry identifier) of the cards a caller reads out. */
const CARD_FIRST_DIGIT = /^[2-6]/;

/**
 * The card numbers in `text`, in order, none overlapping. Within a run of numbers, the longest
 * Luhn-valid stretch of whole chunks starting at each chunk is taken, left to right.
 */
export function findCardNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of numberRuns(text)) {
    let i = 0;
    while (i < run.length) {
      const end = longestCardFrom(run, i);
      if (end === undefined) {
        i++;
        continue;
      }
      spans.push({ start: run[i]!.start, end: run[end]!.end });
      i = end + 1;
    }
  }
  return spans;
}

/** The index of the last chunk of the longest card number starting at chunk `i`, if any. */
function longestCardFrom(run: NumberChunk[], i: number): number | undefined {
  let digits = '';
  let found: number | undefined;
  for (let j = i; j < run.length; j++) {
    digits += run[j]!.digits;
    if (digits.length > MAX_DIGITS) break;
    if (digits.length >= MIN_DIGITS && CARD_FIRST_DIGIT.test(digits) && luhnValid(digits)) found = j;
  }
  return found;
}
