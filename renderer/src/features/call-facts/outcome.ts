// How a call ended, in words: the outcome, and the hang-up cause when it says more ("Hung up
// before an answer (the caller hung up while it rang)", "Missed (cause OUT_PLANNING)"). The cause
// as sent (`486`, `17`, `USER_BUSY`) is kept for the call's details.
import type { TFunction } from 'i18next';
import type { Call, CallFacts, CallOutcome, EndReason } from '../../../../shared/call.ts';

/** What a hang-up cause means, in words; the cause as sent when Ringside cannot tell. */
export function reasonText(facts: Pick<CallFacts, 'endReason' | 'hangupCause'>, t: TFunction): string | undefined {
  if (facts.endReason) return t(`endReason.${facts.endReason}`);
  if (facts.hangupCause) return t('endReason.cause', { cause: facts.hangupCause });
  return undefined;
}

/** The reason and the cause as sent, for the call's details: "line busy, cause 486". */
export function causeText(facts: Pick<CallFacts, 'endReason' | 'hangupCause'>, t: TFunction): string | undefined {
  if (facts.endReason && facts.hangupCause) return t('endReason.withCause', { reason: t(`endReason.${facts.endReason}`), cause: facts.hangupCause });
  return reasonText(facts, t);
}

/** A reason the outcome already says: "Busy (line busy)" would say it twice. */
const SAID_BY: Partial<Record<EndReason, readonly CallOutcome[]>> = {
  normal: ['completed', 'transferred'],
  busy: ['busy'],
  'no-answer': ['no-answer', 'missed'],
  rejected: ['rejected'],
  failed: ['failed'],
};

/** The call's outcome in words, with its hang-up cause when that adds something; undefined while it runs. */
export function outcomeText(call: Call, t: TFunction): string | undefined {
  if (!call.outcome) return call.state === 'ended' ? t('outcome.ended') : undefined;
  const outcome = call.outcome === 'transferred' && call.transferredTo ? t('outcome.transferredTo', { to: call.transferredTo }) : t(`outcome.${call.outcome}`);
  const said = call.endReason && SAID_BY[call.endReason]?.includes(call.outcome);
  const reason = said ? undefined : reasonText(call, t);
  return reason ? t('outcome.withReason', { outcome, reason }) : outcome;
}
