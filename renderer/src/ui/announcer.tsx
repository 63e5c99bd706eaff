// What a screen reader says without being asked: a call asking for a person (at once, it may
// interrupt), and the supervisor's microphone going live or off (when there is a pause).
// What to say is kept as a description and worded at each render, so switching the language
// re-words the live regions too.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Call, Party } from '../../../shared/call.ts';
import { needsHumanAnnouncement } from '../features/board/needs-human.ts';
import { parties, partyName } from '../features/board/call-state.ts';
import { useStore } from '../store/index.ts';

// The caller is kept, not their name: a caller without one is named in the language of the moment.
type Urgent = { caller: Party; needsHuman: NonNullable<Call['needsHuman']> };
type Polite = { kind: 'micLive'; caller?: Party } | { kind: 'micOff' };

const politeText = (p: Polite, t: TFunction): string => (p.kind === 'micLive' ? t('announce.micLive', { name: p.caller ? partyName(p.caller) : '' }) : t('announce.micOff'));

export function Announcer() {
  const { t } = useTranslation();
  const [urgent, setUrgent] = useState<Urgent>();
  const [polite, setPolite] = useState<Polite>();
  const told = useRef(new Set<string>());

  useEffect(
    () =>
      useStore.subscribe((state, previous) => {
        for (const call of state.calls.values()) {
          if (!call.needsHuman || call.state === 'ended') continue;
          const key = `${call.id}|${call.needsHuman.at}`;
          if (told.current.has(key)) continue;
          told.current.add(key);
          setUrgent({ caller: parties(call).caller, needsHuman: call.needsHuman });
        }
        if (state.microphone !== previous.microphone || state.holding !== previous.holding) {
          const held = state.holding ? state.calls.get(state.holding) : undefined;
          if (state.holding && state.microphone === 'live') setPolite({ kind: 'micLive', caller: held && parties(held).caller });
          else if (!state.holding && previous.holding && previous.microphone === 'live') setPolite({ kind: 'micOff' });
        }
      }),
    [],
  );

  return (
    <>
      <div className="visually-hidden" role="alert" aria-live="assertive">
        {urgent ? needsHumanAnnouncement(partyName(urgent.caller), urgent.needsHuman, t) : ''}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {polite ? politeText(polite, t) : ''}
      </div>
    </>
  );
}
