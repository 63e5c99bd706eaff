// Ringyo: {event, timestamp, webhook_id, data}, signed with a hex HMAC-SHA256 of the raw body
// in `x-ringyo-signature`. `webhook_id` names the endpoint, not the event.
import type { IncomingHttpHeaders } from 'node:http';
import type { CallEventType } from '../../../shared/call.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { analysisOf } from './call-analysis.ts';
import { dedupeKeyOf } from './dedupe-key.ts';
import { TimeReader } from './event-times.ts';
import { isObject, parseObjectBody, pick, textList, toAgent, toDirection, toParty, transcriptText, type Json } from './fields.ts';
import { endReasonOf } from './hangup-causes.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { verifyHmacSha256Hex } from './signatures.ts';
import { notConfigured, reject, type IncomingEvent, type WebhookProvider } from './types.ts';

const EVENT_TYPES: Record<string, CallEventType> = {
  'call.started': 'ringing',
  'call.initiated': 'ringing',
  'call.ringing': 'ringing',
  'call.answered': 'answered',
  'call.completed': 'ended',
  'call.failed': 'failed',
  'call.transferred': 'transferred',
  'call.recording.ready': 'recording',
  'call.transcript.ready': 'transcript',
  'recording.ready': 'recording',
  'transcript.ready': 'transcript',
};

/** Call events Ringyo names without the `call.` prefix. */
const CALL_EVENTS_OUTSIDE_CALL_NAMESPACE: ReadonlySet<string> = new Set(['recording.ready', 'transcript.ready']);
const ENDINGS: ReadonlySet<CallEventType> = new Set(['ended', 'failed', 'transferred']);

/**
 * A verified delivery as an event, reading the fields Ringyo's webhook reference lists (call id,
 * direction, numbers and names, the agent, duration, recording and transcript, summary, the reason a
 * call failed, the transfer target) under the names its payloads and similar APIs use.
 */
function ringyoEvent(event: string, body: Json, data: Json, providerCallId: string | undefined): IncomingEvent {
  const type = EVENT_TYPES[event] ?? 'other';
  const times = new TimeReader();
  const callTimes = {
    startedAt: times.time('data.started_at', data.started_at ?? data.start_time),
    answeredAt: times.time('data.answered_at', data.answered_at ?? data.answer_time),
    endedAt: times.time('data.ended_at', data.ended_at ?? data.end_time ?? data.completed_at),
  };
  const own = type === 'answered' ? callTimes.answeredAt : ENDINGS.has(type) ? callTimes.endedAt : callTimes.startedAt;
  const occurredAt = times.eventTime([['timestamp', body.timestamp]], own, callTimes.startedAt);
  const recordingUrl = pick(data, 'recording_url', 'recordingUrl', 'url');
  const transcriptUrl = pick(data, 'transcript_url', 'transcriptUrl');
  const agent = isObject(data.agent) ? data.agent : { id: pick(data, 'agent_id'), name: pick(data, 'agent_name') };
  const hangupCause = pick(data, 'hangup_cause', 'end_reason', 'ended_reason', 'failure_reason', 'reason', 'error') ?? (ENDINGS.has(type) ? pick(data, 'status') : undefined);
  const transferredTo = type === 'transferred' ? pick(data, 'transferred_to', 'transfer_to', 'target', 'to') : pick(data, 'transferred_to');
  const normalized: IncomingEvent = {
    provider: 'ringyo',
    providerCallId,
    type,
    providerEvent: event,
    occurredAt,
    direction: toDirection(data.direction),
    from: toParty(pick(data, 'from', 'from_number', 'caller', 'caller_number'), pick(data, 'from_name', 'caller_name')),
    // A transfer's `to` is where it went, not the callee.
    to: toParty(type === 'transferred' ? pick(data, 'to_number', 'callee') : pick(data, 'to', 'to_number', 'callee'), pick(data, 'to_name', 'callee_name')),
    agent: toAgent(agent),
    links: recordingUrl || transcriptUrl ? { recordingUrl: type === 'recording' ? recordingUrl : undefined, transcriptUrl } : undefined,
    durationSeconds: type === 'ended' ? times.seconds('data.duration', data.duration ?? data.duration_seconds ?? data.call_duration ?? data.talk_time) : undefined,
    callTimes: callTimes.startedAt || callTimes.answeredAt || callTimes.endedAt ? callTimes : undefined,
    summary: pick(data, 'summary') ?? pick(data.analysis, 'summary'),
    transcript: transcriptText(data.transcript ?? data.text ?? data.messages),
    analysis: analysisOf(data.analysis) ?? analysisOf(data),
    tags: textList(data.tags),
    queue: pick(data, 'queue_name', 'queue'),
    team: pick(data, 'team_name', 'team'),
    hangupCause,
    endReason: endReasonOf(hangupCause),
    recordingSeconds: times.seconds('data.recording_duration', data.recording_duration),
    providerDisposition: pick(data, 'disposition', 'outcome'),
    transferredTo,
    detail: transferredTo ? { transferredTo } : undefined,
  };
  if (times.notes.length) normalized.notes = times.notes;
  return normalized;
}

function signatureOf(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers['x-ringyo-signature'];
  return Array.isArray(raw) ? raw[0] : raw;
}

export function createRingyoProvider(secret: string | undefined): WebhookProvider {
  return {
    name: 'ringyo',
    missingSetting: () => (secret ? undefined : 'ringyoWebhookSecret'),
    screen(headers) {
      if (!secret) return notConfigured('Ringyo', 'ringyoWebhookSecret');
      return signatureOf(headers) ? undefined : reject(401, 'missing x-ringyo-signature header');
    },
    accept(request) {
      if (!secret) return notConfigured('Ringyo', 'ringyoWebhookSecret');
      const signature = signatureOf(request.headers);
      if (!signature) return reject(401, 'missing x-ringyo-signature header');
      if (!verifyHmacSha256Hex(signature, secret, request.rawBody)) {
        return reject(401, `x-ringyo-signature does not match the body: check ${nameSetting('ringyoWebhookSecret', 'peer')}`);
      }
      const parsed = parseObjectBody(request.rawBody);
      if (!parsed.ok) return parsed;
      const { body } = parsed;
      const event = pick(body, 'event');
      if (!event) return reject(400, 'missing required field: event');
      if (!isObject(body.data)) return reject(400, 'missing required field: data (an object)');
      const data = body.data;
      const isCallEvent = event.startsWith('call.') || CALL_EVENTS_OUTSIDE_CALL_NAMESPACE.has(event);
      const providerCallId = pick(data, 'call_id', 'callId') ?? (isCallEvent ? pick(data, 'id') : undefined);
      if (isCallEvent && !providerCallId) return reject(400, 'missing required field: data.call_id');
      const eventId = pick(body, 'id', 'event_id') ?? pick(data, 'event_id');
      const unusable = refuseUnusableIds({ 'data.call_id': providerCallId, id: eventId });
      if (unusable) return unusable;
      return {
        ok: true,
        // The provider's event id names one event; without one, the event, its subject and its content do.
        dedupeKey: eventId ? `id:${eventId}` : dedupeKeyOf([event, providerCallId ?? pick(data, 'id', 'agent_id')], body),
        storedBody: parsed.text,
        event: ringyoEvent(event, body, data, providerCallId),
      };
    },
  };
}
