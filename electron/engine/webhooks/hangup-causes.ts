// What a provider's hang-up cause means. Causes come as Q.850 cause values (ITU-T Q.850 §2.2.5,
// 1–127; 0 where nothing went wrong), as SIP final responses (RFC 3261 §21, 200–699), or as the
// text names PBXes give them (FreeSWITCH/Asterisk `USER_BUSY`, `NO_ANSWER`…).
import type { EndReason } from '../../../shared/call.ts';

const Q850: Record<number, EndReason> = {
  0: 'normal', // no cause: Ringotel sends "0" for a call that ended normally
  16: 'normal', // normal call clearing
  26: 'normal', // non-selected user clearing: answered by another member of the group
  31: 'normal', // normal, unspecified
  17: 'busy', // user busy
  18: 'no-answer', // no user responding
  19: 'no-answer', // no answer from user (user alerted)
  20: 'no-answer', // subscriber absent
  21: 'rejected', // call rejected
  24: 'rejected', // call rejected due to feature at the destination
};

const SIP: Record<number, EndReason> = {
  200: 'normal',
  486: 'busy', // Busy Here
  600: 'busy', // Busy Everywhere
  408: 'no-answer', // Request Timeout
  480: 'no-answer', // Temporarily Unavailable
  487: 'cancelled', // Request Terminated (the caller hung up while it rang)
  403: 'rejected', // Forbidden
  603: 'rejected', // Decline
  607: 'rejected', // Unwanted
  608: 'rejected', // Rejected
};

/** Text causes, by the words they contain (checked in this order). */
const WORDS: [RegExp, EndReason][] = [
  [/BUSY/, 'busy'],
  [/NO_?ANSWER|NO_USER_RESPONSE|NOANSWER|UNANSWERED|TIMEOUT|SUBSCRIBER_ABSENT|UNAVAILABLE/, 'no-answer'],
  [/REJECT|DECLINE/, 'rejected'],
  [/CANCEL|ORIGINATOR/, 'cancelled'],
  [/NORMAL|COMPLETED|HANGUP|ANSWERED|SUCCESS/, 'normal'],
  [/FAIL|ERROR|CONGESTION|UNALLOCATED|INVALID|NETWORK|UNREACHABLE|NO_ROUTE|OUT_OF_ORDER/, 'failed'],
];

/**
 * The end reason of a hang-up cause, or undefined when it says nothing Ringside knows (e.g.
 * Ringover's `OUT_PLANNING`, a missed call outside opening hours: kept as the cause, shown as sent).
 * Q.850 values not listed above are network or number failures (`failed`), as are SIP 4xx–6xx.
 */
export function endReasonOf(cause: string | undefined): EndReason | undefined {
  if (!cause) return undefined;
  const text = cause.trim();
  if (/^\d{1,3}$/.test(text)) {
    const code = Number(text);
    if (code <= 127) return Q850[code] ?? 'failed';
    if (code >= 200 && code < 300) return 'normal';
    if (code >= 400 && code < 700) return SIP[code] ?? 'failed';
    return undefined;
  }
  const words = text.toUpperCase().replace(/[\s-]+/g, '_');
  return WORDS.find(([pattern]) => pattern.test(words))?.[1];
}
