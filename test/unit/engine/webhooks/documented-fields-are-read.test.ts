// Each provider's documented payloads (their published samples, names and numbers replaced), read
// field for field into events, and folded into the call the console shows.
import { describe, expect, it } from 'vitest';
import { callIdFor, type Call, type CallEvent } from '../../../../shared/call.ts';
import { foldEvent } from '../../../../electron/engine/store/fold.ts';
import { createRinggProvider } from '../../../../electron/engine/webhooks/ringg.ts';
import { createRingotelProvider } from '../../../../electron/engine/webhooks/ringotel.ts';
import { createRingoverProvider } from '../../../../electron/engine/webhooks/ringover.ts';
import { createRingyoProvider } from '../../../../electron/engine/webhooks/ringyo.ts';
import type { AcceptedDelivery, DeliveryVerdict } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';
import { ringgRequest, ringotelRequest, signRingoverHmac, signRingyo, type SignedRequest } from '../../../fakes/webhook-signers.ts';

function accepted(verdict: DeliveryVerdict): AcceptedDelivery {
  if (!verdict.ok) throw new Error(`rejected ${verdict.status}: ${verdict.error}`);
  return verdict;
}

/** The call the store would make of these accepted deliveries, in this order. */
function fold(deliveries: AcceptedDelivery[]): Call {
  return deliveries.reduce<Call | undefined>((call, { event }, i) => {
    const stored: CallEvent = { ...event, id: String(i + 1), callId: callIdFor(event.provider, event.providerCallId!), receivedAt: '2026-11-23T10:00:00.000Z' };
    return foldEvent(call, stored);
  }, undefined)!;
}

describe('Ringover: call and aftercall events as documented', () => {
  const SECRET = 'ringover-secret';
  const provider = createRingoverProvider({ secret: SECRET });
  const accept = (body: string) => accepted(provider.accept(toWebhookRequest(signRingoverHmac(body, SECRET))));
  const CALL = 9000000000000000101n;
  const user = '"user_id":12854321,"user":{"user_id":12854321,"firstname":"Jeanne","lastname":"Martin","email":"jeanne.martin@example.test","photo":"https://cdn.example.test/u.jpg"}';
  const common = `"call_id":${CALL},"channel_id":123456789,"direction":"inbound","from_number":"33601020304","to_number":"33101020304","is_internal":false,"is_anonymous":false,"is_ivr":true,"ivr_data":{"number":"33101020304","scenario_name":"Opened","ivr_name":"Standard"}`;
  const ringing = `{"event":"ringing","resource":"call","timestamp":1554823493.762305,"data":{"id":"57622f20-a020-4f9e-814c-62a6123412fa",${common},"start_time":1554823493.762305,${user},"status":"ringing"},"attempt":1}`;
  const answered = `{"event":"answered","resource":"call","timestamp":1554823500.5,"data":{"id":"57622f20-a020-4f9e-814c-62a6123412fa",${common},"start_time":1554823493.762305,${user},"status":"answered"},"attempt":1}`;
  const hangup = `{"event":"hangup","resource":"call","timestamp":1554823542.762305,"data":{"id":"57622f20-a020-4f9e-814c-62a6123412fa",${common},"start_time":1554823493.762305,"hangup_time":1554823542.762305,"duration_in_seconds":42,"record":"https://cdr.example.test/record/1.mp3",${user}},"attempt":1}`;

  it('reads a hang-up: times, talk time, recording, parties, agent and IVR', () => {
    expect(accept(hangup).event).toMatchObject({
      providerCallId: String(CALL),
      type: 'ended',
      occurredAt: '2019-04-09T15:25:42.762Z',
      callTimes: { startedAt: '2019-04-09T15:24:53.762Z', endedAt: '2019-04-09T15:25:42.762Z' },
      durationSeconds: 42,
      direction: 'inbound',
      from: { number: '33601020304' },
      to: { number: '33101020304' },
      agent: { id: '12854321', name: 'Jeanne Martin', email: 'jeanne.martin@example.test' },
      links: { recordingUrl: 'https://cdr.example.test/record/1.mp3' },
      ivr: { name: 'Standard', number: '33101020304', scenario: 'Opened' },
    });
  });

  it('folds ringing, answered and hangup into the call with its durations', () => {
    const call = fold([hangup, answered, ringing].map(accept));
    expect(call).toMatchObject({
      state: 'ended',
      outcome: 'completed',
      startedAt: '2019-04-09T15:24:53.762Z',
      answeredAt: '2019-04-09T15:25:00.500Z',
      endedAt: '2019-04-09T15:25:42.762Z',
      ringingSeconds: 7,
      durationSeconds: 42,
      totalSeconds: 49,
      agent: { name: 'Jeanne Martin' },
      ivr: { name: 'Standard', scenario: 'Opened' },
      recordingUrl: 'https://cdr.example.test/record/1.mp3',
    });
  });

  it('reads a missed call outside opening hours: its reason and IVR scenario', () => {
    const missed = `{"event":"missed","resource":"call","timestamp":1554823442.762305,"data":{"id":"x",${common},"start_time":1554823400.762305,"hangup_time":1554823442.762305,"ivr":{"name":"Standard","number":"33677887788","scenario":{"scenario_id":1,"ivr_id":1,"name":"Closed","scenario_type":"voicemail"}},"status":"missed","reason":"OUT_PLANNING"},"attempt":1}`;
    const event = accept(missed).event;
    expect(event).toMatchObject({ type: 'missed', hangupCause: 'OUT_PLANNING', ivr: { name: 'Standard' } });
    expect(fold([accept(missed)])).toMatchObject({ outcome: 'missed', hangupCause: 'OUT_PLANNING', totalSeconds: 42 });
  });

  it('reads a voicemail, its answer time and length, and the aftercall voicemail link', () => {
    const voicemail = `{"event":"voicemail","resource":"call","timestamp":1554823493.762305,"data":{"id":"x",${common},"start_time":1554823400.762305,"answered_time":1554823412.762305,"hangup_time":1554823442.762305,"duration_in_seconds":30}}`;
    const available = `{"event":"voicemail_available","resource":"aftercall","timestamp":1554823600,"data":{"call_id":${CALL},"voicemail_link":"https://cdr.example.test/vm/1.mp3","voicemail_duration":"30s"}}`;
    const call = fold([accept(voicemail), accept(available)]);
    expect(call).toMatchObject({ outcome: 'voicemail', answeredAt: '2019-04-09T15:23:32.762Z', voicemailUrl: 'https://cdr.example.test/vm/1.mp3', voicemailSeconds: 30 });
  });

  it('reads the aftercall record, tags and comments, an internal or anonymous call, an IVR choice and an SMS', () => {
    const record = accept(`{"event":"record_available","resource":"aftercall","timestamp":1554823600,"data":{"call_id":${CALL},"record_link":"https://cdr.example.test/record/2.mp3","record_duration":"42"}}`);
    expect(record.event).toMatchObject({ type: 'recording', links: { recordingUrl: 'https://cdr.example.test/record/2.mp3' }, recordingSeconds: 42 });
    const comments = accept(`{"event":"comments_updated","resource":"aftercall","timestamp":1554823700,"data":{"call_id":${CALL},"channel_id":123456789,"tags":["tag1","tag2"],"comments":"Wants a callback"},"attempt":1}`);
    expect(comments.event).toMatchObject({ tags: ['tag1', 'tag2'], comments: 'Wants a callback' });
    const internal = accept(`{"event":"ringing","resource":"call","timestamp":1,"data":{"call_id":7,"direction":"outbound","is_internal":true,"is_anonymous":true,"from_number":"101"}}`);
    expect(internal.event).toMatchObject({ direction: 'internal', from: { number: '101', anonymous: true } });
    const ivr = accept(`{"event":"ivr_response_code","resource":"call","timestamp":1554823493,"data":{"code":3,"from_number":"33601020304","to_number":"33101020304","direction":"inbound","call_id":${CALL}}}`);
    expect(ivr.event).toMatchObject({ type: 'ivr', ivr: { code: '3' } });
    const sms = accept('{"event":"received","resource":"sms","timestamp":0,"data":{"id":"1234567-234567","message_id":1234567,"conversation_id":234567,"time":1554823493,"direction":"inbound","from_number":"33601020304","to_number":"33101020304","body":"On my way","is_internal":false,"user_id":12854321},"attempt":1}');
    expect(sms.event).toMatchObject({ type: 'sms', providerCallId: undefined, occurredAt: '2019-04-09T15:24:53.000Z', detail: { text: 'On my way' } });
  });
});

describe('Ringotel: the documented StartCallActivity, StopCallActivity and UpdateCallRecording', () => {
  const TOKEN = '5c2d7008-a4b9-4eec-b549-e82804521e9a';
  const provider = createRingotelProvider(TOKEN);
  const accept = (signed: SignedRequest) => accepted(provider.accept(toWebhookRequest(signed)));
  const leg = { connection_name: 'PBX', extension: '500', user_id: '17295348437628309790', connection_id: '17295345566567084859', activity_type: 'inbound', domain: 'example', call_id: '1729693708182-2d1c3de3d3772cdc1f' };
  const start = { ...leg, call_start: 1729690611587, called_number: '500', caller_number: '353212028252' };
  const stop = { ...leg, call_end: 1729690638839, call_duration: 27, call_cause: '0', call_start: 1729690611587, called_number: '500', caller_number: '353212028252' };

  it('reads StopCallActivity field for field', () => {
    expect(accept(ringotelRequest('StopCallActivity', stop, TOKEN)).event).toMatchObject({
      type: 'ended',
      direction: 'inbound',
      from: { number: '353212028252' },
      to: { number: '500' },
      agent: { id: '17295348437628309790', extension: '500' },
      occurredAt: '2024-10-23T13:37:18.839Z',
      callTimes: { startedAt: '2024-10-23T13:36:51.587Z', endedAt: '2024-10-23T13:37:18.839Z' },
      durationSeconds: 27,
      hangupCause: '0',
      endReason: 'normal',
    });
  });

  it('makes of it an inbound call to 500, answered, 27 s, with its start and end', () => {
    const call = fold([accept(ringotelRequest('StopCallActivity', stop, TOKEN)), accept(ringotelRequest('StartCallActivity', start, TOKEN))]);
    expect(call).toMatchObject({
      state: 'ended',
      direction: 'inbound',
      to: { number: '500' },
      startedAt: '2024-10-23T13:36:51.587Z',
      endedAt: '2024-10-23T13:37:18.839Z',
      durationSeconds: 27,
      totalSeconds: 27,
      outcome: 'completed',
    });
  });

  it.each([
    ['17', 'busy'],
    ['486', 'busy'],
    ['19', 'no-answer'],
    ['480', 'no-answer'],
    ['21', 'rejected'],
    ['603', 'rejected'],
    ['38', 'failed'],
    ['503', 'failed'],
    ['487', 'unanswered'],
    ['16', 'unanswered'],
  ])('maps an unanswered call with call_cause %s to the outcome %s', (cause, outcome) => {
    const call = fold([accept(ringotelRequest('StopCallActivity', { ...stop, call_duration: 0, call_cause: cause }, TOKEN))]);
    expect(call).toMatchObject({ outcome, hangupCause: cause });
  });

  it('reads UpdateCallRecording: the recording link and length', () => {
    const event = accept(ringotelRequest('UpdateCallRecording', { ...leg, recording_url: 'https://rec.example.test/1.wav', recording_duration: 27 }, TOKEN)).event;
    expect(event).toMatchObject({ type: 'recording', links: { recordingUrl: 'https://rec.example.test/1.wav' }, recordingSeconds: 27 });
  });
});

describe('Ringyo: call, recording, transcript and agent events', () => {
  const SECRET = 'ringyo-secret';
  const provider = createRingyoProvider(SECRET);
  const accept = (payload: unknown) => accepted(provider.accept(toWebhookRequest(signRingyo(JSON.stringify(payload), SECRET))));
  const data = { call_id: 'call_abc', direction: 'outbound', from: '+33100000001', to: '+33611111111', to_name: 'Claire Petit', agent: { id: 'agent_1', name: 'Reception' } };

  it('reads a completed call, its recording and transcript into the call', () => {
    const completed = accept({ event: 'call.completed', timestamp: '2024-01-15T10:30:00Z', webhook_id: 'wh_abc123', data: { ...data, duration: 61, status: 'completed', summary: 'Booked a visit', started_at: '2024-01-15T10:28:50Z', answered_at: '2024-01-15T10:28:59Z', ended_at: '2024-01-15T10:30:00Z', sentiment: 'positive' } });
    const recording = accept({ event: 'call.recording.ready', timestamp: '2024-01-15T10:31:00Z', data: { call_id: 'call_abc', recording_url: 'https://rec.example.test/abc.mp3', recording_duration: 61 } });
    const transcript = accept({ event: 'transcript.ready', timestamp: '2024-01-15T10:32:00Z', data: { call_id: 'call_abc', transcript: [{ role: 'agent', content: 'Hello' }, { role: 'user', content: 'Hi' }] } });
    expect(completed.event).toMatchObject({ type: 'ended', durationSeconds: 61, agent: { id: 'agent_1', name: 'Reception' }, to: { number: '+33611111111', name: 'Claire Petit' }, analysis: { sentiment: 'positive' } });
    expect(fold([transcript, recording, completed])).toMatchObject({
      outcome: 'completed',
      startedAt: '2024-01-15T10:28:50.000Z',
      answeredAt: '2024-01-15T10:28:59.000Z',
      durationSeconds: 61,
      ringingSeconds: 9,
      summary: 'Booked a visit',
      recordingUrl: 'https://rec.example.test/abc.mp3',
      recordingSeconds: 61,
      transcript: 'agent: Hello\nuser: Hi',
    });
  });

  it('shows a failed call as busy when its reason says so, and a transfer with its target', () => {
    expect(fold([accept({ event: 'call.failed', timestamp: '2024-01-15T10:30:00Z', data: { ...data, reason: 'busy' } })])).toMatchObject({ outcome: 'busy', hangupCause: 'busy' });
    const transfer = fold([accept({ event: 'call.answered', timestamp: '2024-01-15T10:29:00Z', data }), accept({ event: 'call.transferred', timestamp: '2024-01-15T10:30:00Z', data: { ...data, transferred_to: '+33122222222' } })]);
    expect(transfer).toMatchObject({ outcome: 'transferred', transferredTo: '+33122222222', to: { number: '+33611111111' } });
  });

  it('stores an agent event, which belongs to no call and carries no event id', () => {
    const first = accept({ event: 'agent.updated', timestamp: '2024-01-15T10:30:00Z', data: { id: 'agent_1', name: 'Reception' } });
    const again = accept({ event: 'agent.updated', timestamp: '2024-01-15T11:00:00Z', data: { id: 'agent_1', name: 'Front desk' } });
    expect(first.event).toMatchObject({ providerCallId: undefined, type: 'other', providerEvent: 'agent.updated' });
    expect(again.dedupeKey).not.toBe(first.dedupeKey);
  });
});

describe('Ringg: call, recording and analysis events, and the older callback', () => {
  const provider = createRinggProvider('Authorization', 'Bearer ringg-token');
  const accept = (payload: Record<string, unknown>) => accepted(provider.accept(toWebhookRequest(ringgRequest(payload, 'Bearer ringg-token'))));
  const common = { call_id: 'adb64369-bb56-461e-a38a-9cc704e3210f', agent_id: '8e1ba144-884f-49be-97ad-137cebc56913', workspace_id: 'w-1', custom_args_values: { callee_name: 'John' } };
  const completed = { ...common, event_type: 'call_completed', call_duration: 9.4, call_type: 'outbound', status: 'completed', to_number: '+919875436897', from_number: '+918035736726', agent_name: 'Payment Reminder Agent', called_on: '2025-12-14T19:37:13.310707Z', transcript: [{ bot: 'Hello, how can I help you today?' }, { user: 'I need information about my order' }], retry_count: 0 };
  const recording = { ...common, event_type: 'recording_completed', recording_url: 'https://recordings.example.test/8c92.mp3', recording_duration: 19.3 };
  const platform = { ...common, event_type: 'platform_analysis_completed', analysis_data: { key_points: ['Customer inquired about order status'], summary: 'Customer called to check order delivery status.', classification: 'Order Inquiry', sentiment: 'positive', call_disconnect_reason: 'customer_hangup', action_items: ['Send tracking number via SMS'] } };
  const client = { ...common, event_type: 'client_analysis_completed', analysis_data: { interested: 'yes', callback_date: '2025-12-20' } };

  it('reads every documented field of call_completed', () => {
    expect(accept(completed).event).toMatchObject({
      type: 'ended',
      direction: 'outbound',
      from: { number: '+918035736726' },
      to: { number: '+919875436897', name: 'John' },
      agent: { id: '8e1ba144-884f-49be-97ad-137cebc56913', name: 'Payment Reminder Agent' },
      durationSeconds: 9.4,
      callTimes: { startedAt: '2025-12-14T19:37:13.310Z' },
      transcript: 'bot: Hello, how can I help you today?\nuser: I need information about my order',
      detail: { status: 'completed', attempt: 0 },
    });
  });

  it('folds the recording and both analyses into the call', () => {
    const call = fold([accept(client), accept(platform), accept(recording), accept(completed), accept({ ...common, event_type: 'call_started', agent_name: 'Payment Reminder Agent', sub_status: 'ACCEPTED' })]);
    expect(call).toMatchObject({
      state: 'ended',
      outcome: 'completed',
      durationSeconds: 9,
      recordingUrl: 'https://recordings.example.test/8c92.mp3',
      recordingSeconds: 19.3,
      summary: 'Customer called to check order delivery status.',
      providerDisposition: 'Order Inquiry',
      analysis: { keyPoints: ['Customer inquired about order status'], classification: 'Order Inquiry', sentiment: 'positive', disconnectReason: 'customer_hangup', actionItems: ['Send tracking number via SMS'] },
      customAnalysis: { interested: 'yes', callback_date: '2025-12-20' },
    });
  });

  it('counts a failed attempt that Ringg retries as neither the end nor the outcome of the call', () => {
    const retry = accept({ ...completed, status: 'retry', call_duration: 0, retry_count: 0, transcript: [] });
    const done = accept({ ...completed, retry_count: 1 });
    expect(retry.dedupeKey).not.toBe(done.dedupeKey);
    expect(retry.event.type).toBe('other');
    expect(fold([done, retry])).toMatchObject({ outcome: 'completed' });
    expect(fold([retry]).state).not.toBe('ended');
  });

  it('reads the older callback {status, data, message}', () => {
    const older = accept({ status: 'success', message: 'Call Details', data: { call_id: 'rg-9', call_direction: 'outbound', status: 'completed', call_duration: 120.5, recording_url: 'https://r.example.test/9.mp3', transcript: 'Hello, this is…', agent_id: 'a-1', retry: 0, from_number: '+1987654321', to_number: '+1234567890', analysis: { summary: 'Left a message', sentiment: 'neutral' } } });
    expect(older.event).toMatchObject({ type: 'ended', providerEvent: 'completed', direction: 'outbound', durationSeconds: 120.5, summary: 'Left a message', analysis: { sentiment: 'neutral' }, detail: { attempt: 0, message: 'Call Details' } });
    expect(accept({ status: 'success', data: { call_id: 'rg-9', status: 'ongoing' } }).event.type).toBe('answered');
  });
});

describe('events that recur for one call are new events; redeliveries are duplicates', () => {
  it('Ringover: another agent rung for the same call, and the same ringing sent again', () => {
    const provider = createRingoverProvider({ secret: 's' });
    const ringing = (userId: number, attempt: number) => `{"event":"ringing","resource":"call","timestamp":1554823493.1,"data":{"id":"leg","call_id":5,"user_id":${userId}},"attempt":${attempt}}`;
    const key = (body: string) => accepted(provider.accept(toWebhookRequest(signRingoverHmac(body, 's')))).dedupeKey;
    expect(key(ringing(1, 2))).toBe(key(ringing(1, 1)));
    expect(key(ringing(2, 1))).not.toBe(key(ringing(1, 1)));
  });

  it('Ringotel: a leg per Ringotel user, each redelivered once', () => {
    const provider = createRingotelProvider('t');
    const key = (params: Record<string, unknown>) => accepted(provider.accept(toWebhookRequest(ringotelRequest('StartCallActivity', params, 't')))).dedupeKey;
    const legA = { call_id: 'c', user_id: '1', extension: '500', call_start: 1729690611587 };
    expect(key({ ...legA })).toBe(key(legA));
    expect(key({ ...legA, user_id: '2', extension: '501' })).not.toBe(key(legA));
  });

  it('Ringg: one event per call and event type (its own rule), a retried call another attempt', () => {
    const provider = createRinggProvider('Authorization', 'Bearer x');
    const key = (payload: Record<string, unknown>) => accepted(provider.accept(toWebhookRequest(ringgRequest(payload, 'Bearer x')))).dedupeKey;
    const analysis = { event_type: 'client_analysis_completed', call_id: 'c', analysis_data: { interested: 'no' } };
    expect(key({ ...analysis, analysis_data: { interested: 'yes' } })).toBe(key(analysis));
    const completed = { event_type: 'call_completed', call_id: 'c', status: 'retry', retry_count: 0 };
    expect(key({ ...completed, status: 'completed', retry_count: 1 })).not.toBe(key(completed));
    expect(key({ ...completed, call_duration: 3 })).toBe(key(completed));
  });

  it('Ringyo: an event id names one event however often it comes', () => {
    const provider = createRingyoProvider('y');
    const key = (payload: unknown) => accepted(provider.accept(toWebhookRequest(signRingyo(JSON.stringify(payload), 'y')))).dedupeKey;
    expect(key({ id: 'evt_1', event: 'call.answered', timestamp: '2024-01-15T10:30:00Z', data: { call_id: 'c' } })).toBe('id:evt_1');
    const noId = { event: 'call.recording.ready', timestamp: '2024-01-15T10:30:00Z', data: { call_id: 'c', recording_url: 'https://r.test/1.mp3' } };
    expect(key(noId)).toBe(key({ ...noId }));
    expect(key({ ...noId, timestamp: '2024-01-15T10:40:00Z', data: { call_id: 'c', recording_url: 'https://r.test/2.mp3' } })).not.toBe(key(noId));
  });
});
