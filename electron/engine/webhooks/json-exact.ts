// JSON helpers for webhook bodies: parse without losing a digit (providers send call ids above
// 2^53 as JSON numbers, which `JSON.parse` would round, so we keep their source text instead),
// redact secrets from the tokens, and find one member before parsing the rest.
import { decodeJsonString, JsonRefusedError, walkJson, type JsonLimits } from '../json/walk-json.ts';

const ID_KEY = /(^id$|_id$|Id$|^uuid$|_uuid$)/;

/**
 * Parses JSON from a peer keeping, as their exact source text, every integer of 16 digits or more
 * and every number under an id-like key (`id`, `call_id`, `callId`…), so ids are always exact
 * strings. One walk checks the limits (depth 64, 100,000 values, no duplicate key) and finds those
 * numbers; the built-in parser then reads the text with them quoted.
 * @throws JsonRefusedError for text that is not JSON or breaks a limit.
 */
export function parseJsonExact(text: string, limits?: JsonLimits): unknown {
  const quoted: number[] = [];
  walkJson(
    text,
    {
      value(kind, start, end, key) {
        if (kind === 'number' && ((key !== undefined && ID_KEY.test(key)) || isLongInteger(text, start, end))) quoted.push(start, end);
      },
    },
    limits,
  );
  return JSON.parse(quoted.length ? replaceSpans(text, quoted, (start, end) => `"${text.slice(start, end)}"`) : text);
}

/** An integer of 16 digits or more (beyond what a double keeps exactly from 2^53 on). */
function isLongInteger(text: string, start: number, end: number): boolean {
  const digits = end - start - (text.charCodeAt(start) === 0x2d ? 1 : 0);
  if (digits < 16) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x65 || c === 0x45) return false;
  }
  return true;
}

/** `text` with each span `[spans[k], spans[k+1])` (in order, not overlapping) replaced. */
function replaceSpans(text: string, spans: number[], replace: (start: number, end: number) => string): string {
  let out = '';
  let copied = 0;
  for (let k = 0; k < spans.length; k += 2) {
    out += text.slice(copied, spans[k]) + replace(spans[k]!, spans[k + 1]!);
    copied = spans[k + 1]!;
  }
  return out + text.slice(copied);
}

export const REDACTED = '"[redacted]"';

/**
 * The JSON text with secrets replaced by `"[redacted]"`: the value of every member whose key (as
 * decoded, so `"api_tok\u0065n"` is `api_token`) is in `keys`, at any depth, and every string
 * whose decoded value is one of `values`. Read from the tokens, never by matching text.
 * @throws JsonRefusedError for text that `parseJsonExact` would refuse.
 */
export function redactJson(text: string, keys: ReadonlySet<string>, values: readonly string[] = []): string {
  const spans: number[] = [];
  walkJson(text, {
    value(kind, start, end, key) {
      const secret =
        (key !== undefined && keys.has(key)) || (kind === 'string' && values.length > 0 && values.includes(decodeJsonString(text, start, end)));
      if (!secret) return;
      // A container ends after what it holds: drop the spans already taken inside it.
      while (spans.length && spans[spans.length - 2]! >= start) spans.length -= 2;
      spans.push(start, end);
    },
  });
  return spans.length ? replaceSpans(text, spans, () => REDACTED) : text;
}

/**
 * The source span of the member `key` of the top-level object, found by walking only as far as
 * that member (within the limits), so a peer's text can be checked before it is parsed whole.
 * Returns undefined when the object has no such member.
 * @throws JsonRefusedError when the text is not a JSON object, or is refused before the member.
 */
export function findTopLevelMember(text: string, key: string, limits?: JsonLimits): { start: number; end: number } | undefined {
  const first = text.search(/\S/);
  if (text.charCodeAt(first) !== 0x7b) throw new JsonRefusedError('syntax', 'JSON body must be an object', Math.max(first, 0));
  let found: { start: number; end: number } | undefined;
  walkJson(
    text,
    {
      value(_kind, start, end, member, depth) {
        if (depth !== 1 || member !== key) return false;
        found = { start, end };
        return true;
      },
    },
    limits,
  );
  return found;
}

/** The JSON text without insignificant whitespace; every token is kept byte for byte. */
export function compactJson(text: string): string {
  let out = '';
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

/**
 * The members of a top-level JSON object, each value as its compact source text.
 * Returns undefined when the text is not a JSON object.
 */
export function topLevelMembers(json: string): Map<string, string> | undefined {
  try {
    return scanMembers(compactJson(json));
  } catch {
    return undefined; // a key with a broken escape
  }
}

function scanMembers(text: string): Map<string, string> | undefined {
  if (text[0] !== '{') return undefined;
  const members = new Map<string, string>();
  let i = 1;
  while (i < text.length && text[i] !== '}') {
    if (text[i] !== '"') return undefined;
    const keyEnd = endOfString(text, i);
    if (text[keyEnd] !== ':') return undefined;
    const key = stringToken(text, i, keyEnd);
    const valueStart = keyEnd + 1;
    const valueEnd = endOfValue(text, valueStart);
    members.set(key, text.slice(valueStart, valueEnd));
    i = text[valueEnd] === ',' ? valueEnd + 1 : valueEnd;
  }
  return members;
}

/** The value of the JSON string token text[start, end); only escapes need the full parser. */
function stringToken(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

function endOfString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function endOfValue(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = endOfString(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return text.length;
}
