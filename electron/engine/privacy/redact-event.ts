// Redaction of what the store keeps of a delivery: the free text of its event (transcript, summary,
// comments, analysis, what was said, an SMS) and the raw body as the provider sent it. Structured
// fields (ids, the parties' numbers and e-mails, a transfer target) are the call's own data, not
// something said in it: they stay, and erasure (not redaction) removes them.
import type { CallEvent } from '../../../shared/call.ts';
import { EventNotStoredError, type Delivery } from '../store/store-writer.ts';
import { mayHoldPersonalData, redactText, type RedactionOptions } from './redact.ts';

/** Keys whose values are identifiers or the call's own structured data, never redacted. */
const STRUCTURED = /(^|_)id$|Id$|^id$|uuid|number|phone|^from$|^to$|email|mail$|token|signature|^url$|Url$|_url$|^command$|^stream$|^recording$|^metrics$|transferredTo/i;
/** Deeper than this, an event's detail is refused rather than kept unchecked (no provider nests so deep). */
const MAX_DEPTH = 64;
/** Shorter strings hold nothing redaction looks for (the shortest, an e-mail, has 6 characters). */
const SHORTEST = 6;

/** `delivery` with its event's free text and its raw body redacted; the same object when nothing changed. */
export function redactDelivery(delivery: Delivery, options: RedactionOptions): Delivery {
  const event = redactEventText(delivery.event, options);
  const storedBody = delivery.storedBody === undefined ? undefined : redactJsonText(delivery.storedBody, options);
  if (event === delivery.event && storedBody === delivery.storedBody) return delivery;
  return { ...delivery, event, ...(storedBody !== undefined && { storedBody }) };
}

/** The free-text fields of an event, redacted (the same object when nothing changed). */
export function redactEventText<T extends Partial<CallEvent>>(event: T, options: RedactionOptions): T {
  const changed: Partial<CallEvent> = {};
  for (const key of ['transcript', 'summary', 'comments'] as const) {
    const value = event[key];
    if (typeof value === 'string') {
      const redacted = redactText(value, options);
      if (redacted !== value) changed[key] = redacted;
    }
  }
  for (const key of ['analysis', 'customAnalysis', 'detail'] as const) {
    const value = event[key];
    if (value === undefined) continue;
    const redacted = redactStrings(value, options);
    if (redacted !== value) (changed as Record<string, unknown>)[key] = redacted;
  }
  return Object.keys(changed).length ? { ...event, ...changed } : event;
}

/**
 * Every string inside `value` (but under structured keys) redacted; the same object when nothing
 * changed. Throws EventNotStoredError 400 for a value nested too deep to check.
 */
export function redactStrings<T>(value: T, options: RedactionOptions, depth = 0): T {
  if (typeof value === 'string') return (value.length < SHORTEST ? value : redactText(value, options)) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw new EventNotStoredError(400, `this event is nested deeper than ${MAX_DEPTH} levels and cannot be checked for card numbers; it was not stored`);
  if (Array.isArray(value)) {
    const items = value.map((item) => redactStrings(item, options, depth + 1));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (STRUCTURED.test(key)) continue;
    const redacted = redactStrings(inner, options, depth + 1);
    if (redacted !== inner) (out ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (out ?? value) as T;
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/**
 * A JSON text (a raw webhook body) with its string values redacted, everything else byte for byte
 * as it was (numbers too: call ids beyond 2^53 stay exact). A value under a structured key stays.
 * Text that is not JSON is redacted whole.
 */
export function redactJsonText(text: string, options: RedactionOptions): string {
  if (!mayHoldPersonalData(text, options)) return text;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return redactText(text, options);
  let lastKey = ''; // the last key's literal, decoded only when a value under it needs checking
  return text.replace(JSON_STRING, (token: string, colon: string | undefined) => {
    if (colon) {
      lastKey = token.slice(0, token.length - colon.length);
      return token;
    }
    // Most values are short words, ids and times: only a value that may hold something is decoded.
    if (token.length < SHORTEST + 2 || !mayHoldPersonalData(token, options)) return token;
    let value: string;
    let key: string;
    try {
      value = JSON.parse(token) as string;
      key = lastKey ? (JSON.parse(lastKey) as string) : '';
    } catch {
      return token;
    }
    if (STRUCTURED.test(key)) return token;
    const redacted = redactText(value, options);
    return redacted === value ? token : JSON.stringify(redacted);
  });
}
