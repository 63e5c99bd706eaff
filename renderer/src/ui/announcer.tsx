// What a screen reader says without being asked: a call asking for a person (at once, it may
// interrupt), and the supervisor's microphone going live or off (when there is a pause).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parties, partyName } from '../features/board/call-state.ts';
import { useStore } from '../store/index.ts';

export function Announcer() {
  const { t } = useTranslation();
  const [urgent, setUrgent] = useState('');
  const [polite, setPolite] = useState('');
  const told = useRef(new Set<string>());

  useEffect(
    () =>
      useStore.subscribe((state, previous) => {
        for (const call of state.calls.values()) {
          if (!call.needsHuman || call.state === 'ended') continue;
          const key = `${call.id}|${call.needsHuman.at}`;
          if (told.current.has(key)) continue;
          told.current.add(key);
          setUrgent(t('announce.needsHuman', { name: partyName(parties(call).caller), reason: call.needsHuman.reason }));
        }
        if (state.microphone !== previous.microphone || state.holding !== previous.holding) {
          const held = state.holding ? state.calls.get(state.holding) : undefined;
          const name = held ? partyName(parties(held).caller) : '';
          if (state.holding && state.microphone === 'live') setPolite(t('announce.micLive', { name }));
          else if (!state.holding && previous.holding && previous.microphone === 'live') setPolite(t('announce.micOff'));
        }
      }),
    [t],
  );

  return (
    <>
      <div className="visually-hidden" role="alert" aria-live="assertive">
        {urgent}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {polite}
      </div>
    </>
  );
}
