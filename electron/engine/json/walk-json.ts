// One walk over JSON text (RFC 8259), token by token and without recursion, within limits set for
// text from peers: how deep it nests, how many values it holds, and no key twice in one object.
// Every JSON the engine parses from a peer is walked first, so the built-in parser that follows
// only ever sees bounded, unambiguous text.

/** Containers inside containers, at most: real deliveries nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;
/** Values (scalars and containers) in one text, at most: a 1 MiB body could hold ~500,000. */
export const MAX_JSON_VALUES = 100_000;

export interface JsonLimits {
  maxDepth?: number;
  maxValues?: number;
  /**
   * Refuse an object that holds the same key twice (compared after decoding escapes). On by
   * default: parsers disagree on which duplicate wins, so a signed body would mean two things.
   */
  refuseDuplicateKeys?: boolean;
}

export type JsonProblem = 'syntax' | 'depth' | 'size' | 'duplicate-key';

/** Why a text was refused; `position` is the index in the text where the walk stopped. */
export class JsonRefusedError extends Error {
  readonly problem: JsonProblem;
  readonly position: number;
  constructor(problem: JsonProblem, message: string, position: number) {
    super(`${message} (at position ${position})`);
    this.name = 'JsonRefusedError';
    this.problem = problem;
    this.position = position;
  }
}

export type JsonValueKind = 'object' | 'array' | 'string' | 'number' | 'literal';

export interface JsonVisitor {
  /**
   * Called as each value ends (a container after everything inside it): `text.slice(start, end)`
   * is its source, `key` its member key (decoded) when it sits in an object, `depth` the number of
   * containers around it (0 for the top value). Returning true stops the walk there.
   */
  value?(kind: JsonValueKind, start: number, end: number, key: string | undefined, depth: number): boolean | void;
}

interface Frame {
  object: boolean;
  start: number;
  /** This container's own key in its parent object. */
  key: string | undefined;
  /** The key of the member being read (objects). */
  member: string | undefined;
  keys: Set<string> | undefined;
}

// What may come next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const DONE = 6;

/**
 * Walks `text` as one JSON value, calling `visitor` as values end. Returns the index where the
 * walk stopped: `text.length`, or just after the value the visitor stopped at.
 * @throws JsonRefusedError for text that is not JSON, nests deeper than `maxDepth`, holds more
 * than `maxValues` values, or (unless allowed) repeats a key in one object. Work is linear in
 * the text read, and memory in the depth reached.
 */
export function walkJson(text: string, visitor: JsonVisitor = {}, limits: JsonLimits = {}): number {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxValues = limits.maxValues ?? MAX_JSON_VALUES;
  const refuseDuplicates = limits.refuseDuplicateKeys ?? true;
  const onValue = visitor.value;
  const stack: Frame[] = [];
  const n = text.length;
  let expect = VALUE;
  let values = 0;
  let i = 0;

  const close = (): boolean => {
    const frame = stack.pop()!;
    i++;
    expect = stack.length ? COMMA_OR_CLOSE : DONE;
    return onValue?.(frame.object ? 'object' : 'array', frame.start, i, frame.key, stack.length) === true;
  };

  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
    if (i >= n) break;
    const top = stack[stack.length - 1];
    if (expect === VALUE_OR_CLOSE || expect === KEY_OR_CLOSE) {
      if (c === (expect === KEY_OR_CLOSE ? 0x7d : 0x5d)) {
        if (close()) return i;
        continue;
      }
      expect = expect === KEY_OR_CLOSE ? KEY : VALUE;
    }
    switch (expect) {
      case VALUE: {
        if (++values > maxValues) throw new JsonRefusedError('size', `JSON holds more than ${maxValues} values`, i);
        const key = top?.object ? top.member : undefined;
        if (c === 0x7b || c === 0x5b) {
          if (stack.length >= maxDepth) throw new JsonRefusedError('depth', `JSON nests deeper than ${maxDepth} levels`, i);
          stack.push({ object: c === 0x7b, start: i, key, member: undefined, keys: undefined });
          expect = c === 0x7b ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
          i++;
          continue;
        }
        let kind: JsonValueKind;
        let end: number;
        if (c === 0x22) {
          kind = 'string';
          end = endOfString(text, i);
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          kind = 'number';
          end = endOfNumber(text, i);
        } else {
          kind = 'literal';
          end = endOfLiteral(text, i);
        }
        const start = i;
        i = end;
        expect = stack.length ? COMMA_OR_CLOSE : DONE;
        if (onValue?.(kind, start, end, key, stack.length) === true) return i;
        continue;
      }
      case KEY: {
        if (c !== 0x22) throw unexpected(text, i, 'a key in double quotes');
        const end = endOfString(text, i);
        const key = decodeJsonString(text, i, end);
        if (refuseDuplicates) {
          const keys = (top!.keys ??= new Set());
          if (keys.has(key)) throw new JsonRefusedError('duplicate-key', `JSON object has the key ${quoteShort(key)} twice`, i);
          keys.add(key);
        }
        top!.member = key;
        i = end;
        expect = COLON;
        continue;
      }
      case COLON:
        if (c !== 0x3a) throw unexpected(text, i, '":"');
        i++;
        expect = VALUE;
        continue;
      case COMMA_OR_CLOSE:
        if (c === 0x2c) {
          i++;
          expect = top!.object ? KEY : VALUE;
          continue;
        }
        if (c === (top!.object ? 0x7d : 0x5d)) {
          if (close()) return i;
          continue;
        }
        throw unexpected(text, i, top!.object ? '"," or "}"' : '"," or "]"');
      default:
        throw unexpected(text, i, 'nothing after the JSON value');
    }
  }
  if (expect !== DONE) throw new JsonRefusedError('syntax', 'JSON text ends too soon', n);
  return n;
}

/** The value of the JSON string token `text[start, end)`, which `walkJson` has checked. */
export function decodeJsonString(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/** Index just after the string token starting at `quote`; checks its escapes. */
function endOfString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new JsonRefusedError('syntax', 'JSON string holds a raw control character', i);
    if (c === 0x5c) {
      const e = text.charCodeAt(++i);
      if (e === 0x75) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new JsonRefusedError('syntax', 'bad \\u escape in a JSON string', i);
        i += 4;
      } else if (!(e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74)) {
        throw new JsonRefusedError('syntax', 'bad escape in a JSON string', i);
      }
    }
  }
  throw new JsonRefusedError('syntax', 'JSON string is not closed', text.length);
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Index just after the number starting at `start`: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function endOfNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else throw new JsonRefusedError('syntax', 'bad number in JSON', i);
  if (text.charCodeAt(i) === 0x2e) {
    if (!isDigit(text.charCodeAt(++i))) throw new JsonRefusedError('syntax', 'bad number in JSON', i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    const sign = text.charCodeAt(++i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) throw new JsonRefusedError('syntax', 'bad number in JSON', i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

function endOfLiteral(text: string, start: number): number {
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, start)) return start + literal.length;
  throw unexpected(text, start, 'a JSON value');
}

function unexpected(text: string, i: number, expected: string): JsonRefusedError {
  return new JsonRefusedError('syntax', `unexpected ${JSON.stringify(text.slice(i, i + 1))} in JSON, expected ${expected}`, i);
}

/** A key as shown in an error: quoted, and cut short (a peer chooses it). */
function quoteShort(key: string): string {
  return JSON.stringify(key.length > 40 ? key.slice(0, 40) + '…' : key);
}
