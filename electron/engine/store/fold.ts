// How the store turns events into calls: each stored event is folded into its call. Providers
// deliver at least once and in any order, so every rule here is a commutative merge (min, max,
// priority): the same events in any order give the same state, outcome and times, and a late
// `answered` can never reopen an ended call.
import type { Call, CallEvent, CallEventType, CallOutcome, CallState, StreamStatus } from '../../../shared/call.ts';

const STATE_RANK: Record<CallState, number> = { ringing: 0, 'in-progress': 1, ended: 2 };
const STATE_BY_RANK: CallState[] = ['ringing', 'in-progress', 'ended'];

/** The state an event proves the call reached; undefined when it says nothing about state. */
const STATE_OF: Partial<Record<CallEventType, CallState>> = {
  ringing: 'ringing',
  ivr: 'ringing',
  answered: 'in-progress',
  stream: 'in-progress',
  ended: 'ended',
  missed: 'ended',
  voicemail: 'ended',
  failed: 'ended',
  transferred: 'ended',
  transcript: 'ended',
  summary: 'ended',
};

/** Which ending explains the call best when several are reported. */
const END_PRIORITY: Partial<Record<CallEventType, number>> = { ended: 1, missed: 2, failed: 3, voicemail: 4, transferred: 5 };
const OUTCOME_OF: Partial<Record<CallEventType, CallOutcome>> = {
  missed: 'missed',
  failed: 'failed',
  voicemail: 'voicemail',
  transferred: 'transferred',
};

const minIso = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a < b ? a : b);
const maxIso = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a > b ? a : b);
const orFill = <T extends object>(current: T | undefined, incoming: T | undefined): T | undefined =>
  incoming ? { ...incoming, ...current } : current;

export function newCall(event: CallEvent): Call {
  return {
    id: event.callId!,
    provider: event.provider,
    providerCallId: event.providerCallId!,
    state: 'ringing',
    direction: 'unknown',
    from: {},
    to: {},
    startedAt: event.occurredAt,
    eventCount: 0,
    updatedAt: event.receivedAt,
  };
}

export function foldEvent(previous: Call | undefined, event: CallEvent): Call {
  const call: Call = { ...(previous ?? newCall(event)) };
  const reached = STATE_OF[event.type];
  if (reached && STATE_RANK[reached] > STATE_RANK[call.state]) call.state = STATE_BY_RANK[STATE_RANK[reached]]!;

  call.startedAt = minIso(call.startedAt, event.occurredAt)!;
  if (event.type === 'answered') call.answeredAt = minIso(call.answeredAt, event.occurredAt);
  if (END_PRIORITY[event.type]) {
    call.endedAt = minIso(call.endedAt, event.occurredAt);
    if ((END_PRIORITY[event.type] ?? 0) > (END_PRIORITY[endingOf(call)] ?? 0)) call.outcome = OUTCOME_OF[event.type] ?? 'completed';
    if (event.durationSeconds && event.durationSeconds > 0) {
      const answered = new Date(Date.parse(event.occurredAt) - event.durationSeconds * 1000).toISOString();
      call.answeredAt = minIso(call.answeredAt, answered);
    }
  }
  foldDetail(call, event);
  if (call.outcome === 'completed' || call.outcome === 'unanswered') call.outcome = call.answeredAt ? 'completed' : 'unanswered';
  if (call.transferredTo && (call.outcome === 'completed' || call.outcome === 'unanswered')) call.outcome = 'transferred';
  if (call.endedAt) {
    const from = Date.parse(call.answeredAt ?? call.startedAt);
    call.durationSeconds = Math.max(0, Math.round((Date.parse(call.endedAt) - from) / 1000));
  }

  if (call.direction === 'unknown' && event.direction) call.direction = event.direction;
  call.from = orFill(call.from, event.from)!;
  call.to = orFill(call.to, event.to)!;
  call.agent = orFill(call.agent, event.agent);
  call.recordingUrl ??= event.links?.recordingUrl;
  call.transcriptUrl ??= event.links?.transcriptUrl;
  call.voicemailUrl ??= event.links?.voicemailUrl;
  call.summary ??= event.summary;
  call.transcript ??= event.transcript;
  call.eventCount += 1;
  call.updatedAt = maxIso(call.updatedAt, event.receivedAt)!;
  return call;
}

/** What engine-made events add: stream figures and recording, a transfer target, the demo mark. */
function foldDetail(call: Call, event: CallEvent): void {
  const detail = event.detail;
  if (!detail) return;
  const stream = detail.stream as StreamStatus | undefined;
  if (stream && (!call.stream || stream.updatedAt >= call.stream.updatedAt)) call.stream = stream;
  const recording = detail.recording as Call['recording'];
  if (recording && recording.durationSeconds >= (call.recording?.durationSeconds ?? -1)) call.recording = recording;
  const command = detail.command as { type?: string; to?: string } | undefined;
  if (event.type === 'command' && command?.type === 'transfer' && command.to) call.transferredTo ??= command.to;
  if (detail.demo === true) call.demo = true;
  // Engine-made bot events arrive in the order they happened: the latest mode wins.
  if (detail.mode === 'bot' || detail.mode === 'human') call.mode = detail.mode;
  if (detail.needsHuman === null) delete call.needsHuman;
  else if (detail.needsHuman) call.needsHuman ??= detail.needsHuman as Call['needsHuman'];
  if (typeof detail.disposition === 'string') call.disposition ??= detail.disposition as Call['disposition'];
  const utterance = detail.utterance as { speaker: string; text: string } | undefined;
  if (event.type === 'utterance' && utterance?.text) {
    // Kept for search ("find the call where they said…"), capped so a long call stays a small row.
    call.transcript = `${call.transcript ? call.transcript + '\n' : ''}${utterance.speaker}: ${utterance.text}`.slice(-20_000);
  }
}

/** The event type behind the current outcome, to compare priorities. */
function endingOf(call: Call): CallEventType {
  switch (call.outcome) {
    case 'missed':
    case 'failed':
    case 'voicemail':
    case 'transferred':
      return call.outcome;
    case 'completed':
    case 'unanswered':
      return 'ended';
    default:
      return 'other';
  }
}
