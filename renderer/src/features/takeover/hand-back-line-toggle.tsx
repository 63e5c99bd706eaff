// The checkbox beside Hand back: the bot says its short hand-back line when the supervisor gives the
// call back. One preference for the whole console (see hand-back-line.ts), shown wherever Hand back is.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.ts';
import { chooseHandBackLine } from './hand-back-line.ts';

export function HandBackLineToggle({ disabled = false }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const on = useStore((s) => s.handBackLine);
  return (
    <label className="check hand-back-line" title={t('actions.handBackLineHint')}>
      <input type="checkbox" checked={on} disabled={disabled} onChange={(event) => chooseHandBackLine(event.target.checked)} />
      {t('actions.handBackLine')}
    </label>
  );
}
