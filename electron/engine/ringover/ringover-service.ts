// Ringover's REST API in the engine: the client, names (directory), transfer targets with presence,
// reconciliation on a schedule, actions taken from history, and the key's state per area. The
// console API reaches Ringover only through this.
import { ApiError } from '../../../shared/api.ts';
import type { Call } from '../../../shared/call.ts';
import type { ActionResult, BackfillRange, RingoverArea, RingoverInsights, RingoverStatus, TransferTarget, TransferTargets } from '../../../shared/ringover.ts';
import type { Actor } from '../acting-user.ts';
import type { Timeline } from '../calls/timeline.ts';
import type { Logger } from '../log.ts';
import type { Delivery, IngestResult } from '../store/store-writer.ts';
import { RingoverApi, RingoverApiError, type RingoverApiOptions, type RingoverApiSettings } from './api-client.ts';
import { Directory } from './directory.ts';
import { ringoverInsights } from './insights.ts';
import { ringoverDigits, toE164 } from './phone-numbers.ts';
import { Reconciler } from './reconcile.ts';
import { listOf, readNumber, readPresence, type ApiUser } from './records.ts';

export interface RingoverSettings extends RingoverApiSettings {
  ringoverCallerNumber?: string;
  ringoverSmsNumber?: string;
  ringoverReconcileMinutes: number;
}

export interface RingoverServiceDeps {
  settings: () => RingoverSettings;
  logger: Logger;
  callById: (id: string) => Call | undefined;
  ingest: (delivery: Delivery) => Promise<IngestResult>;
  timeline: Timeline;
  /** Names were learned: the live calls they concern should be shown again. */
  learned?: () => void;
  /** Client tuning (tests shorten waits and raise the budget). */
  client?: Partial<Omit<RingoverApiOptions, 'settings' | 'logger'>>;
  /** Names' lifetime, in ms. */
  namesTtlMs?: number;
}

/** The areas "Test the key" reads (the others act: they are tried when used). */
const PROBES: [RingoverArea, string][] = [
  ['calls', '/calls'],
  ['contacts', '/contacts'],
  ['users', '/users'],
  ['numbers', '/numbers'],
  ['presences', '/presences'],
];

export class RingoverService {
  readonly api: RingoverApi;
  readonly directory: Directory;
  readonly reconciler: Reconciler;
  private readonly deps: RingoverServiceDeps;
  private timer: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();

  constructor(deps: RingoverServiceDeps) {
    this.deps = deps;
    this.api = new RingoverApi({ settings: deps.settings, logger: deps.logger, ...deps.client });
    this.directory = new Directory({ api: this.api, logger: deps.logger, ttlMs: deps.namesTtlMs, learned: () => deps.learned?.() });
    this.reconciler = new Reconciler({ api: this.api, callById: deps.callById, ingest: deps.ingest });
  }

  /** The key changed: forget what areas answered and the names learned with the old key. */
  keyChanged(): void {
    this.api.reset();
    this.directory.clear();
    this.schedule();
  }

  /** Reconciles now (the last two reconciliation periods), then every period while a key is set. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.api.configured || this.stopping.signal.aborted) return;
    const periodMs = this.deps.settings().ringoverReconcileMinutes * 60_000;
    if (periodMs <= 0) return;
    const tick = () => {
      const now = new Date();
      void this.reconciler.run(new Date(now.getTime() - 2 * periodMs), now, this.stopping.signal).then((result) => {
        if (result.error) this.deps.logger.repeated('warn', 'Ringover reconciliation failed', { error: result.error }, 'ringover reconcile');
        else if (result.created || result.completed) this.deps.logger.info('Ringover reconciliation', { created: result.created, completed: result.completed });
      });
      this.timer = setTimeout(tick, periodMs);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    this.stopping.abort();
    clearTimeout(this.timer);
  }

  status(): RingoverStatus {
    return {
      key: this.api.keyState,
      baseUrl: this.api.baseUrl,
      areas: this.api.areaStates(),
      ...(this.reconciler.last && { reconciliation: this.reconciler.last }),
    };
  }

  /** Reads one page of each readable area, so Settings shows which areas the key opens. */
  async testKey(): Promise<RingoverStatus> {
    if (!this.api.configured) return this.status();
    this.api.reset();
    for (const [area, path] of PROBES) {
      try {
        await this.api.request(area, path, { query: { limit_count: 1, limit_offset: 0 } });
      } catch (error) {
        if (!(error instanceof RingoverApiError)) throw error;
        if (error.kind === 'bad-key') break; // every area would answer the same
      }
    }
    return this.status();
  }

  async backfill(range: BackfillRange) {
    this.requireKey('calls');
    const result = await this.reconciler.run(new Date(range.from), range.to ? new Date(range.to) : new Date());
    if (result.error) throw new ApiError(502, result.error);
    return result;
  }

  /** The team's users (with presence) and numbers; what could not be read is said in `problems`. */
  async transferTargets(): Promise<TransferTargets> {
    if (!this.api.configured) return { targets: [], problems: ['no Ringover API key: set “API key” (Ringover) in Settings to list the team'] };
    const problems: string[] = [];
    const failed = (error: unknown) => {
      if (!(error instanceof RingoverApiError)) throw error;
      problems.push(error.message);
      return undefined;
    };
    const [users, presences, numbers] = await Promise.all([
      this.directory.users().catch(failed),
      this.api.getObject('presences', '/presences').then((body) => listOf(body, 'presence_list').map(readPresence), failed),
      this.api.getObject('numbers', '/numbers').then((body) => listOf(body, 'number_list').map(readNumber), failed),
    ]);
    const presenceOf = new Map((presences ?? []).filter((p) => !!p).map((p) => [p!.userId, p!.availability]));
    const targets: TransferTarget[] = [
      ...(users ?? []).map((user: ApiUser): TransferTarget => {
        const to = user.extension ?? user.numbers.map((n) => toE164(n)).find(Boolean);
        return { kind: 'user', id: user.id, name: user.name, ...(to && { to }), availability: presenceOf.get(user.id) ?? 'unknown' };
      }),
      ...(numbers ?? [])
        .filter((n) => !!n)
        .map((n): TransferTarget => {
          const to = toE164(n!.number);
          return { kind: 'number', id: n!.number, name: n!.name ?? to ?? n!.number, ...(to && { to }), availability: 'unknown' };
        }),
    ];
    return { targets: targets.sort((a, b) => a.name.localeCompare(b.name)), problems: [...new Set(problems)] };
  }

  /** Ringover's click-to-call: rings the key's user, then calls the caller back from the configured number. */
  async callBack(callId: string, actor: Actor): Promise<ActionResult> {
    const call = this.ringoverCall(callId);
    const to = this.otherParty(call);
    const from = toE164(this.deps.settings().ringoverCallerNumber);
    this.requireKey('callback');
    const body: Record<string, unknown> = { to_number: Number(ringoverDigits(to)), device: 'ALL', timeout: 30 };
    if (from) body.from_number = Number(ringoverDigits(from));
    await this.act(() => this.api.request('callback', '/callback', { method: 'POST', body }));
    await this.deps.timeline.record(call.id, { type: 'command', providerEvent: 'ringover.callback', detail: { by: actor, to, ...(from && { from }), source: 'console' } });
    return { ok: true, where: 'ringover' };
  }

  /** An SMS follow-up from the configured number (Ringover's push/sms). */
  async sendSms(callId: string, text: string, actor: Actor): Promise<ActionResult> {
    const call = this.ringoverCall(callId);
    const to = this.otherParty(call);
    const from = toE164(this.deps.settings().ringoverSmsNumber);
    if (!from) throw new ApiError(409, 'no number to send SMS from: set “SMS number” (Ringover) in Settings to one of your Ringover numbers that can send SMS');
    this.requireKey('sms');
    await this.act(() => this.api.request('sms', '/push/sms', { method: 'POST', body: { from_number: from, to_number: to, content: text, archived_auto: false } }));
    await this.deps.timeline.record(call.id, { type: 'sms', providerEvent: 'ringover.sms.sent', detail: { by: actor, from, to, text, source: 'console' } });
    return { ok: true, where: 'ringover' };
  }

  /** Tags on a call, kept in Ringside's history (Ringover's public API has no call-tag write). */
  async tagCall(callId: string, tags: string[], actor: Actor): Promise<ActionResult> {
    const call = this.knownCall(callId);
    const merged = [...new Set([...(call.tags ?? []), ...tags])];
    await this.deps.timeline.record(call.id, { type: 'other', providerEvent: 'console.tags', tags: merged, detail: { by: actor, added: tags, source: 'console' } });
    return { ok: true, where: 'ringside' };
  }

  /** A comment on a call, kept in Ringside's history (Ringover's public API has no call-comment write). */
  async commentCall(callId: string, comment: string, actor: Actor): Promise<ActionResult> {
    const call = this.knownCall(callId);
    await this.deps.timeline.record(call.id, { type: 'other', providerEvent: 'console.comment', comments: comment, detail: { by: actor, source: 'console' } });
    return { ok: true, where: 'ringside' };
  }

  async insights(callId: string): Promise<RingoverInsights> {
    const call = this.knownCall(callId);
    if (call.provider !== 'ringover') return { available: false };
    try {
      return await ringoverInsights(this.api, call.providerCallId);
    } catch (error) {
      if (error instanceof RingoverApiError) return { available: false, problem: error.message };
      throw error;
    }
  }

  private knownCall(callId: string): Call {
    const call = this.deps.callById(callId);
    if (!call) throw new ApiError(404, `no call with id ${callId}`);
    return call;
  }

  private ringoverCall(callId: string): Call {
    const call = this.knownCall(callId);
    if (call.provider !== 'ringover') throw new ApiError(409, `this call came from ${call.provider}: calling back and SMS go through Ringover's API, for Ringover calls`);
    return call;
  }

  /** The customer's number: who called in, or whom an outbound call reached. */
  private otherParty(call: Call): string {
    const number = toE164(call.direction === 'outbound' ? call.to.number : call.from.number);
    if (!number) throw new ApiError(409, 'this call has no phone number to reach (withheld, or an extension)');
    return number;
  }

  private requireKey(area: RingoverArea): void {
    if (!this.api.configured) throw new ApiError(409, 'no Ringover API key: set “API key” (Ringover) in Settings');
    if (this.api.areaStates()[area].state === 'denied') throw new ApiError(403, this.api.areaStates()[area].error!);
  }

  /** Runs an action, turning Ringover's refusal into a console error that says what to do. */
  private async act<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RingoverApiError)) throw error;
      const status = error.kind === 'no-right' ? 403 : error.kind === 'bad-key' ? 409 : error.kind === 'unavailable' ? 503 : 502;
      throw new ApiError(status, error.message);
    }
  }
}
