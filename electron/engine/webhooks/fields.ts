// Small readers shared by the provider modules: lenient about where a field lives, strict about types.
import type { Agent, Direction, Party } from '../../../shared/call.ts';
import { JsonRefusedError } from '../json/walk-json.ts';
import { parseJsonExact } from './json-exact.ts';
import { reject, type RejectedDelivery } from './types.ts';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or undefined when it is not valid UTF-8. */
export function decodeUtf8(raw: Uint8Array): string | undefined {
  try {
    return utf8.decode(raw);
  } catch {
    return undefined;
  }
}

/** Decodes and parses a JSON object body, keeping ids exact. */
export function parseObjectBody(raw: Buffer): { ok: true; text: string; body: Json } | RejectedDelivery {
  return parseObjectText(decodeUtf8(raw));
}

/**
 * Parses a body already decoded by `decodeUtf8` (undefined: it was not UTF-8), within the limits
 * of `walkJson`: a body nested deeper than 64 levels, with more than 100,000 values or with a key
 * twice in one object is refused with a 400 that names the problem.
 */
export function parseObjectText(text: string | undefined): { ok: true; text: string; body: Json } | RejectedDelivery {
  if (text === undefined) return reject(400, 'body is not valid UTF-8');
  let body: unknown;
  try {
    body = parseJsonExact(text);
  } catch (error) {
    if (!(error instanceof JsonRefusedError)) throw error;
    return refusedJson(error);
  }
  if (!isObject(body)) return reject(400, 'body must be a JSON object');
  return { ok: true, text, body };
}

/** The 400 for JSON `walkJson` refused, naming the problem (and where, when not in the body). */
export function refusedJson(error: JsonRefusedError, where?: string): RejectedDelivery {
  const at = where ? ` in ${where}` : '';
  if (error.problem === 'syntax') return reject(400, `malformed JSON${at}: ${error.message}`);
  if (error.problem === 'duplicate-key') return reject(400, `ambiguous JSON${at}: ${error.message}; send each key once`);
  return reject(400, `JSON refused${at}: ${error.message}`);
}

/** A string or number as trimmed text; anything else (or empty) as undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The first key of `obj` holding text. */
export function pick(obj: unknown, ...keys: string[]): string | undefined {
  if (!isObject(obj)) return undefined;
  for (const key of keys) {
    const value = text(obj[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The first key of `obj` holding a finite number (or a string of one). */
export function pickNumber(obj: unknown, ...keys: string[]): number | undefined {
  if (!isObject(obj)) return undefined;
  for (const key of keys) {
    const value = obj[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

/** The first key of `obj` holding an object. */
export function pickObject(obj: unknown, ...keys: string[]): Json | undefined {
  if (!isObject(obj)) return undefined;
  for (const key of keys) if (isObject(obj[key])) return obj[key] as Json;
  return undefined;
}

/** The first key of `obj` that is present (not undefined or null), with its name. */
export function pickPresent(obj: unknown, ...keys: string[]): [string, unknown] | undefined {
  if (!isObject(obj)) return undefined;
  for (const key of keys) if (obj[key] !== undefined && obj[key] !== null && obj[key] !== '') return [key, obj[key]];
  return undefined;
}

/** A JSON boolean, or `"true"`/`"false"`, `1`/`0`; anything else as undefined. */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

/** A list of texts (tags, key points): a JSON list of strings or numbers (objects by their `name`), or a comma-separated string. */
export function textList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((t) => t.trim()).filter(Boolean);
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => (isObject(item) ? pick(item, 'name', 'label', 'text', 'title') : text(item))).filter((t): t is string => !!t);
}

const SPEAKER_KEYS = ['speaker', 'role', 'channel', 'from', 'who'];
const LINE_KEYS = ['text', 'content', 'message', 'transcript', 'utterance'];

/**
 * A transcript as text, one line per turn (`speaker: words`): a string as sent, or a list of turns
 * as providers write them (`{"bot": "…"}`, `{"role": "user", "content": "…"}`, `{"speaker": …, "text": …}`).
 */
export function transcriptText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (isObject(value)) return transcriptText(value.turns ?? value.messages ?? value.segments) ?? pick(value, ...LINE_KEYS);
  if (!Array.isArray(value)) return undefined;
  const lines = value.map((turn) => {
    if (typeof turn === 'string') return turn.trim();
    if (!isObject(turn)) return '';
    const words = pick(turn, ...LINE_KEYS);
    if (words) {
      const speaker = pick(turn, ...SPEAKER_KEYS);
      return speaker ? `${speaker}: ${words}` : words;
    }
    // {"bot": "Hello"}: the speaker is the key.
    const entries = Object.entries(turn).filter(([, v]) => typeof v === 'string' && v.trim());
    return entries.length === 1 ? `${entries[0]![0]}: ${(entries[0]![1] as string).trim()}` : '';
  });
  return lines.filter(Boolean).join('\n') || undefined;
}

export function toDirection(value: unknown): Direction | undefined {
  const v = text(value)?.toLowerCase();
  if (!v) return undefined;
  if (['in', 'inbound', 'incoming', 'inbound_call'].includes(v)) return 'inbound';
  if (['out', 'outbound', 'outgoing', 'outbound_call'].includes(v)) return 'outbound';
  if (['internal', 'local', 'intern'].includes(v)) return 'internal';
  return 'unknown';
}

export function toParty(number: string | undefined, name?: string, anonymous?: boolean): Party | undefined {
  if (!number && !name && !anonymous) return undefined;
  const party: Party = {};
  if (number) party.number = number;
  if (name) party.name = name;
  if (anonymous) party.anonymous = true;
  return party;
}

export function toAgent(value: unknown): Agent | undefined {
  if (!isObject(value)) {
    const name = text(value);
    return name ? { name } : undefined;
  }
  const first = pick(value, 'firstname', 'first_name');
  const last = pick(value, 'lastname', 'last_name');
  const name = pick(value, 'name', 'concat_name', 'display_name') ?? ([first, last].filter(Boolean).join(' ') || undefined);
  const agent: Agent = {};
  const id = pick(value, 'id', 'user_id', 'userId', 'agent_id', 'agentId');
  const email = pick(value, 'email');
  const extension = pick(value, 'extension', 'ext');
  if (id) agent.id = id;
  if (name) agent.name = name;
  if (email) agent.email = email;
  if (extension) agent.extension = extension;
  return Object.keys(agent).length ? agent : undefined;
}
