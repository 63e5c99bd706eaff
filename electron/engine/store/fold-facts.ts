// What providers report about a call (parties, agent, tags, links, summary…) folded so that any
// order of events gives the same call: each field keeps the value of the latest report (parties
// and direction: the earliest), by the event's own time, ties broken by the value itself. Two
// tags_updated six minutes apart leave the later tags, whichever is stored first.
import type { Call, CallEvent, CallFoldState } from '../../../shared/call.ts';

type Prefer = 'latest' | 'earliest';

/** Folds the reported facts of `event` into `call` (mutated), recording in `fold.asOf` when each field's value was reported. */
export function foldFacts(call: Call, fold: CallFoldState, event: CallEvent): void {
  const asOf = (fold.asOf ??= {});
  const at = event.occurredAt;
  const adopt = (path: string, value: unknown, prefer: Prefer = 'latest') => {
    if (value === undefined) return;
    const since = asOf[path];
    if (since !== undefined && since !== at && (prefer === 'latest') !== at > since) return;
    if (since === at && !(JSON.stringify(value) > (JSON.stringify(read(call, path)) ?? ''))) return;
    write(call, path, value);
    asOf[path] = at;
  };

  if (event.direction && event.direction !== 'unknown') adopt('direction', event.direction, 'earliest');
  for (const side of ['from', 'to'] as const) {
    const party = event[side];
    if (!party) continue;
    adopt(`${side}.number`, party.number, 'earliest');
    adopt(`${side}.name`, party.name, 'earliest');
    adopt(`${side}.anonymous`, party.anonymous, 'earliest');
  }
  // The agent is one person: a later report (a transfer to another agent) replaces it whole.
  adopt('agent', event.agent);
  adopt('recordingUrl', event.links?.recordingUrl);
  adopt('transcriptUrl', event.links?.transcriptUrl);
  adopt('voicemailUrl', event.links?.voicemailUrl);
  adopt('summary', event.summary);
  adopt('transcript', event.transcript === undefined ? undefined : event.transcript.slice(0, 20_000));
  adopt('tags', event.tags);
  adopt('comments', event.comments);
  for (const key of ['name', 'number', 'scenario', 'code'] as const) adopt(`ivr.${key}`, event.ivr?.[key]);
  adopt('queue', event.queue);
  adopt('team', event.team);
  // A cause and what it means go together.
  if (event.hangupCause !== undefined || event.endReason !== undefined) adopt('hangup', { cause: event.hangupCause, reason: event.endReason });
  adopt('recordingSeconds', event.recordingSeconds);
  adopt('voicemailSeconds', event.voicemailSeconds);
  adopt('analysis', event.analysis);
  adopt('customAnalysis', event.customAnalysis);
  adopt('providerDisposition', event.providerDisposition);
  adopt('transferredTo', event.transferredTo);
}

// Paths are `field` or `object.field`; `hangup` stands for the pair hangupCause + endReason.
function read(call: Call, path: string): unknown {
  const record = call as unknown as Record<string, unknown>;
  if (path === 'hangup') return { cause: call.hangupCause, reason: call.endReason };
  const [head, tail] = path.split('.') as [string, string | undefined];
  return tail === undefined ? record[head] : (record[head] as Record<string, unknown> | undefined)?.[tail];
}

function write(call: Call, path: string, value: unknown): void {
  const record = call as unknown as Record<string, unknown>;
  if (path === 'hangup') {
    const { cause, reason } = value as { cause?: string; reason?: Call['endReason'] };
    call.hangupCause = cause;
    call.endReason = reason;
    if (cause === undefined) delete call.hangupCause;
    if (reason === undefined) delete call.endReason;
    return;
  }
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) record[head] = value;
  else record[head] = { ...(record[head] as Record<string, unknown> | undefined), [tail]: value };
}
