// In the top bar, on every view: this supervisor's microphone is live, on which call (a link to
// it). Impossible to miss while the caller hears them.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.ts';
import { hashOf } from '../../router.ts';
import { parties, partyName } from '../board/call-state.ts';

export function MicrophoneBadge() {
  const { t } = useTranslation();
  const holding = useStore((s) => s.holding);
  const microphone = useStore((s) => s.microphone);
  const call = useStore((s) => (s.holding ? s.calls.get(s.holding) : undefined));
  if (!holding || microphone !== 'live') return null;
  return (
    <a className="mic-badge" href={hashOf({ name: 'call', id: holding })}>
      <span className="mic-dot" aria-hidden />
      {t('microphone.badge', { name: call ? partyName(parties(call).caller) : '' })}
    </a>
  );
}
