// Ringg: flat {event_type, call_id, …}, or the older callback {status, data: {call_id, …}, message};
// authenticated by a header whose expected value is configured (e.g. `Authorization: Bearer …`).
import type { IncomingHttpHeaders } from 'node:http';
import type { CallEventType } from '../../../shared/call.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { isObject, parseObjectBody, pick, pickNumber, toDirection, toIso, toParty } from './fields.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { safeEqual } from './signatures.ts';
import { notConfigured, reject, type RejectedDelivery, type WebhookProvider } from './types.ts';

const EVENT_TYPES: Record<string, CallEventType> = {
  call_started: 'answered',
  call_completed: 'ended',
  call_failed: 'failed',
  recording_completed: 'recording',
  platform_analysis_completed: 'summary',
  client_analysis_completed: 'summary',
};

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

      const summary = pick(fields, 'summary') ?? pick(fields.analysis, 'summary');
      const mapped = EVENT_TYPES[eventType] ?? 'other';
      const type: CallEventType = mapped === 'summary' && !summary ? 'other' : mapped;
      const recordingUrl = pick(fields, 'recording_url', 'recordingUrl');
      return {
        ok: true,
        dedupeKey: `${eventType}:${providerCallId}`,
        storedBody: parsed.text,
        event: {
          provider: 'ringg' as const,
          providerCallId,
          type,
          providerEvent: eventType,
          occurredAt: toIso(pick(fields, 'timestamp', 'event_time', 'created_at') ?? pick(body, 'timestamp')) ?? new Date().toISOString(),
          direction: toDirection(pick(fields, 'direction', 'call_direction', 'call_type')),
          from: toParty(pick(fields, 'from_number', 'from', 'caller_number')),
          to: toParty(pick(fields, 'to_number', 'to', 'phone_number', 'callee_number'), pick(fields, 'name', 'callee_name')),
          links: recordingUrl ? { recordingUrl } : undefined,
          durationSeconds: type === 'ended' ? pickNumber(fields, 'duration', 'call_duration', 'duration_seconds') : undefined,
          summary,
          transcript: pick(fields, 'transcript'),
          detail: pick(body, 'message') ? { message: pick(body, 'message') } : undefined,
        },
      };
    },
  };
}
