// On the card and the detail of the call this supervisor holds: whether their microphone is live
// (the caller hears them), still starting, or off (they hold the call without a voice).
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.ts';

export function MicrophoneLine() {
  const { t } = useTranslation();
  const microphone = useStore((s) => s.microphone);
  return (
    <p className={`mic-line mic-${microphone}`}>
      {microphone === 'live' && <span className="mic-dot" aria-hidden />}
      {t(`microphone.line.${microphone}`)}
    </p>
  );
}
