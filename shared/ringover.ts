// What the console knows of Ringover's REST API: the key's state per area of rights, transfer
// targets with their presence, and the arguments of the actions taken from history. Ringover's API
// reference (developer.ringover.com): the key is the raw `Authorization` header; each key carries
// rights per area, so a 403 in one area says nothing of the others.
import { z } from 'zod';

/** The areas of rights a Ringover API key carries, as Ringside uses them. */
export const RINGOVER_AREAS = ['calls', 'contacts', 'users', 'numbers', 'presences', 'callback', 'sms'] as const;
export type RingoverArea = (typeof RINGOVER_AREAS)[number];

/**
 * One area's state as last seen: `ok` (answered), `denied` (403: the key lacks this right),
 * `unknown` (not tried yet, or it failed for another reason: `error` says which).
 */
export interface RingoverAreaState {
  state: 'ok' | 'denied' | 'unknown';
  /** ISO time of the last answer in this area. */
  checkedAt?: string;
  /** What to do, when the area does not work. */
  error?: string;
}

export interface RingoverStatus {
  /** `missing`: no API key; `invalid`: Ringover refused the key itself (401); `set`: a key is set. */
  key: 'missing' | 'invalid' | 'set';
  /** The API base URL in use (a `US_` key uses the US one). */
  baseUrl: string;
  areas: Record<RingoverArea, RingoverAreaState>;
  /** The last reconciliation with Ringover's call log, when one ran. */
  reconciliation?: ReconciliationResult;
}

/** What a pass over Ringover's call log did. */
export interface ReconciliationResult {
  /** The range read, ISO times. */
  from: string;
  to: string;
  /** Calls the log listed. */
  seen: number;
  /** Calls Ringside had not heard of, now created from the log. */
  created: number;
  /** Calls Ringside knew, whose missing fields (end, recording, agent…) the log filled in. */
  completed: number;
  finishedAt: string;
  error?: string;
}

export type Availability = 'available' | 'busy' | 'in-call' | 'offline' | 'unknown';

/** Someone (a Ringover user) or something (one of the team's numbers) a call can be transferred to. */
export interface TransferTarget {
  kind: 'user' | 'number';
  /** The user's id, or the number itself. */
  id: string;
  name: string;
  /** What goes in the transfer command: a number in E.164, or the user's extension. */
  to?: string;
  availability: Availability;
}

export interface TransferTargets {
  targets: TransferTarget[];
  /** Why the list is empty or partial (no key, a missing right), in words a user can act on. */
  problems: string[];
}

const isoDate = z.string().trim().min(1).max(40).refine((text) => !Number.isNaN(Date.parse(text)), 'must be a date like 2025-03-01T00:00:00Z');

/** A date range to back-fill history from Ringover's call log: at most 31 days. */
export const backfillRangeSchema = z
  .strictObject({ from: isoDate, to: isoDate.optional() })
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to ?? new Date().toISOString()), 'from must be before to')
  .refine(({ from, to }) => Date.parse(to ?? new Date().toISOString()) - Date.parse(from) <= 31 * 86_400_000, 'a back-fill covers at most 31 days');
export type BackfillRange = z.infer<typeof backfillRangeSchema>;

export const smsTextSchema = z.string({ error: 'the message is text' }).trim().min(1, 'the message is empty').max(1000, 'a message has at most 1000 characters');
export const tagsSchema = z.array(z.string().trim().min(1).max(60), { error: 'tags are a list of words' }).min(1, 'give at least one tag').max(20, 'at most 20 tags');
export const commentSchema = z.string({ error: 'the comment is text' }).trim().min(1, 'the comment is empty').max(2000, 'a comment has at most 2000 characters');

/** What an action taken from history did. */
export interface ActionResult {
  ok: true;
  /** Whether Ringover itself carries it out (call back, SMS) or it is kept in Ringside's history only. */
  where: 'ringover' | 'ringside';
}

/** Ringover's own AI data about a call (its transcript, summary and key moments), when the account has it. */
export interface RingoverInsights {
  available: boolean;
  summary?: string;
  transcript?: { speaker: string; text: string; startSeconds?: number }[];
  moments?: { label: string; atSeconds?: number }[];
  /** Why nothing is shown (no key, no right, nothing for this call). */
  problem?: string;
}
