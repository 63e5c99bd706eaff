// What redaction hides in one call, from the settings in force and the call's own numbers.
import type { Call } from '../../../shared/call.ts';
import type { EngineConfig } from '../config/schema.ts';
import type { RedactionOptions } from './redact.ts';

export type RedactionSettings = Pick<EngineConfig, 'redactEmails' | 'redactPhones'>;

/** The options for a text of a call with `numbers` (its parties' numbers, any format). */
export function redactionOptions(settings: RedactionSettings, numbers: readonly (string | undefined)[] = []): RedactionOptions {
  return { emails: settings.redactEmails === 'hide', phones: settings.redactPhones === 'hide', ownNumbers: numbers };
}

/** The parties' numbers of a call (or of an event), for `redactionOptions`. */
export const ownNumbersOf = (call: Pick<Call, 'from' | 'to'> | Partial<Pick<Call, 'from' | 'to'>> | undefined): (string | undefined)[] => [call?.from?.number, call?.to?.number];
