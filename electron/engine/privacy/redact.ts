// Redaction of personal data in what Ringside keeps and shows (transcripts, summaries, timelines,
// exports, search, the LLM's history): payment card numbers and IBANs always, e-mail addresses and
// phone numbers other than the call's own when the settings say so. Pure functions: the same text
// and options give the same result, and nothing is remembered.
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { findCardNumbers, type Span } from './card-numbers.ts';
import { findIbans } from './ibans.ts';

export type RedactedKind = 'card' | 'iban' | 'email' | 'phone';

/** What a supervisor reads in place of the data: never the digits. */
export const REDACTED_LABELS: Record<RedactedKind, string> = {
  card: '[card number]',
  iban: '[IBAN]',
  email: '[e-mail]',
  phone: '[phone number]',
};

export interface RedactionOptions {
  /** Replace e-mail addresses too. */
  emails?: boolean;
  /** Replace phone numbers too, except `ownNumbers`. */
  phones?: boolean;
  /** The call's own numbers (any format): the parties' numbers are the call's, not data said in it. */
  ownNumbers?: readonly (string | undefined)[];
  /** Where national numbers (`06 12 34 56 78`) are read from, e.g. FR; default: from the call's numbers, else FR. */
  defaultCountry?: CountryCode;
}

export interface Redacted {
  text: string;
  /** What was replaced (empty: the text is unchanged). */
  found: ReadonlySet<RedactedKind>;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

/** `text` with what `options` asks replaced by its label (REDACTED_LABELS), and what was found. */
export function redact(text: string, options: RedactionOptions = {}): Redacted {
  const found = new Set<RedactedKind>();
  // Cards first: their digits must not be read again as a phone number or part of an IBAN.
  let out = replaceSpans(text, findCardNumbers(text), 'card', found);
  out = replaceSpans(out, findIbans(out), 'iban', found);
  if (options.emails) out = replaceSpans(out, [...out.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length })), 'email', found);
  if (options.phones) out = replaceSpans(out, otherPhones(out, options), 'phone', found);
  return { text: out, found };
}

/** `redact(text, options).text`, for the places that only keep the text. */
export const redactText = (text: string, options?: RedactionOptions): string => redact(text, options).text;

function replaceSpans(text: string, spans: Span[], kind: RedactedKind, found: Set<RedactedKind>): string {
  if (spans.length === 0) return text;
  found.add(kind);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + REDACTED_LABELS[kind];
    at = span.end;
  }
  return out + text.slice(at);
}

/** Phone numbers in `text` that are not the call's own (compared as E.164). */
function otherPhones(text: string, { ownNumbers = [], defaultCountry }: RedactionOptions): Span[] {
  const own = new Set<string>();
  let country = defaultCountry;
  for (const number of ownNumbers) {
    const parsed = number ? parsePhoneNumberFromString(number, defaultCountry ?? 'FR') : undefined;
    if (!parsed) continue;
    own.add(parsed.number);
    country ??= parsed.country;
  }
  return findPhoneNumbersInText(text, { defaultCountry: country ?? 'FR' })
    .filter((match) => !own.has(match.number.number))
    .map((match) => ({ start: match.startsAt, end: match.endsAt }));
}
