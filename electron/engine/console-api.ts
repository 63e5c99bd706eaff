// The engine's implementation of the console API contract (shared/api.ts). The HTTP routes and,
// in the desktop app, the IPC handlers are thin adapters over this object.
import pkg from '../../package.json' with { type: 'json' };
import { ApiError, ticketRequestSchema, type ConsoleApi, type Health, type ProviderStatus } from '../../shared/api.ts';
import { PROVIDERS, type Provider } from '../../shared/call.ts';
import { commandSchema, describeCommandError, isBotCommand } from '../../shared/commands.ts';
import { settingLabel } from '../../shared/setting-names.ts';
import { settingsPatchSchema } from '../../shared/settings.ts';
import type { CallRegistry } from './calls/registry.ts';
import type { SessionManager } from './calls/sessions.ts';
import type { SettingsStore } from './config/settings-store.ts';
import type { BotManager } from './pipeline/bots.ts';
import type { DemoControl } from './simulator/demo-control.ts';
import type { PublicAccess } from './tunnel/public-access.ts';
import { sendTestEvent } from './tunnel/test-event.ts';
import { testEventRequestSchema } from '../../shared/access.ts';
import type { TicketBook } from './http/tickets.ts';
import type { CallLog } from './store/call-log.ts';
import type { WebhookProvider } from './webhooks/types.ts';

export interface ConsoleApiDeps {
  registry: CallRegistry;
  log: CallLog;
  providers: () => WebhookProvider[];
  sessions: SessionManager;
  bots: BotManager;
  settings: SettingsStore;
  demo: DemoControl;
  access: PublicAccess;
  startedAt: string;
  urls: { publicUrl: string; consoleUrl: string; streamUrl: string };
  tickets: TicketBook;
}

export function createConsoleApi({ registry, log, providers, sessions, bots, settings, demo, access, startedAt, urls, tickets }: ConsoleApiDeps): ConsoleApi {
  return {
    async listCalls(query) {
      return query.state === 'live' ? registry.listLive(query) : log.listCalls(query);
    },
    async getCall(id) {
      const call = registry.get(id);
      if (!call) throw new ApiError(404, `no call with id ${id}`);
      return { call, events: log.eventsFor(id) };
    },
    async health(): Promise<Health> {
      // Named as Settings shows them: whoever reads health reads it in the console.
      const streamsMissing = settings.current.ringoverStreamerAuthToken ? undefined : settingLabel('ringoverStreamerAuthToken');
      const status = Object.fromEntries(
        PROVIDERS.map((name): [Provider, ProviderStatus] => {
          const setting = providers().find((p) => p.name === name)?.missingSetting();
          const missing = setting && settingLabel(setting);
          const lastEventAt = log.lastEventAt(name);
          return [name, { configured: !missing, ...(missing && { missing }), ...(lastEventAt && { lastEventAt }) }];
        }),
      ) as Record<Provider, ProviderStatus>;
      return {
        ok: true,
        version: pkg.version,
        startedAt,
        publicUrl: urls.publicUrl,
        consoleUrl: urls.consoleUrl,
        providers: status,
        calls: { live: registry.liveCalls().length },
        store: log.counts(),
        streams: {
          configured: !streamsMissing,
          ...(streamsMissing && { missing: streamsMissing }),
          connected: sessions.connectedCount,
          url: `${urls.streamUrl}/stream/{call_id}`,
        },
        demo: { running: demo.running },
        bot: { active: bots.active, engine: bots.active ? settings.current.botEngine : 'off' },
        access: access.status(),
      };
    },
    async sendCommand(id, input) {
      const parsed = commandSchema.safeParse(input);
      if (!parsed.success) throw new ApiError(400, describeCommandError(parsed.error));
      const command = parsed.data;
      return isBotCommand(command) ? bots.command(id, command) : sessions.sendCommand(id, command, 'supervisor');
    },
    subscribe: (listener) => registry.subscribe(listener),
    listen(id, handlers) {
      const session = sessions.get(id);
      if (!session?.connected && !session?.recorder) {
        handlers.ended(registry.get(id) ? 'this call has no live audio to listen to' : `no call with id ${id}`);
        return () => undefined;
      }
      return session.listen({ audio: (frames, sampleRate) => handlers.audio({ sampleRate, samples: frames }), ended: handlers.ended });
    },
    async settings() {
      return settings.view();
    },
    async updateSettings(input) {
      const parsed = settingsPatchSchema.safeParse(input);
      if (!parsed.success) throw new ApiError(400, parsed.error.issues[0]!.message);
      return settings.update(parsed.data);
    },
    async setDemo(running) {
      if (running) demo.start();
      else await demo.stop();
      return { running: demo.running };
    },
    async testEvent(provider) {
      const parsed = testEventRequestSchema.safeParse({ provider });
      if (!parsed.success) throw new ApiError(400, parsed.error.issues[0]!.message);
      return sendTestEvent(parsed.data.provider, { config: settings.current, access: access.status(), stored: (id) => log.eventsFor(id).length > 0 });
    },
    async issueTicket(input) {
      const parsed = ticketRequestSchema.safeParse(input);
      if (!parsed.success) throw new ApiError(400, parsed.error.issues[0]!.message);
      const request = parsed.data;
      if (request.use !== 'live' && !registry.get(request.callId)) throw new ApiError(404, `no call with id ${request.callId}`);
      return tickets.issue(request);
    },
  };
}
