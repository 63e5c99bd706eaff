// How a call ended, where its card or detail said what was going on while it ran: "Transferred to
// +33…", not "Transferring to…" forever.
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';

export function EndedLine({ call }: { call: Call }) {
  const { t } = useTranslation();
  const text = call.outcome === 'transferred' && call.transferredTo ? t('outcome.transferredTo', { to: call.transferredTo }) : call.outcome ? t(`outcome.${call.outcome}`) : t('outcome.ended');
  return (
    <p className="feedback ended" role="status" aria-live="polite">
      {text}
    </p>
  );
}
