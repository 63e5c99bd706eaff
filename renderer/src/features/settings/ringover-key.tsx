// Settings → Ringover: the API key's state and which areas of rights work with it, with a button
// that tries each area now. A missing right is named, with where to add it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RINGOVER_AREAS, type RingoverStatus } from '../../../../shared/ringover.ts';
import { useBridge } from '../../bridge/context.ts';

export function RingoverKeyPanel() {
  const api = useBridge();
  const { t } = useTranslation();
  const [status, setStatus] = useState<RingoverStatus | undefined>();
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    void api.ringoverStatus().then(setStatus, () => undefined);
  }, [api]);
  const test = async () => {
    setTesting(true);
    try {
      setStatus(await api.testRingoverKey());
    } finally {
      setTesting(false);
    }
  };
  if (!status) return null;
  return (
    <section className="ringover-key" aria-labelledby="ringover-key-title">
      <h3 id="ringover-key-title">{t('ringoverKey.title')}</h3>
      <p role="status">{t(`ringoverKey.key.${status.key}`)}</p>
      {status.key !== 'missing' && (
        <ul>
          {RINGOVER_AREAS.map((area) => (
            <li key={area} className={`area-${status.areas[area].state}`}>
              {t('ringoverKey.areaState', { area: t(`ringoverKey.area.${area}`), state: t(`ringoverKey.state.${status.areas[area].state}`) })}
              {status.areas[area].error && <span className="hint"> — {status.areas[area].error}</span>}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn" disabled={testing || status.key === 'missing'} onClick={() => void test()}>
        {testing ? t('ringoverKey.testing') : t('ringoverKey.test')}
      </button>
    </section>
  );
}
