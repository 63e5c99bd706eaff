// Ringotel: {method: StartCallActivity|StopCallActivity|UpdateCallRecording, api_token, params}.
// The token travels in the body: a bounded walk finds the top-level `api_token` and compares it
// before the body is parsed whole, so a forgery costs little however large or deep it is.
import type { CallEventType } from '../../../shared/call.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { decodeJsonString, JsonRefusedError } from '../json/walk-json.ts';
import { dedupeKeyOf } from './dedupe-key.ts';
import { TimeReader } from './event-times.ts';
import { decodeUtf8, isObject, parseObjectText, pick, refusedJson, toAgent, toDirection, toParty, type Json } from './fields.ts';
import { endReasonOf } from './hangup-causes.ts';
import { findTopLevelMember, parseJsonExact, redactJson } from './json-exact.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { safeEqual } from './signatures.ts';
import { notConfigured, reject, type IncomingEvent, type RejectedDelivery, type WebhookProvider } from './types.ts';

const EVENT_TYPES: Record<string, CallEventType> = {
  StartCallActivity: 'ringing',
  StopCallActivity: 'ended',
  UpdateCallRecording: 'recording',
};

/**
 * A verified delivery as an event, field for field as Ringotel documents its webhook
 * (help.ringotel.co, "Webhook Integration"): params {call_id, activity_type (inbound/outbound),
 * caller_number, called_number, call_start and call_end (epoch ms), call_duration (talk seconds),
 * call_cause (Q.850 or SIP cause; "0" when nothing went wrong), user_id and extension (the
 * Ringotel user rung), connection_id/_name, domain}.
 */
function ringotelEvent(method: string, params: Json, providerCallId: string): IncomingEvent {
  const type = EVENT_TYPES[method] ?? 'other';
  const times = new TimeReader();
  const startedAt = times.time('params.call_start', params.call_start);
  const endedAt = times.time('params.call_end', params.call_end);
  // Its own time first (the end of a StopCallActivity), then the names other PBXes use.
  const own = type === 'ended' ? 'call_end' : 'call_start';
  const occurredAt = times.eventTime(
    [own, 'timestamp', 'time', type === 'ended' ? 'end' : 'start'].map((key): [string, unknown] => [`params.${key}`, params[key]]),
    startedAt,
  );
  const recordingUrl = pick(params, 'recording_url', 'recording', 'record', 'recording_link', 'url', 'file');
  const hangupCause = pick(params, 'call_cause', 'cause', 'hangup_cause');
  const event: IncomingEvent = {
    provider: 'ringotel',
    providerCallId,
    type,
    providerEvent: method,
    occurredAt,
    direction: toDirection(pick(params, 'activity_type', 'direction', 'dir')),
    from: toParty(pick(params, 'caller_number', 'caller', 'from', 'src'), pick(params, 'caller_name', 'from_name')),
    to: toParty(pick(params, 'called_number', 'callee', 'to', 'callee_number', 'dst'), pick(params, 'called_name', 'callee_name', 'to_name')),
    agent: toAgent({
      id: pick(params, 'user_id'),
      extension: pick(params, 'extension', 'ext'),
      name: pick(params, 'user_name', 'username', 'display_name'),
      email: pick(params, 'user_email', 'email'),
      ...(isObject(params.user) ? params.user : {}),
    }),
    links: type === 'recording' && recordingUrl ? { recordingUrl } : undefined,
    durationSeconds: type === 'ended' ? times.seconds('params.call_duration', params.call_duration ?? params.duration ?? params.talk_time ?? params.billsec) : undefined,
    callTimes: startedAt || endedAt ? { startedAt, endedAt: type === 'ended' ? endedAt : undefined } : undefined,
    hangupCause: type === 'ended' ? hangupCause : undefined,
    endReason: type === 'ended' ? endReasonOf(hangupCause) : undefined,
    recordingSeconds: type === 'recording' ? times.seconds('params.recording_duration', params.recording_duration ?? params.duration) : undefined,
  };
  if (times.notes.length) event.notes = times.notes;
  return event;
}

const TOKEN_MISMATCH = `api_token does not match ${nameSetting('ringotelApiToken', 'peer')}`;

/** Keys whose value is a secret, at any depth: the stored copy of the body never keeps them. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['api_token']);

/** A syntax error this close to the end of a body's start may only be where the start was cut. */
const CUT_MARGIN = 8;

/**
 * Checks the top-level `api_token` without parsing the body: undefined when it matches. On a
 * body's start (`whole` false, read as latin1 so a cut character cannot throw) it answers only
 * what is certain: undefined when the token is not there yet or is written with escapes.
 */
function checkToken(text: string, apiToken: string, whole: boolean): RejectedDelivery | undefined {
  let member;
  try {
    member = findTopLevelMember(text, 'api_token');
  } catch (error) {
    if (!(error instanceof JsonRefusedError)) throw error;
    if (!whole && error.problem === 'syntax' && error.position >= text.length - CUT_MARGIN) return undefined;
    return refusedJson(error);
  }
  if (!member) return whole ? reject(401, 'missing api_token in the body') : undefined;
  if (text.charCodeAt(member.start) !== 0x22) return reject(401, 'missing api_token in the body');
  let token: string;
  if (whole) token = decodeJsonString(text, member.start, member.end);
  else if (text.slice(member.start, member.end).includes('\\')) return undefined;
  else token = Buffer.from(text.slice(member.start + 1, member.end - 1), 'latin1').toString('utf8');
  if (!token) return reject(401, 'missing api_token in the body');
  if (!safeEqual(token, apiToken)) return reject(401, TOKEN_MISMATCH);
  return undefined;
}

export function createRingotelProvider(apiToken: string | undefined): WebhookProvider {
  return {
    name: 'ringotel',
    missingSetting: () => (apiToken ? undefined : 'ringotelApiToken'),
    screen(_headers, bodyStart) {
      if (!apiToken) return notConfigured('Ringotel', 'ringotelApiToken');
      return bodyStart && checkToken(bodyStart.toString('latin1'), apiToken, false);
    },
    accept(request) {
      if (!apiToken) return notConfigured('Ringotel', 'ringotelApiToken');
      const text = decodeUtf8(request.rawBody);
      if (text === undefined) return reject(400, 'body is not valid UTF-8');
      const refused = checkToken(text, apiToken, true);
      if (refused) return refused;
      const parsed = parseObjectText(text);
      if (!parsed.ok) return parsed;
      const { method, params } = parsed.body;
      if (typeof method !== 'string' || !method) return reject(400, 'missing required field: method');
      if (!isObject(params)) return reject(400, 'missing required field: params (an object)');
      const providerCallId = pick(params, 'call_id', 'callid', 'callId', 'id', 'uuid');
      if (!providerCallId) return reject(400, 'missing required field: params.call_id');
      const unusable = refuseUnusableIds({ 'params.call_id': providerCallId });
      if (unusable) return unusable;

      const storedBody = redactJson(parsed.text, SECRET_KEYS, [apiToken]);
      return {
        ok: true,
        // Ringotel sends one Start/Stop per user a call reaches: each leg is its own event, told
        // apart by its content (the token masked, so no digest of it is kept); a redelivery repeats it.
        dedupeKey: dedupeKeyOf([method, providerCallId], parseJsonExact(storedBody)),
        storedBody,
        event: ringotelEvent(method, params, providerCallId),
      };
    },
  };
}
