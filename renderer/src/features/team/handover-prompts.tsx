// What the holder of a call is told: a colleague asks for it (hand it back so they can take it), or an
// administrator took it.
import { useTranslation } from 'react-i18next';
import type { Bridge } from '../../bridge/index.ts';
import { useStore } from '../../store/index.ts';
import { personName } from './person-name.ts';

export function HandoverPrompts({ api }: { api: Bridge }) {
  const { t } = useTranslation();
  const handovers = useStore((s) => s.handovers);
  if (!handovers.length) return null;
  return (
    <div className="handover-prompts">
      {handovers.map((h) => (
        <div key={`${h.kind}-${h.callId}`} className="banner handover" role="alert">
          <span>{h.kind === 'ask' ? t('team.asksYou', { name: personName(h.by, t) }) : t('team.tookFromYou', { name: personName(h.by, t) })}</span>
          {h.kind === 'ask' && (
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                useStore.getState().dismissHandover(h);
                void api.sendCommand(h.callId, { type: 'handback' });
              }}
            >
              {t('team.handOver')}
            </button>
          )}
          <button type="button" className="btn ghost" onClick={() => useStore.getState().dismissHandover(h)}>
            {t('team.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
