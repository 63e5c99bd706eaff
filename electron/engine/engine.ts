// createEngine(config): everything Ringside does, headless. The Electron main process and the
// `serve` command both call it; it never imports 'electron'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { ConsoleApi } from '../../shared/api.ts';
import { AttentionTracker } from './calls/attention.ts';
import { createCalls, type Calls } from './calls/calls.ts';
import { reactsTo } from '../../shared/setting-catalog.ts';
import { nameSetting } from '../../shared/setting-names.ts';
import { SessionManager } from './calls/sessions.ts';
import { BotManager } from './pipeline/bots.ts';
import { CallUnderstanding } from './pipeline/call-understanding.ts';
import { loadOrCreateConsoleToken } from './config/console-token.ts';
import type { ValueSources } from './config/load.ts';
import { secretsOf, type EngineConfig } from './config/schema.ts';
import { memoryVault, SettingsStore, type SecretVault } from './config/settings-store.ts';
import { commandRunner, createConsoleApi } from './console-api.ts';
import { joinCluster, type ClusterMember } from './cluster/join-cluster.ts';
import { ownNumbersOf, redactionOptions } from './privacy/policy.ts';
import { redactDelivery } from './privacy/redact-event.ts';
import { privacyAuditTrail } from './privacy/audit.ts';
import { NumberRecords } from './privacy/records.ts';
import { RetentionJob } from './privacy/retention.ts';
import { EMBEDDED_STORE_ONLY, recordsUnavailable } from './privacy/embedded-only.ts';
import { consoleRoutes } from './http/console-routes.ts';
import { startListener, type Listener } from './net/listener.ts';
import { attachLiveSocket } from './http/live-socket.ts';
import { publicRoutes } from './http/public-routes.ts';
import { sendError } from './net/respond.ts';
import { TicketBook } from './http/tickets.ts';
import { teamGate, teamRoutes } from './http/team-routes.ts';
import { createTeam, LOCAL_ADMIN, type Team } from './team/team.ts';
import type { LimiterOptions } from './team/sign-in-limiter.ts';
import { webConsole } from './http/web-console.ts';
import { createLogger, type Logger } from './log.ts';
import { openStore } from './store/open-store.ts';
import { attachStreamServer, createStreamServer } from './streamer/server.ts';
import { identifyPortHolder } from './running-ringside.ts';
import { say } from './words.ts';
import { createDemoControl, type DemoControl } from './simulator/demo-control.ts';
import { DemoModels } from './demo-models/demo-models.ts';
import { PublicAccess } from './tunnel/public-access.ts';
import type { NgrokSdk } from './tunnel/ngrok-tunnel.ts';
import { createRinggProvider } from './webhooks/ringg.ts';
import { createRingotelProvider } from './webhooks/ringotel.ts';
import { createRingoverProvider } from './webhooks/ringover.ts';
import { createRingyoProvider } from './webhooks/ringyo.ts';
import type { WebhookProvider } from './webhooks/types.ts';
import { actingUser } from './acting-user.ts';
import { singleSignOn } from './team/single-sign-on.ts';
import { ensurePrivateDir } from './files/private-files.ts';
import { clientAddress, sourceGate } from './net/source-allow-list.ts';
import { RingoverService, type RingoverServiceDeps } from './ringover/ringover-service.ts';

export interface Engine {
  /** Everything a console, the desktop shell or a script may ask: the one way in for product code. */
  api: ConsoleApi;
  /** The calls' door (ingest, live calls, feed, timeline), for tests and benchmarks. */
  calls: Calls;
  sessions: SessionManager;
  bots: BotManager;
  /** Briefings and the attention reasons that need understanding (its counts: side requests per caller line). */
  understanding: CallUnderstanding;
  /** The settings in force (they change when a supervisor saves settings in the console). */
  readonly config: EngineConfig;
  settings: SettingsStore;
  demo: DemoControl;
  /** The built-in demo models (serving once the demo started). */
  demoModels: DemoModels;
  /** How providers reach the public listener (its own address, the user's URL, or the ngrok tunnel). */
  access: PublicAccess;
  consoleToken: string;
  /** Accounts, sessions, the audit trail (`team.audit.record(...)`) and presence. */
  team: Team;
  /** `https://HOST:PORT` (or http, for a TLS reverse proxy) of the team listener, when it is on. */
  teamUrl?: string;
  /** `http://HOST:PORT` of the public listener (webhooks, streams). */
  publicUrl: string;
  /** `http://127.0.0.1:PORT` of the console listener. */
  consoleUrl: string;
  /** `ws://HOST:PORT` where media servers connect (`/stream/{callId}`). */
  streamUrl: string;
  logger: Logger;
  /**
   * The daily retention job (it also runs at start-up); tests run it with a scripted clock. Absent on
   * PostgreSQL: it works on the embedded store's tables (privacy/embedded-only.ts).
   */
  retention?: RetentionJob;
  /** Stops accepting, lets in-flight requests finish, flushes the store and closes it. */
  stop(): Promise<void>;
}

export interface EngineOptions {
  logger?: Logger;
  /** Where the store writer thread's script is (a bundled app passes its own build of it). */
  storeWorker?: URL | string;
  /** With a database URL: the PostgreSQL schema to keep the tables in (default: the connection's own). */
  databaseSchema?: string;
  /** With a NATS URL: the first token of the cluster's subjects (default `ringside`; tests keep apart with their own). */
  natsPrefix?: string;
  /** Which settings the operator set, and how (they are locked in the console); default: none. */
  sources?: ValueSources;
  /** Where secrets saved from the console go; default: memory (kept for the run). */
  vault?: SecretVault;
  /** The built web console (`index.html` and assets); default: the renderer build of this checkout. */
  webRoot?: string;
  /** The ngrok agent SDK (default: @ngrok/ngrok, loaded when the tunnel is first used). */
  ngrok?: () => Promise<NgrokSdk>;
  /** Waits between attempts to open the tunnel. */
  tunnelRetryMs?: number[];
  /** Milliseconds since the epoch, for console tickets' lifetimes (tests pass a clock they move). */
  now?: () => number;
  /** Milliseconds since the epoch, for how long a media stream has been quiet (tests hold it still). */
  streamNow?: () => number;
  /**
   * Starts the demo once the engine is up (`serve --demo`); the start log then says what the demo
   * made up instead of warning that Ringover's webhooks and streams are off.
   */
  demo?: boolean;
  /** Tuning of the Ringover API client (tests shorten its waits). */
  ringoverClient?: RingoverServiceDeps['client'];
  /** How long a disconnected supervisor keeps a taken-over call (ms; default 15 s). */
  holdGraceMs?: number;
  /** Sign-in attempts allowed per account and per address in a window. */
  signInLimits?: Partial<LimiterOptions>;
  /** How single sign-on reaches its issuer (tests pass a fetch that trusts their certificate). */
  oidcFetch?: typeof fetch;
}

export function createProviders(config: EngineConfig): WebhookProvider[] {
  return [
    createRingoverProvider({
      secret: config.ringoverWebhookSecret,
      call: config.ringoverWebhookKeyCall,
      contactCall: config.ringoverWebhookKeyContactCall,
      contactSearch: config.ringoverWebhookKeyContactSearch,
      routing: config.ringoverWebhookKeyRouting,
    }),
    createRingotelProvider(config.ringotelApiToken),
    createRingyoProvider(config.ringyoWebhookSecret),
    createRinggProvider(config.ringgWebhookHeader, config.ringgWebhookToken),
  ];
}

export async function createEngine(base: EngineConfig, options: EngineOptions = {}): Promise<Engine> {
  const folder = ensurePrivateDir(base.dataDir); // before anything is written in it
  const consoleToken = base.consoleToken ?? loadOrCreateConsoleToken(base.dataDir);
  const logger = options.logger ?? createLogger({ secrets: [...secretsOf(base), consoleToken] });
  if (folder === 'tightened') logger.info('data folder was readable by other users: now by this user only', { dataDir: base.dataDir });
  const settings = new SettingsStore({ base, sources: options.sources ?? {}, vault: options.vault ?? memoryVault(), logger });
  logger.addSecrets(secretsOf(settings.current));
  const config = settings.current; // what the listeners are bound with; the rest follows `settings`
  const store = await openStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl && { databaseUrl: config.databaseUrl }),
    ...(options.databaseSchema !== undefined && { databaseSchema: options.databaseSchema }),
    ...(options.storeWorker !== undefined && { storeWorker: options.storeWorker }),
    connectionLost: (error) => logger.warn('a PostgreSQL connection closed; another replaces it', { error }),
  });
  // Card numbers and IBANs never reach the store (nor anything read from it: history, search,
  // exports); e-mails and other phone numbers neither when the settings say so.
  const calls = await createCalls({
    writer: store.writer,
    store: store.reads,
    logger,
    prepare: (delivery, call) => {
      const now = settings.current;
      const own = now.redactPhones === 'hide' ? [...ownNumbersOf(delivery.event), ...ownNumbersOf(call())] : [];
      return redactDelivery(delivery, redactionOptions(now, own));
    },
  });
  let providers = createProviders(config);
  for (const provider of providers) {
    const missing = provider.missingSetting();
    if (missing && !(options.demo && provider.name === 'ringover')) logger.warn(say('cli.log.webhooksOff', { provider: provider.name, setting: nameSetting(missing, 'cli') }), { provider: provider.name });
  }

  const recordingsDir = join(config.dataDir, 'recordings');
  const { live, feed, timeline } = calls;
  const sessions = new SessionManager({ live, feed, timeline, recordingsDir, logger });
  const demoModels = new DemoModels({ logger, config: () => settings.current });
  const bots = new BotManager({ config, live, feed, timeline, sessions, logger, demoClients: () => demoModels.clients(), eventsOf: (id) => store.reads.eventsFor(id) });
  // The LLM's side request per caller line: the briefing and the attention reasons words miss.
  const understanding = new CallUnderstanding({ live, feed, timeline, logger, model: (callId) => bots.llmFor(callId), timeoutMs: () => bots.modelTimeoutMs, budget: () => settings.current.attentionSideRequests });
  const attention = new AttentionTracker({
    live,
    feed,
    extra: understanding,
    settings: () => ({ threshold: settings.current.attentionThreshold, keywords: settings.current.attentionKeywords, language: settings.current.botLanguage }),
  });
  const streams = createStreamServer({ binder: sessions, token: () => settings.current.ringoverStreamerAuthToken, logger, now: options.streamNow, quietUntilTokenSet: options.demo });
  const ringover = new RingoverService({
    settings: () => settings.current,
    logger,
    callById: (id) => live.get(id),
    ingest: (delivery) => calls.ingest.store(delivery),
    timeline,
    // Names just learned show on the live calls at once.
    learned: () => {
      for (const call of live.list()) feed.publishCall(call.id);
    },
    ...(options.ringoverClient && { client: options.ringoverClient }),
  });
  live.addOverlay(ringover.directory.overlay);
  /** Set when the engine starts stopping: `/readyz` answers 503 so a load balancer sends nothing new. */
  let draining = false;
  // With NATS, this engine is one of several: the feed and commands cross to the others.
  let cluster: ClusterMember | undefined;
  if (config.natsUrl) {
    try {
      cluster = await joinCluster({ url: config.natsUrl, live, feed, sessions, runHere: commandRunner({ sessions, bots }), logger, ...(options.natsPrefix !== undefined && { prefix: options.natsPrefix }) });
    } catch (error) {
      await sessions.stop();
      await store.close();
      throw error;
    }
  }
  const gate = sourceGate(() => settings.current);
  settings.onChange((next, changed) => {
    if ([...changed].some((key) => key === 'ringoverApiKey' || key === 'ringoverApiBaseUrl' || key === 'ringoverReconcileMinutes')) ringover.keyChanged();
    if (reactsTo(changed, 'webhooks')) providers = createProviders(next);
    if (reactsTo(changed, 'bot')) bots.reconfigure(next);
  });

  // The console API as the engine implements it; every caller goes through `team.apiFor(person)`.
  let rawApi: ConsoleApi | undefined;
  const team = createTeam(
    { dataDir: config.dataDir, logger, ...(options.now && { now: options.now }), ...(options.holdGraceMs !== undefined && { graceMs: options.holdGraceMs }), ...(options.signInLimits && { limits: options.signInLimits }) },
    () => rawApi!,
    (message) => feed.publish(message),
  );
  feed.addOpening(() => team.presence.opening());
  const stopForgetting = feed.subscribe((message) => {
    if (message.type === 'call.updated' && message.call.state === 'ended') team.presence.forget(message.call.id);
  });

  const listeners: Listener[] = [];
  const closers: (() => void)[] = [() => streams.close(), () => attention.stop(), () => understanding.stop(), () => ringover.stop(), stopForgetting];
  try {
    const publicListener = await startListener(
      'public',
      config.publicHost,
      config.publicPort,
      publicRoutes({ providers: () => providers, ingest: calls.ingest, logger, ready: () => !draining }),
      logger,
      { failure: 'internal error; the event was not stored, please retry', gate },
    );
    listeners.push(publicListener);
    attachStreamServer(publicListener, streams);
    let streamPort = publicListener.port;
    if (config.ringoverWebsocketPort !== undefined && config.ringoverWebsocketPort !== config.publicPort) {
      const streamListener = await startListener(
        'stream',
        config.publicHost,
        config.ringoverWebsocketPort,
        (_req, res) => sendError(res, 404, 'this port only takes media streams: connect a WebSocket to /stream/{callId}'),
        logger,
        { gate },
      );
      listeners.push(streamListener);
      attachStreamServer(streamListener, streams);
      streamPort = streamListener.port;
    }
    const startedAt = new Date().toISOString();
    const urls = {
      publicUrl: `http://${hostForUrl(config.publicHost)}:${publicListener.port}`,
      consoleUrl: '', // known once the console listener is bound
      streamUrl: `ws://${hostForUrl(config.publicHost)}:${streamPort}`,
    };
    const demo = createDemoControl({
      settings,
      timeline,
      logger,
      urls: () => urls,
      // The demo's calls are answered by the demo models while no model is configured.
      prepare: () => demoModels.start().then(() => bots.modelsChanged()),
    });
    closers.push(() => void demo.stop());
    const access = new PublicAccess(config, {
      listenerUrl: urls.publicUrl,
      port: publicListener.port,
      logger,
      ...(options.ngrok && { ngrok: options.ngrok }),
      ...(options.tunnelRetryMs && { retryDelaysMs: options.tunnelRetryMs }),
    });
    settings.onChange((next, changed) => access.reconfigure(next, changed));
    closers.push(() => void access.stop());
    const tickets = new TicketBook(options.now);
    const audit = privacyAuditTrail(timeline, team.audit);
    const embedded = store.embedded;
    const records = embedded ? new NumberRecords({ store: embedded, writer: store.writer, call: (id) => live.get(id), recordingsDir, audit, logger }) : recordsUnavailable();
    const retention = embedded ? new RetentionJob({ store: embedded, writer: store.writer, recordingsDir, settings: () => settings.current, logger, auditTrail: team.audit, ...(options.now && { now: options.now }) }) : undefined;
    if (!embedded) logger.info(EMBEDDED_STORE_ONLY);
    closers.push(() => void retention?.stop());
    rawApi = createConsoleApi({ calls, store: store.reads, providers: () => providers, sessions, bots, settings, demo, access, startedAt, urls, tickets, ringover, actor: actingUser, records, audit, ...(cluster && { elsewhere: cluster.sendCommand }) });
    // The loopback console and the desktop window act as the local administrator.
    const api = team.apiFor(LOCAL_ADMIN);
    const consoleListener = await startListener(
      'console',
      '127.0.0.1',
      config.consolePort,
      consoleRoutes({ api, token: consoleToken, tickets, logger, recordingsDir, web: webConsole(options.webRoot) }),
      logger,
    );
    listeners.push(consoleListener);
    urls.consoleUrl = `http://127.0.0.1:${consoleListener.port}`;
    closers.push(attachLiveSocket(consoleListener, { api, token: consoleToken, tickets, logger }));
    let teamUrl: string | undefined;
    if (config.teamPort !== undefined) {
      const tls = readTls(config);
      // Behind a reverse proxy, the audit trail and the sign-in limit see the client, not the proxy:
      // X-Forwarded-For is believed from the configured trusted proxies only.
      const teamAddressOf = clientAddress(() => settings.current);
      const teamListener = await startListener(
        'team',
        config.teamHost,
        config.teamPort,
        teamRoutes({ team, logger, recordingsDir, version: pkg.version, consoleToken, web: webConsole(options.webRoot), addressOf: teamAddressOf, sso: singleSignOn(() => settings.current, { ...(options.oidcFetch && { fetch: options.oidcFetch }) }) }),
        logger,
        tls ? { tls } : {},
      );
      listeners.push(teamListener);
      teamUrl = `${tls ? 'https' : 'http'}://${hostForUrl(config.teamHost)}:${teamListener.port}`;
      closers.push(attachLiveSocket(teamListener, { api, token: consoleToken, tickets, logger, gate: teamGate(team, teamAddressOf), onEnded: (listener) => team.accounts.onEnded(listener) }));
    }
    if (options.demo) demo.start();
    retention?.start();
    ringover.schedule();

    let stopping: Promise<void> | undefined;
    return {
      api,
      calls,
      sessions,
      bots,
      understanding,
      get config() {
        return settings.current;
      },
      settings,
      demo,
      demoModels,
      access,
      consoleToken,
      team,
      ...(teamUrl && { teamUrl }),
      publicUrl: urls.publicUrl,
      consoleUrl: urls.consoleUrl,
      streamUrl: urls.streamUrl,
      logger,
      ...(retention && { retention }),
      // In order, so that nothing is written to a closed store and nothing acknowledged is lost:
      stop: () =>
        (stopping ??= (async () => {
          draining = true;
          // 1. Nothing new starts: the demo hangs up its calls (through the listeners, still open),
          //    the tunnel closes.
          await demo.stop();
          await access.stop();
          // 2. Stop accepting: media streams and console sockets are closed (1001), the listeners
          //    refuse new connections and answer the requests in flight.
          for (const close of closers) close();
          await Promise.all(listeners.map((l) => l.close()));
          // 3. Sessions end (bots stopped, recordings finalized, their last events recorded), and
          //    summaries still being written are cancelled.
          await sessions.stop();
          await bots.stop();
          await demoModels.stop();
          // 4. Every event recorded so far becomes durable; later ones are refused. Then the store closes.
          await calls.ingest.close();
          await retention?.stop();
          await cluster?.close();
          await store.close();
          team.close();
        })()),
    };
  } catch (error) {
    for (const close of closers) close();
    await Promise.all(listeners.map((l) => l.close(0)));
    await sessions.stop();
    await demoModels.stop();
    await cluster?.close();
    await store.close();
    team.close();
    throw await describeListenError(error, config, consoleToken, options.sources ?? {});
  }
}

/** The team listener's certificate and key, read from the files the operator named (both or neither). */
function readTls(config: EngineConfig): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tlsCert && !config.tlsKey) return undefined;
  if (!config.tlsCert || !config.tlsKey) throw new Error(say('cli.team.tlsPair', { cert: nameSetting('tlsCert', 'cli'), key: nameSetting('tlsKey', 'cli') }));
  try {
    return { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) };
  } catch (error) {
    throw new Error(say('cli.team.tlsUnreadable', { message: (error as Error).message }));
  }
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** A port this start needs is held by a Ringside: this user's (with its console link) or another. */
export class RingsideAlreadyRunningError extends Error {
  /** The running Ringside's console, token included, when it is this user's. */
  readonly consoleLink: string | undefined;
  constructor(message: string, consoleLink?: string) {
    super(message);
    this.name = 'RingsideAlreadyRunningError';
    this.consoleLink = consoleLink;
  }
}

const NO_SUCH_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EADDRNOTAVAIL']);

async function describeListenError(error: unknown, config: EngineConfig, consoleToken: string, sources: ValueSources): Promise<unknown> {
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e.code === 'EADDRINUSE' && e.port !== undefined) {
    const key = e.port === config.consolePort ? 'consolePort' : e.port === config.ringoverWebsocketPort ? 'ringoverWebsocketPort' : 'publicPort';
    const source = sources[key];
    const which = source === 'file' ? say('cli.listen.inConfigFile', { key }) : nameSetting(key, source ?? 'cli');
    const host = e.port === config.consolePort ? '127.0.0.1' : config.publicHost;
    const holder = await identifyPortHolder({ busyPort: e.port, host, consolePort: config.consolePort, consoleToken });
    if (holder.kind === 'this-users-ringside') {
      const link = `${holder.consoleUrl}/#token=${consoleToken}`;
      return new RingsideAlreadyRunningError(say('cli.listen.thisUsers', { port: e.port, link, setting: which }), link);
    }
    if (holder.kind === 'ringside-with-another-token') {
      return new RingsideAlreadyRunningError(say('cli.listen.anotherRingside', { port: e.port, setting: which }));
    }
    if (holder.kind === 'ringside-public-listener') {
      return new RingsideAlreadyRunningError(say('cli.listen.publicListener', { port: e.port, setting: which }));
    }
    return new Error(say('cli.listen.portInUse', { port: e.port, setting: which }));
  }
  if (e.code === 'EACCES') return new Error(say('cli.listen.notAllowed', { port: e.port }));
  // A --public-host this machine does not have: a name that does not resolve, or an address of another machine.
  if (NO_SUCH_HOST.has(e.code ?? '')) {
    const source = sources.publicHost;
    const setting = source === 'file' ? say('cli.listen.inConfigFile', { key: 'publicHost' }) : nameSetting('publicHost', source ?? 'cli');
    return new Error(say('cli.serve.noSuchHost', { host: config.publicHost, setting, code: e.code }));
  }
  return error;
}
