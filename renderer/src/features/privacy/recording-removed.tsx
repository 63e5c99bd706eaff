// In place of an ended call's player: why there is no recording (retention removed it, or the call
// was erased on request), rather than a player that cannot load.
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { useFormats } from '../../i18n/use-formats.ts';

/** True when the call had a recording that is gone on purpose. */
export const recordingGone = (call: Call): boolean => call.recordingRemovedAt !== undefined || call.erasedAt !== undefined;

export function RecordingRemoved({ call }: { call: Call }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (call.erasedAt) return <p className="notice privacy-notice">{t('privacy.erasedOn', { date: f.dateTime(call.erasedAt) })}</p>;
  if (!call.recordingRemovedAt) return null;
  return <p className="notice privacy-notice">{t('privacy.recordingRemoved', { date: f.dateTime(call.recordingRemovedAt) })}</p>;
}
