// How the store turns events into calls: each stored event is folded into its call. Providers
// deliver at least once and in any order, so every rule here is a commutative merge (min, max,
// priority, latest report by the event's own time): the same events in any order give the same
// call, and a late `answered` can never reopen an ended call. What a rule needs beyond the call's
// own fields is kept in `call.fold`. No time is derived earlier than one observed: an answer time
// worked out from a reported talk time is never before the call's start.
import type { Call, CallEvent, CallEventType, CallFoldState, CallOutcome, CallState, EndReason, StreamStatus } from '../../../shared/call.ts';
import { foldFacts } from './fold-facts.ts';

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

/** End reasons that say why nobody answered; shown as the outcome of an unanswered call. */
const UNANSWERED_REASONS: ReadonlySet<EndReason> = new Set(['busy', 'no-answer', 'rejected']);

const minIso = (...times: (string | undefined)[]) => times.reduce((a, b) => (!a ? b : !b ? a : a < b ? a : b), undefined);
const maxIso = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a > b ? a : b);
const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

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
  const fold = foldStateOf(call);
  const reached = STATE_OF[event.type];
  if (reached && STATE_RANK[reached] > STATE_RANK[call.state]) call.state = STATE_BY_RANK[STATE_RANK[reached]]!;

  // Every time an event shows the call at is at or after its start.
  const reported = event.callTimes;
  call.startedAt = minIso(call.startedAt, event.occurredAt, reported?.startedAt, reported?.answeredAt, reported?.endedAt)!;
  fold.answeredSeen = minIso(fold.answeredSeen, event.type === 'answered' ? event.occurredAt : undefined, reported?.answeredAt);
  const priority = END_PRIORITY[event.type];
  if (priority) {
    call.endedAt = minIso(call.endedAt, event.occurredAt, reported?.endedAt);
    if (priority > (END_PRIORITY[fold.ending!] ?? 0)) fold.ending = event.type;
    if (event.durationSeconds && event.durationSeconds > 0) fold.reportedTalkSeconds = Math.max(fold.reportedTalkSeconds ?? 0, event.durationSeconds);
  }

  foldFacts(call, fold, event);
  foldDetail(call, event);
  call.fold = fold;
  settleTimes(call, fold);
  const outcome = outcomeOf(call, fold);
  if (outcome) call.outcome = outcome;
  call.eventCount += 1;
  call.updatedAt = maxIso(call.updatedAt, event.receivedAt)!;
  return call;
}

/** The call's fold state (a copy); for a call stored before it was kept, read back from the call. */
function foldStateOf(call: Call): CallFoldState {
  if (call.fold) return { ...call.fold };
  const fold: CallFoldState = {};
  if (call.answeredAt) fold.answeredSeen = call.answeredAt;
  if (call.outcome) fold.ending = ['missed', 'failed', 'voicemail', 'transferred'].includes(call.outcome) ? (call.outcome as CallEventType) : 'ended';
  return fold;
}

/**
 * The answer time (as seen, else the end minus the largest reported talk time, but never before the
 * start) and the durations from it: ringing (start to answer), in-call (answer, or start, to end)
 * and total (start to end).
 */
function settleTimes(call: Call, fold: CallFoldState): void {
  let answeredAt = fold.answeredSeen;
  if (!answeredAt && fold.reportedTalkSeconds && call.endedAt) {
    const fromTalk = new Date(Date.parse(call.endedAt) - fold.reportedTalkSeconds * 1000).toISOString();
    answeredAt = minIso(maxIso(fromTalk, call.startedAt), call.endedAt);
  }
  if (answeredAt) call.answeredAt = answeredAt;
  else delete call.answeredAt;
  if (answeredAt) call.ringingSeconds = seconds(call.startedAt, answeredAt);
  if (call.endedAt) {
    call.durationSeconds = seconds(answeredAt ?? call.startedAt, call.endedAt);
    call.totalSeconds = seconds(call.startedAt, call.endedAt);
  }
}

/**
 * Why the call ended: the most specific ending reported (transferred, voicemail, failed, missed,
 * else a hang-up), a hang-up being `completed` once answered, else what its cause says (`busy`,
 * `no-answer`, `rejected`, `failed`) or `unanswered`.
 */
function outcomeOf(call: Call, fold: CallFoldState): CallOutcome | undefined {
  const reason = call.endReason;
  const unansweredBecause = !call.answeredAt && reason && UNANSWERED_REASONS.has(reason) ? (reason as CallOutcome) : undefined;
  switch (fold.ending) {
    case undefined:
      return undefined;
    case 'missed':
    case 'voicemail':
    case 'transferred':
      return fold.ending;
    case 'failed':
      return unansweredBecause ?? 'failed';
    default: {
      if (call.answeredAt) return call.transferredTo ? 'transferred' : 'completed';
      if (unansweredBecause) return unansweredBecause;
      if (reason === 'failed') return 'failed';
      return call.transferredTo ? 'transferred' : 'unanswered';
    }
  }
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
  const pause = detail.recordingPause as { paused?: unknown } | undefined;
  if (pause && typeof pause.paused === 'boolean') call.recordingPaused = pause.paused;
  if (typeof detail.recordingNotice === 'boolean') call.recordingNotice = detail.recordingNotice;
  const hold = detail.legalHold as Call['legalHold'] | null | undefined;
  if (hold === null) delete call.legalHold;
  else if (hold) call.legalHold = hold;
  // Briefings are stored at a take-over and at the end: the latest one (by its own time) is the call's.
  const briefing = detail.briefing as Call['briefing'];
  if (briefing && typeof briefing.updatedAt === 'string' && (!call.briefing || briefing.updatedAt >= call.briefing.updatedAt)) call.briefing = briefing;
  const utterance = detail.utterance as { speaker: string; text: string } | undefined;
  if (event.type === 'utterance' && utterance?.text) {
    // Kept for search ("find the call where they said…"), capped so a long call stays a small row.
    call.transcript = `${call.transcript ? call.transcript + '\n' : ''}${utterance.speaker}: ${utterance.text}`.slice(-20_000);
  }
}
