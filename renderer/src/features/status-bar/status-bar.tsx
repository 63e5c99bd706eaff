// The status bar: the link to the engine, where it listens, streams connected, the bot, and when
// each provider last sent something.
import { PROVIDERS } from '../../../../shared/call.ts';
import { useStore } from '../../store/index.ts';
import { useNow } from '../../ui/use-now.ts';

export function ago(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

const TUNNEL_LABEL = { connecting: 'Tunnel opening…', up: 'Tunnel up', reconnecting: 'Tunnel down: reconnecting', failed: 'Tunnel failed: see Settings' } as const;

export function StatusBar() {
  const connection = useStore((s) => s.connection);
  const health = useStore((s) => s.health);
  const live = useStore((s) => [...s.calls.values()].filter((call) => call.state !== 'ended').length);
  const now = useNow();
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`dot ${connection.state}`} aria-hidden />
      <span>{connection.state === 'online' ? 'Connected' : connection.state === 'connecting' ? 'Connecting…' : 'Offline: reconnecting'}</span>
      {health && (
        <>
          <span title="Where providers reach Ringside: webhooks and media streams">Public {health.access.url ?? health.publicUrl}</span>
          {health.access.tunnel && (
            <span className={health.access.tunnel.state === 'up' ? '' : 'warn'} title={health.access.tunnel.error}>
              {TUNNEL_LABEL[health.access.tunnel.state]}
              {health.access.tunnel.reconnects > 0 && ` (${health.access.tunnel.reconnects} reconnects)`}
            </span>
          )}
          <span>
            Streams {health.streams.connected}
            {!health.streams.configured && ' (off: set the stream token)'}
          </span>
          <span>Live {live}</span>
          <span>Bot {health.bot.active ? health.bot.engine : 'off (monitor only)'}</span>
          {health.demo.running && <span className="chip demo">demo</span>}
          {PROVIDERS.map((provider) => (
            <span key={provider} className={health.providers[provider].configured ? '' : 'muted'} title={health.providers[provider].missing ? `Set ${health.providers[provider].missing} in Settings` : undefined}>
              {provider} {health.providers[provider].configured ? ago(health.providers[provider].lastEventAt, now) : 'not set up'}
            </span>
          ))}
        </>
      )}
    </footer>
  );
}
