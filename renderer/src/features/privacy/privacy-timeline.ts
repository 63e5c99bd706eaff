// What the timeline says of privacy events: a recording paused or resumed (and by whom), the
// recording notice played or not, and the audit trail's entries (legal hold, export, erasure).
import type { TFunction } from 'i18next';
import type { CallEvent } from '../../../../shared/call.ts';

type AuditKey = 'legalHoldSet' | 'legalHoldLifted' | 'export' | 'erase';
const AUDIT: Record<string, AuditKey> = { 'legal-hold.set': 'legalHoldSet', 'legal-hold.lifted': 'legalHoldLifted', export: 'export', erase: 'erase' };

/** The line for a privacy event; undefined for any other event. */
export function describePrivacy(event: CallEvent, t: TFunction): string | undefined {
  const detail = event.detail ?? {};
  const pause = detail.recordingPause as { paused: boolean; by: 'bot' | 'supervisor' | 'auto' } | undefined;
  if (pause) return t(pause.paused ? 'privacy.timeline.paused' : 'privacy.timeline.resumed', { by: t(`privacy.by.${pause.by}`) });
  if (typeof detail.recordingNotice === 'boolean') return t(detail.recordingNotice ? 'privacy.timeline.noticePlayed' : 'privacy.timeline.noticeMissing');
  const audit = detail.audit as { action: string } | undefined;
  const key = audit && AUDIT[audit.action];
  if (key) {
    const reason = (detail.legalHold as { reason?: string } | null | undefined)?.reason;
    return reason ? t('privacy.timeline.withReason', { what: t(`privacy.timeline.${key}`), reason }) : t(`privacy.timeline.${key}`);
  }
  return undefined;
}
