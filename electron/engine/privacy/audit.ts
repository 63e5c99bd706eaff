// The audit trail's seam. Team mode (accounts, roles, `audit.record(...)`) is built elsewhere; until
// it is merged, privacy actions are recorded here, on the call's own timeline (`audit.<action>`), so
// History shows them and retention of the audit trail can find them. At merge, `recordAction` is
// connected to the real trail.
import type { Timeline } from '../calls/timeline.ts';

/** One thing an administrator did: never the personal data it was about (no phone number). */
export interface AuditAction {
  /** Who did it: the account once team mode exists; `console` (the token holder) until then. */
  actor: string;
  action: 'legal-hold.set' | 'legal-hold.lifted' | 'export' | 'erase';
  callId: string;
  detail?: Record<string, unknown>;
}

export interface AuditTrail {
  recordAction(action: AuditAction): Promise<void>;
}

/** The audit trail as timeline entries of each call (what the team mode's trail replaces). */
export function timelineAuditTrail(timeline: Timeline): AuditTrail {
  return {
    recordAction: ({ actor, action, callId, detail }) =>
      timeline.record(callId, { type: 'other', providerEvent: `audit.${action}`, detail: { ...detail, audit: { actor, action } } }),
  };
}
