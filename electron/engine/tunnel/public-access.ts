// Where providers reach this engine, as the settings say: the public listener's own address, the
// user's own URL, or the built-in ngrok tunnel (started, restarted and stopped as settings change).
import type { AccessStatus } from '../../../shared/access.ts';
import { reactsTo } from '../../../shared/setting-catalog.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import type { EngineConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { NgrokTunnel, type NgrokSdk } from './ngrok-tunnel.ts';

export interface PublicAccessOptions {
  /** The public listener: `http://HOST:PORT`, and its port. */
  listenerUrl: string;
  port: number;
  logger: Logger;
  /** The ngrok SDK (loaded only when the tunnel is used). */
  ngrok?: () => Promise<NgrokSdk>;
  retryDelaysMs?: number[];
}

const loadNgrok = async (): Promise<NgrokSdk> => (await import('@ngrok/ngrok')) as unknown as NgrokSdk;

export const accessModeOf = (config: Pick<EngineConfig, 'publicAccess' | 'publicUrl'>) => config.publicAccess ?? (config.publicUrl ? 'own-url' : 'local');

export class PublicAccess {
  private readonly options: PublicAccessOptions;
  private config: EngineConfig;
  private tunnel: NgrokTunnel | undefined;
  private readonly listeners = new Set<(status: AccessStatus) => void>();

  constructor(config: EngineConfig, options: PublicAccessOptions) {
    this.config = config;
    this.options = options;
    this.apply();
  }

  onChange(listener: (status: AccessStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): AccessStatus {
    const mode = accessModeOf(this.config);
    if (mode === 'own-url') {
      return this.config.publicUrl ? { mode, url: this.config.publicUrl, needsAddress: false } : { mode, needsAddress: true };
    }
    if (mode === 'ngrok') {
      const tunnel = this.tunnel?.status ?? { state: 'failed' as const, reconnects: 0, since: new Date().toISOString(), error: `set ${nameSetting('ngrokAuthtoken', 'console')} to open the tunnel` };
      return { mode, needsAddress: false, tunnel, ...(tunnel.state === 'up' && this.tunnel?.url && { url: this.tunnel.url }) };
    }
    const wildcard = /\/\/(0\.0\.0\.0|\[::\])(:\d+)?/.test(this.options.listenerUrl);
    return { mode, url: this.options.listenerUrl, needsAddress: wildcard };
  }

  reconfigure(next: EngineConfig, changed: ReadonlySet<string>): void {
    this.config = next;
    if (reactsTo(changed, 'access')) this.apply();
    else this.emit();
  }

  async stop(): Promise<void> {
    const tunnel = this.tunnel;
    this.tunnel = undefined;
    await tunnel?.stop();
  }

  private apply(): void {
    void this.tunnel?.stop();
    this.tunnel = undefined;
    const { ngrokAuthtoken, ngrokDomain } = this.config;
    if (accessModeOf(this.config) === 'ngrok' && ngrokAuthtoken) {
      this.tunnel = new NgrokTunnel({
        sdk: this.options.ngrok ?? loadNgrok,
        authtoken: ngrokAuthtoken,
        ...(ngrokDomain && { domain: ngrokDomain }),
        port: this.options.port,
        logger: this.options.logger,
        onChange: () => this.emit(),
        ...(this.options.retryDelaysMs && { retryDelaysMs: this.options.retryDelaysMs }),
      });
      this.tunnel.start();
    }
    this.emit();
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
