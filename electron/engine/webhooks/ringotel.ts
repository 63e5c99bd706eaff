// Ringotel: {method: StartCallActivity|StopCallActivity|UpdateCallRecording, api_token, params}.
// The token travels in the body, so the body is parsed before it can be checked.
import type { CallEventType } from '../../../shared/call.ts';
import { isObject, parseObjectBody, pick, pickNumber, toAgent, toDirection, toIso, toParty } from './fields.ts';
import { refuseUnusableIds } from './id-fields.ts';
import { safeEqual } from './signatures.ts';
import { notConfigured, reject, type WebhookProvider } from './types.ts';

const EVENT_TYPES: Record<string, CallEventType> = {
  StartCallActivity: 'ringing',
  StopCallActivity: 'ended',
  UpdateCallRecording: 'recording',
};

/** The stored copy of the body never keeps the token. */
const maskToken = (text: string): string =>
  text.replace(/("api_token"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"[redacted]"');

export function createRingotelProvider(apiToken: string | undefined): WebhookProvider {
  return {
    name: 'ringotel',
    missingSetting: () => (apiToken ? undefined : 'RINGOTEL_API_TOKEN'),
    accept(request) {
      if (!apiToken) return notConfigured('Ringotel', 'RINGOTEL_API_TOKEN');
      const parsed = parseObjectBody(request.rawBody);
      if (!parsed.ok) return parsed;
      const { method, api_token: token, params } = parsed.body;
      if (typeof token !== 'string' || !token) return reject(401, 'missing api_token in the body');
      if (!safeEqual(token, apiToken)) return reject(401, 'api_token does not match RINGOTEL_API_TOKEN');
      if (typeof method !== 'string' || !method) return reject(400, 'missing required field: method');
      if (!isObject(params)) return reject(400, 'missing required field: params (an object)');
      const providerCallId = pick(params, 'call_id', 'callid', 'callId', 'id', 'uuid');
      if (!providerCallId) return reject(400, 'missing required field: params.call_id');
      const unusable = refuseUnusableIds({ 'params.call_id': providerCallId });
      if (unusable) return unusable;

      const type = EVENT_TYPES[method] ?? 'other';
      const recordingUrl = pick(params, 'recording_url', 'recording', 'record', 'url');
      return {
        ok: true,
        dedupeKey: `${method}:${providerCallId}`,
        storedBody: maskToken(parsed.text),
        event: {
          provider: 'ringotel' as const,
          providerCallId,
          type,
          providerEvent: method,
          occurredAt: toIso(pick(params, 'timestamp', 'time', type === 'ended' ? 'end' : 'start')) ?? new Date().toISOString(),
          direction: toDirection(pick(params, 'direction', 'dir')),
          from: toParty(pick(params, 'caller', 'from', 'caller_number', 'src'), pick(params, 'caller_name', 'from_name')),
          to: toParty(pick(params, 'callee', 'to', 'callee_number', 'dst'), pick(params, 'callee_name', 'to_name')),
          agent: toAgent(params.user ?? pick(params, 'username', 'extension', 'ext')),
          links: type === 'recording' && recordingUrl ? { recordingUrl } : undefined,
          durationSeconds: type === 'ended' ? pickNumber(params, 'duration', 'talk_time', 'billsec') : undefined,
        },
      };
    },
  };
}
