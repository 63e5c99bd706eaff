// The engine's implementation of the console API contract (shared/api.ts). The HTTP routes and,
// in the desktop app, the IPC handlers are thin adapters over this object: they check every
// argument against the table (shared/api-operations.ts), so this object trusts what it is given.
import pkg from '../../package.json' with { type: 'json' };
import { ApiError, type ConsoleApi, type Health, type ProviderStatus } from '../../shared/api.ts';
import { PROVIDERS, type Provider } from '../../shared/call.ts';
import { isBotCommand, type Command, type CommandResult } from '../../shared/commands.ts';
import type { Calls } from './calls/calls.ts';
import { settingLabel } from '../../shared/setting-names.ts';
import type { SessionManager } from './calls/sessions.ts';
import type { SettingsStore } from './config/settings-store.ts';
import type { BotManager } from './pipeline/bots.ts';
import type { DemoControl } from './simulator/demo-control.ts';
import type { PublicAccess } from './tunnel/public-access.ts';
import { sendTestEvent } from './tunnel/test-event.ts';
import type { TicketBook } from './http/tickets.ts';
import type { CallReads } from './store/call-reads.ts';
import type { WebhookProvider } from './webhooks/types.ts';
import type { AuditTrail } from './privacy/audit.ts';
import { ownNumbersOf, redactionOptions } from './privacy/policy.ts';
import { redactStrings } from './privacy/redact-event.ts';
import type { NumberRecordsApi } from './privacy/embedded-only.ts';
import type { Actor } from './acting-user.ts';
import type { RingoverService } from './ringover/ringover-service.ts';

export interface ConsoleApiDeps {
  /** Live calls (memory) and the feed. */
  calls: Pick<Calls, 'live' | 'feed'>;
  /** Ended calls, timelines and counts. */
  store: CallReads;
  providers: () => WebhookProvider[];
  sessions: SessionManager;
  bots: BotManager;
  settings: SettingsStore;
  demo: DemoControl;
  access: PublicAccess;
  startedAt: string;
  urls: { publicUrl: string; consoleUrl: string; streamUrl: string };
  tickets: TicketBook;
  ringover: RingoverService;
  /** A phone number's calls: find, export, erase (on PostgreSQL each answers 501: privacy/embedded-only.ts). */
  records: NumberRecordsApi;
  /** Privacy actions into the team's audit trail (holds and erasures on the call's timeline too). */
  audit: AuditTrail;
  /** Who is acting from the console now (what the timeline names as having done it). */
  actor: () => Actor;
  /**
   * With several engines: sends a command for a call whose media socket another engine holds
   * (cluster/cluster-bus.ts); without, every command runs here.
   */
  elsewhere?: (id: string, command: Command) => Promise<CommandResult>;
}

/** Runs a console command on a call whose media socket this engine holds. */
export function commandRunner({ sessions, bots }: Pick<ConsoleApiDeps, 'sessions' | 'bots'>): (id: string, command: Command) => Promise<CommandResult> {
  return (id, command) => {
    if (!isBotCommand(command)) return sessions.sendCommand(id, command, 'supervisor');
    // A hand back (or a new take-over) closes the supervisor's span of speech on the timeline.
    if (command.type !== 'say' && command.type !== 'whisper') sessions.endSpeech(id);
    return bots.command(id, command);
  };
}

export function createConsoleApi({ calls: { live, feed }, store, providers, sessions, bots, settings, demo, access, startedAt, urls, tickets, ringover, actor, records, audit, elsewhere }: ConsoleApiDeps): ConsoleApi {
  const runHere = commandRunner({ sessions, bots });
  return {
    async listCalls(query) {
      if (query.state === 'live') return live.query(query);
      // Ended calls from the store get the names Ringside knows, as live ones do.
      const list = await store.listCalls(query);
      return { ...list, calls: list.calls.map(ringover.directory.overlay) };
    },
    async getCall(id) {
      const call = await live.find(id);
      if (!call) throw new ApiError(404, `no call with id ${id}`);
      return { call, events: await store.eventsFor(id) };
    },
    async health(): Promise<Health> {
      // Named as Settings shows them: whoever reads health reads it in the console.
      const streamsMissing = settings.current.ringoverStreamerAuthToken ? undefined : settingLabel('ringoverStreamerAuthToken');
      const status = Object.fromEntries(
        await Promise.all(
          PROVIDERS.map(async (name): Promise<[Provider, ProviderStatus]> => {
            const setting = providers().find((p) => p.name === name)?.missingSetting();
            const missing = setting && settingLabel(setting);
            const lastEventAt = await store.lastEventAt(name);
            return [name, { configured: !missing, ...(missing && { missing }), ...(lastEventAt && { lastEventAt }) }];
          }),
        ),
      ) as Record<Provider, ProviderStatus>;
      return {
        ok: true,
        version: pkg.version,
        startedAt,
        publicUrl: urls.publicUrl,
        consoleUrl: urls.consoleUrl,
        providers: status,
        calls: { live: live.count },
        store: await store.counts(),
        streams: {
          configured: !streamsMissing,
          ...(streamsMissing && { missing: streamsMissing }),
          connected: sessions.connectedCount,
          url: `${urls.streamUrl}/stream/{call_id}`,
        },
        demo: { running: demo.running },
        bot: { active: bots.active, engine: bots.active ? settings.current.botEngine : 'off', ...(bots.demoModels && { demoModels: true }) },
        access: access.status(),
      };
    },
    async sendCommand(id, command) {
      if (elsewhere && !sessions.get(id)?.connected) return elsewhere(id, command);
      return runHere(id, command);
    },
    subscribe: (listener) => feed.subscribe(listener),
    listen(id, handlers) {
      const session = sessions.get(id);
      if (!session?.connected && !session?.recorder) {
        handlers.ended(live.get(id) ? 'this call has no live audio to listen to' : `no call with id ${id}`);
        return () => undefined;
      }
      return session.listen({ audio: (frames, sampleRate) => handlers.audio({ sampleRate, samples: frames }), ended: handlers.ended });
    },
    async settings() {
      return settings.view();
    },
    async updateSettings(patch) {
      return settings.update(patch);
    },
    async setDemo(running) {
      if (running) demo.start();
      else await demo.stop();
      return { running: demo.running };
    },
    async testEvent(provider) {
      return sendTestEvent(provider, { config: settings.current, access: access.status(), stored: async (id) => (await store.eventsFor(id)).length > 0 });
    },
    async stats({ from, to }) {
      const now = new Date();
      const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
      return store.stats(from ? new Date(from) : midnight, to ? new Date(to) : now, now);
    },
    async pauseRecording(id, paused) {
      if (!live.get(id)) throw new ApiError(404, `no call with id ${id}`);
      const result = await bots.pauseRecording(id, paused);
      await audit.recordAction({ action: paused ? 'recording-pause' : 'recording-resume', callId: id });
      return result;
    },
    async setLegalHold(id, { hold, reason }) {
      const call = live.get(id);
      if (!call) throw new ApiError(404, `no call with id ${id}`);
      if (call.erasedAt) throw new ApiError(409, `call ${id} was erased: nothing is left to hold`);
      const legalHold = hold ? { at: new Date().toISOString(), by: actor().name, ...(reason && { reason }) } : null;
      await audit.recordAction({ action: hold ? 'legal-hold.set' : 'legal-hold.lifted', callId: id, legalHold, detail: { withReason: Boolean(hold && reason) } });
      return { call: live.get(id)! };
    },
    async findNumber(number) {
      return records.find(number);
    },
    async exportNumber(number) {
      return records.export(number);
    },
    async eraseNumber(number) {
      return records.erase(number);
    },
    async issueTicket(request) {
      if (request.use !== 'live' && !(await live.find(request.callId))) throw new ApiError(404, `no call with id ${request.callId}`);
      return tickets.issue(request);
    },
    ringoverStatus: async () => ringover.status(),
    testRingoverKey: () => ringover.testKey(),
    transferTargets: () => ringover.transferTargets(),
    backfill: (range) => ringover.backfill(range),
    callBack: (id) => ringover.callBack(id, actor()),
    sendSms: (id, text) => ringover.sendSms(id, text, actor()),
    tagCall: (id, tags) => ringover.tagCall(id, tags, actor()),
    commentCall: (id, comment) => ringover.commentCall(id, comment, actor()),
    // Ringover's AI transcript and summary are what was said on the call: redacted as Ringside's own before they are shown.
    ringoverInsights: async (id) => redactStrings(await ringover.insights(id), redactionOptions(settings.current, ownNumbersOf(await live.find(id)))),
    // The audit entry is the person's API's to write (team/actor-api.ts); here, only that the call exists.
    async noteTranscriptExport(id) {
      if (!(await live.find(id))) throw new ApiError(404, `no call with id ${id}`);
      return { recorded: true };
    },
  };
}
