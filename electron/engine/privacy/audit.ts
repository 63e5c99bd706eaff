// The privacy actions' seam to team mode's audit trail (`team.audit.record(...)`, its own append-only
// table: erasing a call leaves its entries). The actor is whoever runs the console operation now
// (team/actor-api.ts runs each one as its signed-in person; the loopback console as the local
// administrator). Legal holds and erasures also stay on the call's own timeline (`audit.<action>`):
// that entry carries the hold the call folds into, and History shows both.
import type { Call } from '../../../shared/call.ts';
import type { AuditAction as TeamAuditAction, AuditEntry } from '../../../shared/team.ts';
import { actingUser } from '../acting-user.ts';
import type { Timeline } from '../calls/timeline.ts';

/** One thing a supervisor or an administrator did: never the personal data it was about (no phone number). */
export interface AuditAction {
  action: 'legal-hold.set' | 'legal-hold.lifted' | 'export' | 'erase' | 'recording-pause' | 'recording-resume';
  /** The call it was about; none for an erasure of a number's events of no call. */
  callId?: string;
  /** Counts and flags: never a number, a name or a free text. */
  detail?: AuditEntry['detail'];
  /** The hold set (null: lifted), with its reason: on the call's timeline only, which the call folds into. */
  legalHold?: Call['legalHold'] | null;
}

export interface AuditTrail {
  recordAction(action: AuditAction): Promise<void>;
}

/** What this seam needs of team mode's trail (team/audit.ts `AuditTrail`), structurally. */
export interface TeamTrail {
  record(entry: { actor: { id: string; name: string; address: string }; action: TeamAuditAction; callId?: string; detail?: AuditEntry['detail'] }): unknown;
}

const TEAM_ACTION: Record<AuditAction['action'], TeamAuditAction> = {
  'legal-hold.set': 'legal-hold',
  'legal-hold.lifted': 'legal-hold-lift',
  export: 'data-export',
  erase: 'erasure',
  'recording-pause': 'recording-pause',
  'recording-resume': 'recording-resume',
};

/** Records each action in the team's trail, and holds and erasures on the call's timeline too. */
export function privacyAuditTrail(timeline: Timeline, trail: TeamTrail): AuditTrail {
  return {
    async recordAction({ action, callId, detail: counts = {}, legalHold }) {
      const actor = actingUser();
      trail.record({
        actor: { id: actor.id, name: actor.name, address: actor.address ?? 'loopback' },
        action: TEAM_ACTION[action],
        ...(callId !== undefined && { callId }),
        ...(Object.keys(counts).length > 0 && { detail: counts }),
      });
      // A pause is already on the timeline, named by whom (the bot's and Ringside's pauses too).
      if (action === 'recording-pause' || action === 'recording-resume' || callId === undefined) return;
      await timeline.record(callId, {
        type: 'other',
        providerEvent: `audit.${action}`,
        detail: { ...counts, ...(legalHold !== undefined && { legalHold }), audit: { actor: actor.name, action } },
      });
    },
  };
}
