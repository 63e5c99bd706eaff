// What the console's privacy operations take and answer: legal hold, finding every call of a phone
// number, exporting its data, erasing it (shared by the engine, the bridges and the console).
import { z } from 'zod';
import type { Call } from './call.ts';

export const legalHoldSchema = z.strictObject({
  hold: z.boolean({ error: 'hold must be true or false' }),
  reason: z.string().trim().max(500, 'a reason has at most 500 characters').optional(),
});
export type LegalHoldRequest = z.infer<typeof legalHoldSchema>;

/** A phone number in any format a person types: `+33 6 12 34 56 78`, `06.12.34.56.78`, `0033612345678`. */
export const phoneNumberSchema = z
  .string({ error: 'a phone number is text, e.g. "+33 6 12 34 56 78"' })
  .trim()
  .min(3, 'a phone number is required')
  .max(40, 'a phone number has at most 40 characters');

export interface NumberCalls {
  /** The number as Ringside compares it (E.164). */
  number: string;
  /** Every call whose caller or callee is this number, newest first. */
  calls: Call[];
  /** Events of no call that carry it (an SMS, a contact search). */
  otherEvents: number;
}

export interface NumberExport {
  fileName: string;
  calls: number;
  /** The zip (calls, their events with raw bodies, recordings), base64. */
  zip: string;
}

export interface NumberErasure {
  number: string;
  /** Calls erased: each left as a tombstone with nothing personal. */
  erased: number;
  /** Events deleted (the calls' and the number's other events). */
  events: number;
  /** Recording files deleted. */
  recordings: number;
  /** Calls not erased, and why (live, on legal hold). */
  kept: { id: string; reason: 'live' | 'legal-hold' }[];
}
