// A verified Ringover delivery as a Ringside event, field for field. Ringover's webhook reference
// (developer.ringover.com, tag "webhook") and its published samples:
// - call events (`ringing`, `answered`, `hangup`, `missed`, `voicemail`): data {id, call_id,
//   channel_id, start_time, answered_time, hangup_time (epoch seconds with a fraction),
//   duration_in_seconds, record, direction, from_number, to_number, user_id, user {user_id,
//   firstname, lastname, email}, is_internal, is_anonymous, is_ivr, ivr_data {number,
//   scenario_name, ivr_name}, ivr {name, number, scenario {name, scenario_type}}, status, reason};
// - `ivr_response_code` {code, from_number, to_number, direction, call_id}; `routing` and
//   `contact` {call_id, direction, from_number, to_number};
// - aftercall events: `record_available` {record_link, record_duration}, `voicemail_available`
//   {voicemail_link, voicemail_duration}, `transcription_available`, `summary_available`,
//   `comments_updated` {channel_id, tags, comments}, `tags_updated` {tags};
// - `sms` events {id, message_id, conversation_id, time, direction, from_number, to_number, body,
//   is_internal, user_id}.
import type { CallEventType, CallLinks, IvrInfo } from '../../../shared/call.ts';
import { dedupeKeyOf, withoutMembers } from './dedupe-key.ts';
import { TimeReader } from './event-times.ts';
import { endReasonOf } from './hangup-causes.ts';
import { flag, isObject, pick, pickObject, textList, toAgent, toDirection, toParty, transcriptText, type Json } from './fields.ts';
import type { IncomingEvent } from './types.ts';

const EVENT_TYPES: Record<string, Record<string, CallEventType>> = {
  call: {
    ringing: 'ringing',
    answered: 'answered',
    hangup: 'ended',
    missed: 'missed',
    voicemail: 'voicemail',
    ivr_response_code: 'ivr',
  },
  aftercall: {
    record_available: 'recording',
    voicemail_available: 'voicemail',
    transcription_available: 'transcript',
    summary_available: 'summary',
  },
};

/** Event types whose `duration_in_seconds` is the call's talk time. */
const ENDINGS: ReadonlySet<CallEventType> = new Set(['ended', 'missed', 'voicemail']);

/**
 * The event and dedupe key of a verified delivery `{resource, event, timestamp, attempt, data}`.
 * The key is `resource:event:call id` and a digest of everything but `attempt`: a redelivery
 * (the same event and timestamp, a higher attempt) is a duplicate; a second `tags_updated` for
 * the call, minutes later, is not.
 */
export function ringoverEvent(resource: string, event: string, data: Json, body: Json, providerCallId: string | undefined): { dedupeKey: string; event: IncomingEvent } {
  const type: CallEventType = resource === 'sms' ? 'sms' : (EVENT_TYPES[resource]?.[event] ?? 'other');
  const times = new TimeReader();
  const callTimes = {
    startedAt: times.time('data.start_time', data.start_time),
    answeredAt: times.time('data.answered_time', data.answered_time),
    endedAt: times.time('data.hangup_time', data.hangup_time),
  };
  // The envelope's time, else the event's own time in its data (an SMS's, a hang-up's…).
  const own = type === 'answered' ? 'answered_time' : ENDINGS.has(type) ? 'hangup_time' : type === 'sms' ? 'time' : 'start_time';
  const occurredAt = times.eventTime([['timestamp', body.timestamp], [`data.${own}`, data[own]]], callTimes.startedAt);

  const direction = flag(data.is_internal) ? 'internal' : toDirection(data.direction);
  const recordingUrl = pick(data, 'record_link', 'record', 'private_record_link');
  const voicemailUrl = pick(data, 'voicemail_link', 'voicemail');
  const links: CallLinks = {
    recordingUrl: type === 'voicemail' ? undefined : recordingUrl,
    voicemailUrl: voicemailUrl ?? (type === 'voicemail' ? recordingUrl : undefined),
    transcriptUrl: pick(data, 'transcription_link', 'transcript_link'),
  };
  const user = isObject(data.user) ? { user_id: data.user_id, ...data.user } : pick(data, 'user_id') ? { id: pick(data, 'user_id') } : undefined;
  const hangupCause = pick(data, 'hangup_cause', 'cause', 'reason');
  const talk = ENDINGS.has(type) ? times.seconds('data.duration_in_seconds', data.duration_in_seconds ?? data.incall_duration ?? data.duration) : undefined;

  const normalized: IncomingEvent = {
    provider: 'ringover',
    providerCallId,
    type,
    providerEvent: `${resource}.${event}`,
    occurredAt,
    direction,
    from: toParty(pick(data, 'from_number', 'from'), pick(data, 'from_name', 'contact_name'), flag(data.is_anonymous)),
    to: toParty(pick(data, 'to_number', 'to'), pick(data, 'to_name')),
    agent: toAgent(user),
    links: links.recordingUrl || links.voicemailUrl || links.transcriptUrl ? links : undefined,
    durationSeconds: talk,
    callTimes: callTimes.startedAt || callTimes.answeredAt || callTimes.endedAt ? callTimes : undefined,
    summary: pick(data, 'summary'),
    transcript: transcriptText(data.transcription ?? data.transcript),
    tags: textList(data.tags),
    comments: pick(data, 'comments', 'comment'),
    ivr: ivrOf(event, data),
    queue: pick(data, 'queue_name', 'queue'),
    team: pick(data, 'team_name', 'team', 'group_name'),
    hangupCause,
    endReason: endReasonOf(hangupCause),
    recordingSeconds: resource === 'aftercall' ? times.seconds('data.record_duration', data.record_duration) : undefined,
    voicemailSeconds: times.seconds('data.voicemail_duration', data.voicemail_duration),
    transferredTo: pick(data, 'transferred_to', 'transfer_to'),
    detail: resource === 'sms' ? { text: pick(data, 'body', 'message', 'text') } : undefined,
  };
  if (times.notes.length) normalized.notes = times.notes;
  return {
    dedupeKey: dedupeKeyOf([resource, event, providerCallId ?? pick(data, 'id')], withoutMembers(body, 'attempt')),
    event: normalized,
  };
}

/** The IVR the call went through (`ivr_data`, a missed call's `ivr`), and the caller's choice. */
function ivrOf(event: string, data: Json): IvrInfo | undefined {
  const ivrData = pickObject(data, 'ivr_data');
  const ivr = pickObject(data, 'ivr');
  const info: IvrInfo = {
    name: pick(ivrData, 'ivr_name') ?? pick(ivr, 'name'),
    number: pick(ivrData, 'number') ?? pick(ivr, 'number'),
    scenario: pick(ivrData, 'scenario_name') ?? pick(pickObject(ivr, 'scenario'), 'name'),
    code: event === 'ivr_response_code' ? pick(data, 'code', 'ivr_response_code', 'response_code') : undefined,
  };
  for (const key of Object.keys(info) as (keyof IvrInfo)[]) if (info[key] === undefined) delete info[key];
  return Object.keys(info).length ? info : undefined;
}
