// A call someone else took over: "Alice has this call", and instead of Take over, "Ask Alice" (she is
// prompted to hand over) or, for an administrator, "Take from Alice" (both are told).
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api.ts';
import type { PresencePerson } from '../../../../shared/team.ts';
import { useStore } from '../../store/index.ts';
import { mayAdminister, mayCommand } from '../../store/team-slice.ts';
import { askFor, takeFrom } from './team-client.ts';
import { personName } from './person-name.ts';

export function HolderLine({ callId, holder }: { callId: string; holder: PresencePerson }) {
  const { t } = useTranslation();
  const me = useStore((s) => s.me);
  const say = (text: string, tone: 'ok' | 'error') => useStore.getState().setFeedback(callId, { text, tone, at: Date.now() });
  const act = (action: () => Promise<unknown>, done: string) =>
    void action().then(
      () => say(done, 'ok'),
      (error: ApiError) => say(error.message, 'error'),
    );
  return (
    <div className="holder-line" role="status">
      <span>{t('team.hasThisCall', { name: personName(holder, t) })}</span>
      {mayCommand(me) &&
        (mayAdminister(me) ? (
          <button type="button" className="btn" onClick={() => act(() => takeFrom(callId), t('team.took', { name: personName(holder, t) }))}>
            {t('team.takeFrom', { name: personName(holder, t) })}
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => act(() => askFor(callId), t('team.asked', { name: personName(holder, t) }))}>
            {t('team.ask', { name: personName(holder, t) })}
          </button>
        ))}
    </div>
  );
}
