// Ringg: flat {event_type, call_id, …}, or the older callback {status, data: {call_id, …}, message};
// authenticated by a header whose expected value is configured (e.g. `Authorization: Bearer …`).
import type { IncomingHttpHeaders } from 'node:http';
import type { CallEventType } from '../../../shared/call.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { analysisOf } from './call-analysis.ts';
import { TimeReader } from './event-times.ts';
import { isObject, parseObjectBody, pick, pickNumber, pickObject, toAgent, toDirection, toParty, transcriptText, type Json } from './fields.ts';
import { endReasonOf } from './hangup-causes.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { safeEqual } from './signatures.ts';
import { notConfigured, reject, type IncomingEvent, type RejectedDelivery, type WebhookProvider } from './types.ts';

const EVENT_TYPES: Record<string, CallEventType> = {
  // Sent when the call is placed, before anyone answers.
  call_started: 'ringing',
  call_completed: 'ended',
  call_failed: 'failed',
  recording_completed: 'recording',
  platform_analysis_completed: 'summary',
  client_analysis_completed: 'other',
  all_processing_completed: 'ended',
  // The older callback's `data.status`.
  registered: 'other',
  ongoing: 'answered',
  completed: 'ended',
  failed: 'failed',
  error: 'failed',
  cancelled: 'ended',
};

/** Events whose `status` says how the call (or this attempt) ended. */
const ATTEMPT_ENDINGS: ReadonlySet<string> = new Set(['call_completed', 'all_processing_completed']);

/**
 * A verified delivery as an event, field for field as Ringg documents its webhook payloads
 * (docs.ringg.ai, "Request Payloads"): call_id, call_sid, agent_id/agent_name (the AI agent),
 * call_type (direction), from_number, to_number, custom_args_values.callee_name, called_on (ISO,
 * when the call was placed), call_duration (seconds, float), status (completed, failed, retry:
 * call_completed comes once per attempt, with retry_count), transcript (a list of turns),
 * recording_url and recording_duration, analysis_data (platform: key_points, summary,
 * classification, sentiment, call_disconnect_reason, action_items; client: as configured); the
 * older callback {status, data: {call_id, call_direction, status, call_duration, recording_url,
 * transcript, agent_id, retry, from_number, to_number, analysis}, message}.
 */
function ringgEvent(eventType: string, body: Json, fields: Json, providerCallId: string): IncomingEvent {
  const status = pick(fields, 'status')?.toLowerCase();
  let type = EVENT_TYPES[eventType] ?? 'other';
  // An attempt that failed and will be retried does not end the call.
  if (ATTEMPT_ENDINGS.has(eventType) && status) type = status === 'retry' ? 'other' : status === 'failed' || status === 'error' ? 'failed' : type;
  const times = new TimeReader();
  const startedAt = times.time('called_on', fields.called_on ?? fields.start_time ?? fields.started_at);
  const occurredAt = times.eventTime(
    ['timestamp', 'event_time', 'created_at'].map((key): [string, unknown] => [key, fields[key] ?? body[key]]),
    type === 'ringing' ? startedAt : undefined,
  );
  const analysisData = pickObject(fields, 'analysis_data', 'analysis');
  const platform = eventType === 'client_analysis_completed' ? undefined : (pickObject(fields, 'platform_analysis') ?? analysisData);
  const client = eventType === 'client_analysis_completed' ? analysisData : pickObject(fields, 'client_analysis');
  const summary = pick(fields, 'summary') ?? pick(platform, 'summary');
  const recordingUrl = pick(fields, 'recording_url', 'recordingUrl');
  const custom = pickObject(fields, 'custom_args_values');
  const hangupCause = pick(fields, 'hangup_cause', 'end_reason') ?? (eventType === 'cancelled' ? 'cancelled' : undefined);
  const attempt = pickNumber(fields, 'retry_count', 'retry');
  const detail: Record<string, unknown> = {};
  if (status && ATTEMPT_ENDINGS.has(eventType)) detail.status = status;
  if (attempt !== undefined) detail.attempt = attempt;
  if (pick(body, 'message')) detail.message = pick(body, 'message');
  const event: IncomingEvent = {
    provider: 'ringg',
    providerCallId,
    type: type === 'summary' && !summary ? 'other' : type,
    providerEvent: eventType,
    occurredAt,
    direction: toDirection(pick(fields, 'call_type', 'call_direction', 'direction')),
    from: toParty(pick(fields, 'from_number', 'from', 'caller_number')),
    to: toParty(pick(fields, 'to_number', 'to', 'phone_number', 'callee_number'), pick(custom, 'callee_name', 'name') ?? pick(fields, 'name', 'callee_name')),
    agent: toAgent({ id: pick(fields, 'agent_id'), name: pick(fields, 'agent_name') }),
    links: recordingUrl ? { recordingUrl } : undefined,
    durationSeconds: type === 'ended' || type === 'failed' ? times.seconds('call_duration', fields.call_duration ?? fields.duration ?? fields.duration_seconds) : undefined,
    callTimes: startedAt ? { startedAt } : undefined,
    summary,
    transcript: transcriptText(fields.transcript),
    analysis: analysisOf(platform),
    customAnalysis: client,
    hangupCause,
    endReason: endReasonOf(hangupCause),
    recordingSeconds: times.seconds('recording_duration', fields.recording_duration),
    providerDisposition: pick(platform, 'classification'),
    detail: Object.keys(detail).length ? detail : undefined,
  };
  if (times.notes.length) event.notes = times.notes;
  return event;
}

export function createRinggProvider(headerName: string, token: string | undefined): WebhookProvider {
  const header = headerName.toLowerCase();
  const checkHeader = (headers: IncomingHttpHeaders): RejectedDelivery | undefined => {
    if (!token) return notConfigured('Ringg', 'ringgWebhookToken');
    const raw = headers[header];
    const received = Array.isArray(raw) ? raw[0] : raw;
    if (!received) return reject(401, `missing ${headerName} header`);
    if (!safeEqual(received.trim(), token)) return reject(401, `${headerName} header does not match ${nameSetting('ringgWebhookToken', 'peer')}`);
    return undefined;
  };
  return {
    name: 'ringg',
    missingSetting: () => (token ? undefined : 'ringgWebhookToken'),
    // The secret is a header: a forgery is refused before its body is read.
    screen: (headers) => checkHeader(headers),
    accept(request) {
      const refused = checkHeader(request.headers);
      if (refused) return refused;

      const parsed = parseObjectBody(request.rawBody);
      if (!parsed.ok) return parsed;
      const body = parsed.body;
      // The older callback nests everything under `data`.
      const fields = isObject(body.data) && !pick(body, 'call_id') ? body.data : body;
      const eventType = pick(body, 'event_type') ?? pick(fields, 'event_type', 'status') ?? pick(body, 'status');
      const providerCallId = pick(fields, 'call_id', 'callId', 'id');
      if (!eventType) return reject(400, 'missing required field: event_type');
      if (!providerCallId) return reject(400, 'missing required field: call_id');
      const unusable = refuseUnusableIds({ call_id: providerCallId });
      if (unusable) return unusable;

      return {
        ok: true,
        // One event per call and event type (Ringg's own rule): a redelivery, whatever else it
        // carries, is a duplicate. A retried call is another attempt, numbered by Ringg itself.
        dedupeKey: attemptKey(`${eventType}:${providerCallId}`, pick(fields, 'retry_count', 'retry')),
        storedBody: parsed.text,
        event: ringgEvent(eventType, body, fields, providerCallId),
      };
    },
  };
}

/** Ringg's key, `<event_type>:<call_id>` as before, with `:attempt-<n>` for a retried call's later attempts. */
const attemptKey = (key: string, attempt: string | undefined): string => (attempt && attempt !== '0' ? `${key}:attempt-${attempt}` : key);
