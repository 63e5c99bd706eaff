// The panel that opens with Take over, on the board: the held call's briefing and the whisper box,
// so the supervisor never asks the caller to repeat themselves. Closed by hand; a new take-over
// opens it again.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.ts';
import { parties, partyName } from '../board/call-state.ts';
import { BriefingPanel } from './briefing-panel.tsx';
import { WhisperForm } from './whisper-form.tsx';

export function BriefingDock() {
  const { t } = useTranslation();
  const holding = useStore((s) => s.holding);
  const call = useStore((s) => (s.holding ? s.calls.get(s.holding) : undefined));
  const [closedFor, setClosedFor] = useState<string | undefined>();
  const titleId = useId();
  useEffect(() => setClosedFor(undefined), [holding]);
  if (!call || closedFor === call.id) return null;
  return (
    <aside className="briefing-dock" aria-labelledby={titleId}>
      <header>
        <h2 id={titleId}>{t('briefing.dockTitle', { who: partyName(parties(call).caller) })}</h2>
        <button type="button" className="btn" onClick={() => setClosedFor(call.id)}>
          {t('briefing.close')}
        </button>
      </header>
      <BriefingPanel briefing={call.briefing} className="docked" />
      <WhisperForm call={call} />
    </aside>
  );
}
