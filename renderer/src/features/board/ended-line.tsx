// How a call ended, where its card or detail said what was going on while it ran: "Transferred to
// +33…", not "Transferring to…" forever; with the hang-up cause when it says more.
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { outcomeText } from '../call-facts/outcome.ts';

export function EndedLine({ call }: { call: Call }) {
  const { t } = useTranslation();
  const text = outcomeText(call, t) ?? t('outcome.ended');
  return (
    <p className="feedback ended" role="status" aria-live="polite">
      {text}
    </p>
  );
}
