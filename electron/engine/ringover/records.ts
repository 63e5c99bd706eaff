// Ringover's API records as Ringside reads them, each field from Ringover's API reference
// (developer.ringover.com) and the public clients that use it:
// - GET /calls → {total_call_count, call_list_count, call_list: [{cdr_id, call_id, channel_id,
//   type, direction ("in"|"out"), is_answered, last_state ("ANSWERED", "MISSED", "VOICEMAIL",
//   "FAILED", "CANCELLED"…), start_time, answered_time, end_time (ISO), total_duration,
//   incall_duration (s), from_number, to_number, contact_number, record, voicemail, note,
//   tags [{tag_id, name}], user {user_id, firstname, lastname, concat_name, email}, contact
//   {contact_id, concat_name, company}}]}; paged with limit_count / limit_offset; 204 when empty.
// - GET /contacts?search= → {contact_list: [{contact_id, firstname, lastname, concat_name, company,
//   numbers: [{number, type, format: {e164}}]}]}.
// - GET /users → {list: [{user_id, firstname, lastname, concat_name, email, numbers}]}.
// - GET /numbers → {list: [{number, label|name, type}]}.
// - GET /presences → {list: [{user_id, status|presence, in_call|is_in_call}]}: the presence field's
//   name is not settled in the published samples, so every spelling seen is read.
// Every reader is lenient about where a field lives and drops a record it cannot use.
import type { Availability } from '../../../shared/ringover.ts';
import { isObject, pick, pickObject, textList, toAgent, toDirection, type Json } from '../webhooks/fields.ts';
import { readTime } from '../webhooks/event-times.ts';

export interface ApiCall {
  callId: string;
  direction?: 'inbound' | 'outbound' | 'internal' | 'unknown';
  lastState?: string;
  answered?: boolean;
  startedAt?: string;
  answeredAt?: string;
  endedAt?: string;
  talkSeconds?: number;
  from?: string;
  to?: string;
  agent?: { id?: string; name?: string; email?: string };
  contactName?: string;
  company?: string;
  recordingUrl?: string;
  voicemailUrl?: string;
  tags?: string[];
  note?: string;
}

export interface ApiContact {
  name?: string;
  company?: string;
  numbers: string[];
}

export interface ApiUser {
  id: string;
  name: string;
  email?: string;
  numbers: string[];
  extension?: string;
}

export interface ApiNumber {
  number: string;
  name?: string;
}

/** The list inside an answer: `call_list`, `contact_list`, `list`… (an empty list when absent). */
export function listOf(body: Json, ...keys: string[]): Json[] {
  for (const key of [...keys, 'list', 'data']) {
    const value = body[key];
    if (Array.isArray(value)) return value.filter(isObject);
  }
  return [];
}

const iso = (value: unknown): string | undefined => {
  const reading = readTime(value);
  return reading && 'iso' in reading ? reading.iso : undefined;
};

const seconds = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

export function readCall(record: Json): ApiCall | undefined {
  const callId = pick(record, 'call_id');
  if (!callId) return undefined;
  const contact = pickObject(record, 'contact');
  const user = pickObject(record, 'user');
  const call: ApiCall = {
    callId,
    direction: toDirection(record.direction),
    lastState: pick(record, 'last_state', 'status')?.toUpperCase(),
    answered: typeof record.is_answered === 'boolean' ? record.is_answered : undefined,
    startedAt: iso(record.start_time),
    answeredAt: iso(record.answered_time),
    endedAt: iso(record.end_time ?? record.hangup_time),
    talkSeconds: seconds(record.incall_duration),
    from: pick(record, 'from_number'),
    to: pick(record, 'to_number'),
    agent: user ? toAgent(user) : undefined,
    contactName: pick(contact, 'concat_name', 'name') ?? ([pick(contact, 'firstname'), pick(contact, 'lastname')].filter(Boolean).join(' ') || undefined),
    company: pick(contact, 'company'),
    recordingUrl: pick(record, 'record', 'record_link'),
    voicemailUrl: pick(record, 'voicemail', 'voicemail_link'),
    tags: textList(record.tags),
    note: pick(record, 'note', 'comments'),
  };
  for (const key of Object.keys(call) as (keyof ApiCall)[]) if (call[key] === undefined) delete call[key];
  return call;
}

export function readContact(record: Json): ApiContact {
  const first = pick(record, 'firstname');
  const last = pick(record, 'lastname');
  const numbers = Array.isArray(record.numbers)
    ? record.numbers.map((n) => (isObject(n) ? (pick(pickObject(n, 'format'), 'e164') ?? pick(n, 'number')) : pick({ n }, 'n'))).filter((n): n is string => !!n)
    : [];
  return { name: pick(record, 'concat_name', 'name') ?? ([first, last].filter(Boolean).join(' ') || undefined), company: pick(record, 'company'), numbers };
}

export function readUser(record: Json): ApiUser | undefined {
  const agent = toAgent(record);
  if (!agent?.id) return undefined;
  const numbers = Array.isArray(record.numbers) ? record.numbers.map((n) => (isObject(n) ? pick(n, 'number') : pick({ n }, 'n'))).filter((n): n is string => !!n) : [];
  return { id: agent.id, name: agent.name ?? agent.id, ...(agent.email && { email: agent.email }), numbers, ...(pick(record, 'extension', 'internal_number') && { extension: pick(record, 'extension', 'internal_number') }) };
}

export function readNumber(record: Json): ApiNumber | undefined {
  const number = pick(record, 'number');
  if (!number) return undefined;
  return { number, name: pick(record, 'label', 'name', 'alias') };
}

const AVAILABILITY: Record<string, Availability> = {
  available: 'available',
  online: 'available',
  busy: 'busy',
  dnd: 'busy',
  'do-not-disturb': 'busy',
  do_not_disturb: 'busy',
  away: 'busy',
  in_call: 'in-call',
  'in-call': 'in-call',
  incall: 'in-call',
  oncall: 'in-call',
  calling: 'in-call',
  ringing: 'in-call',
  offline: 'offline',
  disconnected: 'offline',
  unavailable: 'offline',
};

/** A user's availability from a presence record: in a call first, then the presence word. */
export function readPresence(record: Json): { userId: string; availability: Availability } | undefined {
  const userId = pick(record, 'user_id', 'id');
  if (!userId) return undefined;
  const inCall = record.in_call === true || record.is_in_call === true || record.on_call === true;
  const word = pick(record, 'status', 'presence', 'availability', 'state')?.toLowerCase().replace(/\s+/g, '_');
  return { userId, availability: inCall ? 'in-call' : (AVAILABILITY[word ?? ''] ?? 'unknown') };
}
