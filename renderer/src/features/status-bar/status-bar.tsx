// The status bar: the link to the engine, where it listens, streams connected, the bot, and when
// each provider last sent something. Offline, it shows the link's state only: figures from before
// the disconnection would be stale.
import { useTranslation } from 'react-i18next';
import { PROVIDER_GUIDE } from '../../../../shared/access.ts';
import { PROVIDERS } from '../../../../shared/call.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { useStore } from '../../store/index.ts';
import { useNow } from '../../ui/use-now.ts';

export function StatusBar() {
  const { t } = useTranslation();
  const f = useFormats();
  const connection = useStore((s) => s.connection);
  const health = useStore((s) => s.health);
  const live = useStore((s) => [...s.calls.values()].filter((call) => call.state !== 'ended').length);
  const now = useNow();
  const online = connection.state === 'online';
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span className={`dot ${connection.state}`} aria-hidden />
      <span>{t(`status.connection.${connection.state}`)}</span>
      {online && health && (
        <>
          <span title={t('status.publicHint')}>{t('status.public', { url: health.access.url ?? health.publicUrl })}</span>
          {health.access.tunnel && (
            <span className={health.access.tunnel.state === 'up' ? '' : 'warn'} title={health.access.tunnel.error}>
              {t(`status.tunnel.${health.access.tunnel.state}`)}
              {health.access.tunnel.reconnects > 0 && ` ${t('status.reconnects', { count: health.access.tunnel.reconnects })}`}
            </span>
          )}
          <span>
            {t('status.streams', { count: health.streams.connected })}
            {!health.streams.configured && ` ${t('status.streamsOff')}`}
          </span>
          <span>{t('status.live', { count: live })}</span>
          <span>{health.bot.active ? t('status.bot', { engine: t(`status.engine.${health.bot.engine}`) }) : health.bot.demoModels ? t('status.botDemoModels') : t('status.botOff')}</span>
          {health.demo.running && <span className="chip demo">{t('status.demo')}</span>}
          {PROVIDERS.map((provider) => {
            const status = health.providers[provider];
            return (
              <span key={provider} className={status.configured ? '' : 'muted'} title={status.missing ? t('status.setIt', { setting: status.missing }) : undefined}>
                {t('status.provider', {
                  name: PROVIDER_GUIDE[provider].name,
                  when: !status.configured ? t('status.notSetUp') : status.lastEventAt ? f.ago(status.lastEventAt, now) : t('status.never'),
                })}
              </span>
            );
          })}
        </>
      )}
    </footer>
  );
}
