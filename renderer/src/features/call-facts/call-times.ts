// A call's lengths as a supervisor reads them: how long it rang (start to answer, through the IVR
// and queue), how long they talked (answer to end) and the total (start to end), in the console's
// language ("1m 5s", "1min 5s"). Each is there only when the engine worked it out.
import type { Call } from '../../../../shared/call.ts';
import type { Formats } from '../../../../shared/i18n/format.ts';

export interface CallTimes {
  rang?: string;
  talked?: string;
  total?: string;
}

export function callTimes(call: Call, f: Formats): CallTimes {
  const times: CallTimes = {};
  if (call.ringingSeconds !== undefined) times.rang = f.duration(call.ringingSeconds);
  // Talk time is only talk once someone answered; before that it is the whole call.
  if (call.durationSeconds !== undefined && call.answeredAt) times.talked = f.duration(call.durationSeconds);
  if (call.totalSeconds !== undefined) times.total = f.duration(call.totalSeconds);
  // A call stored before total times were kept: unanswered, its length was its total.
  else if (call.durationSeconds !== undefined && !call.answeredAt) times.total = f.duration(call.durationSeconds);
  return times;
}
