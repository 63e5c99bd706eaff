// Ringyo: {event, timestamp, webhook_id, data}, signed with a hex HMAC-SHA256 of the raw body
// in `x-ringyo-signature`. `webhook_id` names the endpoint, not the event.
import type { IncomingHttpHeaders } from 'node:http';
import type { CallEventType } from '../../../shared/call.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { isObject, parseObjectBody, pick, pickNumber, toAgent, toDirection, toIso, toParty } from './fields.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { verifyHmacSha256Hex } from './signatures.ts';
import { notConfigured, reject, type WebhookProvider } from './types.ts';

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
};

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
      const isCallEvent = event.startsWith('call.');
      const providerCallId = pick(data, 'call_id', 'callId', isCallEvent ? 'id' : 'call_id');
      if (isCallEvent && !providerCallId) return reject(400, 'missing required field: data.call_id');
      const eventId = pick(body, 'id', 'event_id') ?? pick(data, 'event_id');
      if (!eventId && !providerCallId) return reject(400, 'missing required field: data.call_id or an event id');
      const unusable = refuseUnusableIds({ 'data.call_id': providerCallId, id: eventId });
      if (unusable) return unusable;

      const type = EVENT_TYPES[event] ?? 'other';
      const recordingUrl = pick(data, 'recording_url', 'recordingUrl', 'url');
      const transcriptUrl = pick(data, 'transcript_url', 'transcriptUrl');
      return {
        ok: true,
        dedupeKey: eventId ? `id:${eventId}` : `${event}:${providerCallId}`,
        storedBody: parsed.text,
        event: {
          provider: 'ringyo' as const,
          providerCallId,
          type,
          providerEvent: event,
          occurredAt: toIso(body.timestamp) ?? new Date().toISOString(),
          direction: toDirection(data.direction),
          from: toParty(pick(data, 'from', 'from_number', 'caller'), pick(data, 'from_name', 'caller_name')),
          to: toParty(pick(data, 'to', 'to_number', 'callee'), pick(data, 'to_name', 'callee_name')),
          agent: toAgent(data.agent ?? pick(data, 'agent_id')),
          links: recordingUrl || transcriptUrl ? { recordingUrl: type === 'recording' ? recordingUrl : undefined, transcriptUrl } : undefined,
          durationSeconds: type === 'ended' ? pickNumber(data, 'duration', 'duration_seconds') : undefined,
          transcript: pick(data, 'transcript', 'text'),
          detail: type === 'transferred' ? { transferredTo: pick(data, 'transferred_to', 'target', 'to') } : undefined,
        },
      };
    },
  };
}
