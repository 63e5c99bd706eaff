// The built-in tunnel: the official ngrok agent SDK forwarding a public https URL to the public
// listener on loopback (never the console listener). The SDK is injected, so its boundary is
// testable; the SDK's session reconnects by itself and reports it, we keep the status and retry
// the first connection until it works, except for errors only the user can fix.
import type { TunnelStatus } from '../../../shared/access.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import type { Logger } from '../log.ts';

/** What Ringside uses of @ngrok/ngrok. */
export interface NgrokSdk {
  forward(config: NgrokForwardConfig): Promise<NgrokListener>;
}
export interface NgrokListener {
  url(): string | null;
  close(): Promise<void>;
}
export interface NgrokForwardConfig {
  addr: string;
  proto: 'http';
  authtoken: string;
  domain?: string;
  session_metadata: string;
  /** 'closed': the connection to ngrok is lost; 'connected': it is back. */
  onStatusChange: (status: string) => void;
}

export interface NgrokTunnelOptions {
  sdk: () => Promise<NgrokSdk>;
  authtoken: string;
  domain?: string;
  /** The public listener's port on this machine. */
  port: number;
  logger: Logger;
  onChange: () => void;
  /** Waits before retrying a failed first connection (tests shorten them). */
  retryDelaysMs?: number[];
}

const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

const DOMAIN = nameSetting('ngrokDomain', 'console');

/** ngrok's error codes a retry cannot fix, with what the user should do (shown in the console's Settings). */
const FATAL: Record<string, string> = {
  ERR_NGROK_105: 'ngrok rejected the authtoken: copy it again from the ngrok dashboard (Your Authtoken)',
  ERR_NGROK_107: 'ngrok rejected the authtoken: copy it again from the ngrok dashboard (Your Authtoken)',
  ERR_NGROK_4018: `ngrok needs an account: sign up, then set ${nameSetting('ngrokAuthtoken', 'console')}`,
  ERR_NGROK_313: `this ngrok plan cannot use a custom domain: clear ${DOMAIN}, or reserve one in the ngrok dashboard`,
  ERR_NGROK_320: `the ngrok domain is not reserved on this account: reserve it in the ngrok dashboard (Domains), or clear ${DOMAIN}`,
  ERR_NGROK_334: 'the ngrok domain is already in use by another agent: stop the other one, or pick another domain',
  ERR_NGROK_108: 'this ngrok account has too many agents online: stop another one, or upgrade the plan',
};

export function describeNgrokError(error: unknown): { message: string; fatal: boolean } {
  const e = error as { errorCode?: string; message?: string };
  const code = e.errorCode ?? e.message?.match(/ERR_NGROK_\d+/)?.[0];
  if (code && FATAL[code]) return { message: `${FATAL[code]} (${code})`, fatal: true };
  const detail = (e.message ?? String(error)).split('\n')[0]!.slice(0, 200);
  return { message: `could not reach ngrok (${detail}): retrying; check this machine's internet connection`, fatal: false };
}

export class NgrokTunnel {
  private readonly options: NgrokTunnelOptions;
  private listener: NgrokListener | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private stopped = false;
  status: TunnelStatus = { state: 'connecting', reconnects: 0, since: new Date().toISOString() };
  url: string | undefined;

  constructor(options: NgrokTunnelOptions) {
    this.options = options;
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close().catch(() => undefined);
  }

  private set(state: TunnelStatus['state'], error?: string): void {
    this.status = { state, reconnects: this.status.reconnects, since: new Date().toISOString(), ...(error && { error }) };
    this.options.onChange();
  }

  private async connect(): Promise<void> {
    const { sdk, authtoken, domain, port, logger } = this.options;
    try {
      const ngrok = await sdk();
      const listener = await ngrok.forward({
        addr: `127.0.0.1:${port}`,
        proto: 'http',
        authtoken,
        ...(domain && { domain }),
        session_metadata: 'Ringside public listener',
        onStatusChange: (status) => this.sessionChanged(status),
      });
      if (this.stopped) return void (await listener.close().catch(() => undefined));
      this.listener = listener;
      this.url = listener.url()?.replace(/\/+$/, '') ?? undefined;
      this.attempt = 0;
      logger.info('ngrok tunnel up', { url: this.url });
      this.set('up');
    } catch (error) {
      if (this.stopped) return;
      const { message, fatal } = describeNgrokError(error);
      logger.warn('ngrok tunnel failed', { error: message });
      if (fatal) return this.set('failed', message);
      const delays = this.options.retryDelaysMs ?? RETRY_MS;
      this.set('reconnecting', message);
      this.retry = setTimeout(() => void this.connect(), delays[Math.min(this.attempt++, delays.length - 1)]);
    }
  }

  /** The SDK's session lost ngrok ('closed') and found it again ('connected'). */
  private sessionChanged(status: string): void {
    if (this.stopped) return;
    if (status === 'closed') {
      this.options.logger.warn('ngrok tunnel lost: reconnecting');
      this.set('reconnecting', 'the connection to ngrok was lost: reconnecting by itself');
    } else if (status === 'connected' && this.status.state !== 'up') {
      this.status = { ...this.status, reconnects: this.status.reconnects + 1 };
      this.options.logger.info('ngrok tunnel back', { reconnects: this.status.reconnects });
      this.set('up');
    }
  }
}
