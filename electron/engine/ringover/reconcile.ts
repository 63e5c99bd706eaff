// Reconciliation with Ringover's call log: webhooks are delivered at least once, but a delivery
// can still be lost for good (Ringside was down past Ringover's retries, a tunnel changed). On start
// and every few minutes the engine reads the recent call log and, for each call in it:
// - unknown to Ringside: creates it from the log (one event, marked as coming from the API);
// - known, with fields the log has and the webhooks never brought (its end, recording, voicemail,
//   agent, tags): fills exactly those in;
// - known and complete: leaves it alone (no event, no duplicate).
// The same pass back-fills history for a date range. Events are keyed by what they carry, so a
// pass run twice stores nothing the second time.
import { createHash } from 'node:crypto';
import { callIdFor, type Call, type CallEventType } from '../../../shared/call.ts';
import type { ReconciliationResult } from '../../../shared/ringover.ts';
import type { Delivery, IngestResult } from '../store/store-writer.ts';
import type { IncomingEvent } from '../webhooks/types.ts';
import type { RingoverApi } from './api-client.ts';
import { listOf, readCall, type ApiCall } from './records.ts';

/** The page size asked of GET /calls. */
const PAGE = 100;
/** Pages read at most in one pass (a month of a busy line is a few thousand calls). */
const MAX_PAGES = 200;

export interface ReconcilerDeps {
  api: RingoverApi;
  /** A call as Ringside has it (memory or store), by id. */
  callById: (id: string) => Call | undefined;
  /** The door to the store. */
  ingest: (delivery: Delivery) => Promise<IngestResult>;
}

const ENDINGS: Record<string, CallEventType> = { MISSED: 'missed', VOICEMAIL: 'voicemail', FAILED: 'failed', NOANSWER: 'missed', 'NO ANSWER': 'missed' };

export class Reconciler {
  private readonly deps: ReconcilerDeps;
  private running: Promise<ReconciliationResult> | undefined;
  last: ReconciliationResult | undefined;

  constructor(deps: ReconcilerDeps) {
    this.deps = deps;
  }

  /** One pass over [from, to); a pass already running is awaited instead of started twice. */
  run(from: Date, to: Date, signal?: AbortSignal): Promise<ReconciliationResult> {
    this.running ??= this.pass(from, to, signal).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(from: Date, to: Date, signal?: AbortSignal): Promise<ReconciliationResult> {
    const result: ReconciliationResult = { from: from.toISOString(), to: to.toISOString(), seen: 0, created: 0, completed: 0, finishedAt: '' };
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const body = await this.deps.api.getObject(
          'calls',
          '/calls',
          { start_date: from.toISOString(), end_date: to.toISOString(), limit_count: PAGE, limit_offset: page * PAGE },
          signal,
        );
        const records = listOf(body, 'call_list');
        for (const record of records) {
          const call = readCall(record);
          if (!call) continue;
          result.seen++;
          const outcome = await this.reconcile(call);
          if (outcome) result[outcome]++;
        }
        if (records.length < PAGE) break;
      }
    } catch (error) {
      result.error = (error as Error).message;
    }
    result.finishedAt = new Date().toISOString();
    this.last = result;
    return result;
  }

  /** Stores what the log knows and Ringside does not; says whether it created or completed a call. */
  private async reconcile(apiCall: ApiCall): Promise<'created' | 'completed' | undefined> {
    const id = callIdFor('ringover', apiCall.callId);
    const known = this.deps.callById(id);
    const event = known ? missingFields(known, apiCall) : fullEvent(apiCall);
    if (!event) return undefined;
    const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 16);
    const stored = await this.deps.ingest({ dedupeKey: `api:call:${apiCall.callId}:${digest}`, event });
    if (stored.duplicate) return undefined;
    return known ? 'completed' : 'created';
  }
}

/** The event type the log's state says the call reached. */
function typeOf(call: ApiCall): CallEventType {
  const ending = ENDINGS[call.lastState ?? ''];
  if (ending) return ending;
  if (call.endedAt) return call.answered === false && !call.answeredAt ? 'missed' : 'ended';
  return call.answeredAt ? 'answered' : 'ringing';
}

const base = (call: ApiCall, type: CallEventType): IncomingEvent => ({
  provider: 'ringover',
  providerCallId: call.callId,
  type,
  providerEvent: 'api.calls',
  // The call's own time, so a fact from the log never outranks a later webhook's report.
  occurredAt: call.endedAt ?? call.answeredAt ?? call.startedAt ?? new Date().toISOString(),
  detail: { source: 'ringover-api' },
});

/** A call the webhooks never told of, whole. */
function fullEvent(call: ApiCall): IncomingEvent {
  const event = base(call, typeOf(call));
  if (call.direction) event.direction = call.direction;
  if (call.from) event.from = { number: call.from, ...(call.direction === 'inbound' && call.contactName && { name: call.contactName }) };
  if (call.to) event.to = { number: call.to, ...(call.direction === 'outbound' && call.contactName && { name: call.contactName }) };
  if (call.agent) event.agent = call.agent;
  event.callTimes = { startedAt: call.startedAt, answeredAt: call.answeredAt, endedAt: call.endedAt };
  if (call.talkSeconds !== undefined && call.endedAt) event.durationSeconds = call.talkSeconds;
  const links = { recordingUrl: call.recordingUrl, voicemailUrl: call.voicemailUrl };
  if (links.recordingUrl || links.voicemailUrl) event.links = links;
  if (call.tags?.length) event.tags = call.tags;
  if (call.note) event.comments = call.note;
  return event;
}

/** The fields of a known call that the log has and the call lacks; undefined when nothing is missing. */
function missingFields(known: Call, call: ApiCall): IncomingEvent | undefined {
  const needsEnd = known.state !== 'ended' && !!call.endedAt;
  const event = base(call, needsEnd ? typeOf(call) : 'other');
  let missing = false;
  if (needsEnd) {
    event.callTimes = { startedAt: call.startedAt, answeredAt: call.answeredAt, endedAt: call.endedAt };
    if (call.talkSeconds !== undefined) event.durationSeconds = call.talkSeconds;
    missing = true;
  }
  const links: IncomingEvent['links'] = {};
  if (!known.recordingUrl && call.recordingUrl) links.recordingUrl = call.recordingUrl;
  if (!known.voicemailUrl && call.voicemailUrl) links.voicemailUrl = call.voicemailUrl;
  if (links.recordingUrl || links.voicemailUrl) {
    event.links = links;
    missing = true;
  }
  if (!known.agent && call.agent) {
    event.agent = call.agent;
    missing = true;
  }
  if (!known.tags?.length && call.tags?.length) {
    event.tags = call.tags;
    missing = true;
  }
  return missing ? event : undefined;
}
