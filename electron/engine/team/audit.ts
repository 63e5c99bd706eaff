// The audit trail: every supervisor action, append-only, with who, when, from where and on which
// call. `record` is the one seam every part of the engine uses (sessions, settings, accounts, and
// privacy's erasure and export); it never throws (a failing write is logged, the action goes on).
import type { Actor, AuditAction, AuditEntry, AuditQuery } from '../../../shared/team.ts';
import type { Logger } from '../log.ts';
import type { TeamStore } from '../store/team-store.ts';

export interface AuditRecord {
  actor: Pick<Actor, 'id' | 'name' | 'address'>;
  action: AuditAction;
  callId?: string;
  /** Names, types, durations: never a setting's or a secret's value. */
  detail?: AuditEntry['detail'];
}

export class AuditTrail {
  private readonly store: TeamStore;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly listeners = new Set<(entry: AuditEntry) => void>();

  constructor(store: TeamStore, logger: Logger, now: () => number = Date.now) {
    this.store = store;
    this.logger = logger;
    this.now = now;
  }

  /** Retention: deletes the entries recorded before `before` (ISO); how many. */
  expire(before: string): number {
    return this.store.expireAudit(before);
  }

  record({ actor, action, callId, detail }: AuditRecord): AuditEntry | undefined {
    try {
      const entry = this.store.appendAudit({
        at: new Date(this.now()).toISOString(),
        actorId: actor.id,
        actorName: actor.name,
        address: actor.address,
        action,
        ...(callId !== undefined && { callId }),
        ...(detail && { detail }),
      });
      for (const listener of this.listeners) listener(entry);
      return entry;
    } catch (error) {
      this.logger.error('audit entry not written', { action, error });
      return undefined;
    }
  }

  query(query: AuditQuery): AuditEntry[] {
    return this.store.queryAudit(query);
  }

  onEntry(listener: (entry: AuditEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const CSV_COLUMNS = ['seq', 'at', 'actorId', 'actorName', 'address', 'action', 'callId', 'detail'] as const;

/** RFC 4180 CSV, one line per entry; cells that a spreadsheet would run as a formula are quoted with a leading '. */
export function auditCsv(entries: AuditEntry[]): string {
  const cell = (value: unknown): string => {
    let text = value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = entries.map((e) => CSV_COLUMNS.map((c) => cell(e[c])).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
