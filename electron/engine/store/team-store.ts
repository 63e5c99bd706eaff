// The team's own store (`team.db` in the data dir, beside the calls' store): accounts, sessions and
// the audit trail. Small and written rarely (a sign-in, an action), so the main thread writes it
// directly, in WAL mode with synchronous=FULL. The audit table is append-only: SQLite triggers refuse
// any UPDATE or DELETE of it, whoever asks. All its SQL is here.
import { DatabaseSync } from 'node:sqlite';
import { preparePrivateDatabase } from '../files/private-files.ts';
import type { Account, AuditAction, AuditEntry, AuditQuery, Role, SessionInfo } from '../../../shared/team.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    must_change INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    csrf TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    address TEXT NOT NULL,
    user_agent TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id);
  CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL,
    call_id TEXT,
    detail_json TEXT
  );
  CREATE INDEX IF NOT EXISTS audit_by_call ON audit (call_id, seq) WHERE call_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS audit_by_actor ON audit (actor_name, seq);
  CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  -- The one way out of the trail is the retention period an administrator set: a delete passes only
  -- for entries older than the cutoff the retention run writes into audit_expiry for its transaction.
  CREATE TABLE IF NOT EXISTS audit_expiry (before TEXT NOT NULL);
  DROP TRIGGER IF EXISTS audit_no_delete;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    WHEN COALESCE(old.at < (SELECT MAX(before) FROM audit_expiry), 0) = 0
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;

/** An account row with its password hash (never leaves the engine). */
export interface AccountRow extends Account {
  passwordHash: string;
}

/** A session row as stored: the token itself is never stored, only its SHA-256. */
export interface SessionRow extends Omit<SessionInfo, 'accountName' | 'current'> {
  tokenHash: string;
  csrf: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

interface RawAccount {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  must_change: number;
  created_at: string;
}
interface RawSession {
  id: string;
  token_hash: string;
  csrf: string;
  account_id: string;
  account_name?: string;
  kind: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string;
  user_agent: string;
}
interface RawAudit {
  seq: number;
  at: string;
  actor_id: string;
  actor_name: string;
  address: string;
  action: string;
  call_id: string | null;
  detail_json: string | null;
}

const account = (r: RawAccount): AccountRow => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change === 1,
  createdAt: r.created_at,
});
const session = (r: RawSession): SessionRow & { accountName?: string } => ({
  id: r.id,
  tokenHash: r.token_hash,
  csrf: r.csrf,
  accountId: r.account_id,
  ...(r.account_name !== undefined && { accountName: r.account_name }),
  kind: r.kind as SessionRow['kind'],
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  address: r.address,
  userAgent: r.user_agent,
});
const audit = (r: RawAudit): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  address: r.address,
  action: r.action as AuditAction,
  ...(r.call_id !== null && { callId: r.call_id }),
  ...(r.detail_json !== null && { detail: JSON.parse(r.detail_json) as AuditEntry['detail'] }),
});

export class TeamStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    preparePrivateDatabase(file); // this user's only, -wal and -shm too
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
    this.db.exec(SCHEMA);
  }

  accountCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  accounts(): AccountRow[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY name').all() as unknown as RawAccount[]).map(account);
  }

  accountById(id: string): AccountRow | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as RawAccount | undefined;
    return row && account(row);
  }

  accountByName(name: string): AccountRow | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE name = ?').get(name) as RawAccount | undefined;
    return row && account(row);
  }

  insertAccount(a: AccountRow): void {
    this.db
      .prepare('INSERT INTO accounts (id, name, role, password_hash, disabled, must_change, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.id, a.name, a.role, a.passwordHash, a.disabled ? 1 : 0, a.mustChangePassword ? 1 : 0, a.createdAt);
  }

  updateAccount(id: string, patch: { role?: Role; disabled?: boolean; passwordHash?: string; mustChangePassword?: boolean }): void {
    const sets: string[] = [];
    const values: (string | number)[] = [];
    if (patch.role !== undefined) (sets.push('role = ?'), values.push(patch.role));
    if (patch.disabled !== undefined) (sets.push('disabled = ?'), values.push(patch.disabled ? 1 : 0));
    if (patch.passwordHash !== undefined) (sets.push('password_hash = ?'), values.push(patch.passwordHash));
    if (patch.mustChangePassword !== undefined) (sets.push('must_change = ?'), values.push(patch.mustChangePassword ? 1 : 0));
    if (sets.length) this.db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  insertSession(s: SessionRow): void {
    this.db
      .prepare('INSERT INTO sessions (id, token_hash, csrf, account_id, kind, created_at, last_seen_at, expires_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.tokenHash, s.csrf, s.accountId, s.kind, s.createdAt, s.lastSeenAt, s.expiresAt, s.address, s.userAgent);
  }

  sessionByTokenHash(hash: string): SessionRow | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(hash) as RawSession | undefined;
    return row && session(row);
  }

  sessions(accountId?: string): (SessionRow & { accountName?: string })[] {
    const sql = `SELECT s.*, a.name AS account_name FROM sessions s JOIN accounts a ON a.id = s.account_id ${accountId ? 'WHERE s.account_id = ?' : ''} ORDER BY s.last_seen_at DESC`;
    const rows = (accountId ? this.db.prepare(sql).all(accountId) : this.db.prepare(sql).all()) as unknown as RawSession[];
    return rows.map(session);
  }

  touchSession(id: string, lastSeenAt: string, expiresAt: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(lastSeenAt, expiresAt, id);
  }

  deleteSession(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  deleteSessionsOf(accountId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE account_id = ?').run(accountId);
  }

  deleteExpiredSessions(now: string): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }

  appendAudit(e: NewAuditEntry): AuditEntry {
    const result = this.db
      .prepare('INSERT INTO audit (at, actor_id, actor_name, address, action, call_id, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actorId, e.actorName, e.address, e.action, e.callId ?? null, e.detail ? JSON.stringify(e.detail) : null);
    return { seq: Number(result.lastInsertRowid), ...e };
  }

  /**
   * Deletes the entries older than `before` (ISO), the retention period's end, and nothing else:
   * the append-only trigger lets only those through, for this transaction. Returns how many went.
   */
  expireAudit(before: string): number {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare('INSERT INTO audit_expiry (before) VALUES (?)').run(before);
      const { changes } = this.db.prepare('DELETE FROM audit WHERE at < ?').run(before);
      this.db.exec('DELETE FROM audit_expiry');
      this.db.exec('COMMIT');
      return Number(changes);
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Entries oldest first, filtered by person (name or id), call, action and [from, to); at most `limit` (default 1000), the newest ones. */
  queryAudit(query: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (query.actor) (where.push('(actor_name = ? COLLATE NOCASE OR actor_id = ?)'), values.push(query.actor, query.actor));
    if (query.callId) (where.push('call_id = ?'), values.push(query.callId));
    if (query.action) (where.push('action = ?'), values.push(query.action));
    if (query.from) (where.push('at >= ?'), values.push(new Date(query.from).toISOString()));
    if (query.to) (where.push('at < ?'), values.push(new Date(query.to).toISOString()));
    const sql = `SELECT * FROM (SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?) ORDER BY seq`;
    return (this.db.prepare(sql).all(...values, query.limit ?? 1000) as unknown as RawAudit[]).map(audit);
  }

  /** For tests of the append-only rule: runs raw SQL against the store. */
  execForTest(sql: string): void {
    this.db.exec(sql);
  }

  close(): void {
    this.db.close();
  }
}
