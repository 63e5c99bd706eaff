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

/** Every word spoken-numbers.ts reads as a number: a text with none of them and few digits holds no card number. */
const NUMBER_WORD =
  /(?:^|[^\p{L}])(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|double|triple|zéro|un|une|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante)(?!\p{L})/iu;
const DIGIT = /\d/g;
/** How an IBAN starts: a country code and check digits as a word's start, then a group (`FR76 3000`, `DE8937…`). */
const IBAN_START = /\b[A-Z]{2}\s?\d{2}[ -]?[A-Z0-9]{4}/i;

/**
 * Whether `text` may hold anything `options` redacts: a quick look (no tokenizing) that lets most
 * texts of a busy receiver through at the cost of a few regular expressions.
 */
export function mayHoldPersonalData(text: string, options: RedactionOptions = {}): boolean {
  const digits = text.match(DIGIT)?.length ?? 0;
  if (digits >= 13 || NUMBER_WORD.test(text) || IBAN_START.test(text)) return true;
  if (options.emails && text.includes('@')) return true;
  return options.phones === true && digits >= 6;
}

/** `text` with what `options` asks replaced by its label (REDACTED_LABELS), and what was found. */
export function redact(text: string, options: RedactionOptions = {}): Redacted {
  const found = new Set<RedactedKind>();
  if (!mayHoldPersonalData(text, options)) return { text, found };
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
