// JSON helpers that never lose a digit. Providers send call ids above 2^53 as JSON numbers;
// `JSON.parse` would round them, so we keep their source text instead.

const ID_KEY = /(^id$|_id$|Id$|^uuid$|_uuid$)/;

/**
 * Parses JSON keeping, as their exact source text, every integer of 16 digits or more and every
 * number under an id-like key (`id`, `call_id`, `callId`…), so ids are always exact strings.
 * One pass quotes those numbers in the text, then the built-in parser does the rest.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteExactNumbers(text));
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The same JSON text with id numbers and long integers turned into strings; valid JSON stays valid. */
export function quoteExactNumbers(text: string): string {
  let out = '';
  let copied = 0;
  let keyStart = -1; // the last string token, while it may still be a key
  let keyEnd = -1;
  let afterColon = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      keyStart = start;
      keyEnd = i + 1;
      afterColon = false;
    } else if (c === 0x3a) {
      afterColon = keyStart >= 0;
    } else if (c === 0x2d || isDigit(c)) {
      const start = i;
      let integer = true;
      let digits = 0;
      for (; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (isDigit(d)) digits++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || (d === 0x2d && i > start)) integer = false;
        else if (!(d === 0x2d && i === start)) break;
      }
      const underIdKey = afterColon && ID_KEY.test(stringToken(text, keyStart, keyEnd));
      if (underIdKey || (integer && digits >= 16)) {
        out += text.slice(copied, start) + '"' + text.slice(start, i) + '"';
        copied = i;
      }
      i--;
      keyStart = -1;
      afterColon = false;
    } else if (!isSpace(c)) {
      keyStart = -1; // { [ , } ] true false null: the next number has no key
      afterColon = false;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
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
