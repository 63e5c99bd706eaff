// Accounts and sessions of the team. A session is a random 256-bit token (a cookie for a browser, a
// bearer token for the desktop app) of which only the SHA-256 is stored; it expires after a while
// unused, and can be listed and revoked. Disabling an account, resetting its password or revoking a
// session ends it at once: the next request is refused and its open sockets are closed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api.ts';
import type { Account, Actor, Role, SessionInfo } from '../../../shared/team.ts';
import type { AccountRow, SessionRow, TeamStore } from '../store/team-store.ts';
import type { AuditTrail } from './audit.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import type { SignInLimiter } from './sign-in-limiter.ts';

/** How long a session lasts unused (ms): a browser's a working day, the desktop app's a month. */
export const SESSION_IDLE_MS = { cookie: 12 * 3600_000, token: 30 * 24 * 3600_000 } as const;
/** A session's last use is written at most this often (ms), not at every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SignedIn {
  /** The session's secret: the cookie's value or the bearer token. Shown once, never stored. */
  token: string;
  csrf: string;
  session: SessionRow;
  account: AccountRow;
}

export interface Authenticated {
  account: AccountRow;
  session: SessionRow;
}

export interface Peer {
  address: string;
  userAgent: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const publicAccount = ({ passwordHash: _, ...account }: AccountRow): Account => account;

export class Accounts {
  private readonly store: TeamStore;
  private readonly audit: AuditTrail;
  private readonly limiter: SignInLimiter;
  private readonly now: () => number;
  private readonly ended = new Set<(which: { accountId?: string; sessionId?: string }) => void>();

  constructor(deps: { store: TeamStore; audit: AuditTrail; limiter: SignInLimiter; now?: () => number }) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.limiter = deps.limiter;
    this.now = deps.now ?? Date.now;
  }

  needsAdmin(): boolean {
    return this.store.accountCount() === 0;
  }

  /** The first administrator; refused (409) once any account exists. */
  async createAdmin(name: string, password: string, by: Pick<Actor, 'id' | 'name' | 'address'>): Promise<Account> {
    if (!this.needsAdmin()) throw new ApiError(409, 'an administrator already exists: sign in, or ask an administrator for an account');
    const account = await this.insert(name, 'administrator', password, false);
    this.audit.record({ actor: by, action: 'account-create', detail: { name: account.name, role: account.role } });
    return account;
  }

  /** Called when sessions end at once (revoked, account disabled or reset): their sockets close. */
  onEnded(listener: (which: { accountId?: string; sessionId?: string }) => void): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }

  async signIn(name: string, password: string, kind: SessionRow['kind'], peer: Peer): Promise<SignedIn> {
    const wait = this.limiter.attempt(name, peer.address);
    if (wait !== undefined) throw Object.assign(new ApiError(429, `too many sign-in attempts: try again in ${wait} s`), { retryAfter: wait });
    const account = this.store.accountByName(name);
    const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
    const actor = { id: account?.id ?? '-', name, address: peer.address };
    if (!account || !ok || account.disabled) {
      this.audit.record({ actor, action: 'sign-in-failed', detail: { reason: !account || !ok ? 'wrong name or password' : 'account disabled' } });
      // One answer for a wrong name and a wrong password: nobody learns which names exist.
      if (account && ok) throw new ApiError(403, 'this account is disabled: ask an administrator');
      throw new ApiError(401, 'wrong name or password');
    }
    this.limiter.succeeded(name);
    return this.openSession(account, kind, peer, kind === 'token' ? 'desktop' : 'browser');
  }

  /**
   * A sign-in the single sign-on issuer vouched for: the account of that name, if it exists and is
   * enabled, gets a session (no password here: the issuer checked the person).
   */
  signInVouched(name: string, peer: Peer): SignedIn {
    const account = this.store.accountByName(name);
    const actor = { id: account?.id ?? '-', name, address: peer.address };
    if (!account || account.disabled) {
      this.audit.record({ actor, action: 'sign-in-failed', detail: { reason: account ? 'account disabled' : 'no such account', via: 'single sign-on' } });
      if (account) throw new ApiError(403, 'this account is disabled: ask an administrator');
      throw new ApiError(403, `the issuer signed you in as ${name.slice(0, 100)}, but this server has no account of that name: ask an administrator to invite you under it`);
    }
    return this.openSession(account, 'cookie', peer, 'single sign-on');
  }

  private openSession(account: AccountRow, kind: SessionRow['kind'], peer: Peer, client: string): SignedIn {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = new Date(this.now());
    const session: SessionRow = {
      id: randomUUID(),
      tokenHash: sha256(token),
      csrf,
      accountId: account.id,
      kind,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS[kind]).toISOString(),
      address: peer.address,
      userAgent: peer.userAgent.slice(0, 300),
    };
    this.store.insertSession(session);
    this.audit.record({ actor: { id: account.id, name: account.name, address: peer.address }, action: 'sign-in', detail: { client } });
    return { token, csrf, session, account };
  }

  /** The session and account of a token, or undefined when unknown, expired or disabled. */
  authenticate(token: string): Authenticated | undefined {
    if (!token || token.length > 200) return undefined;
    const session = this.store.sessionByTokenHash(sha256(token));
    if (!session) return undefined;
    const now = this.now();
    if (Date.parse(session.expiresAt) <= now) {
      this.store.deleteSession(session.id);
      return undefined;
    }
    const account = this.store.accountById(session.accountId);
    if (!account || account.disabled) return undefined;
    if (now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
      session.lastSeenAt = new Date(now).toISOString();
      session.expiresAt = new Date(now + SESSION_IDLE_MS[session.kind]).toISOString();
      this.store.touchSession(session.id, session.lastSeenAt, session.expiresAt);
    }
    return { account, session };
  }

  signOut(actor: Actor, sessionId: string): void {
    this.store.deleteSession(sessionId);
    this.audit.record({ actor, action: 'sign-out' });
    this.emitEnded({ sessionId });
  }

  list(): Account[] {
    return this.store.accounts().map(publicAccount);
  }

  /** An administrator adds a colleague with a first password to change at the first sign-in. */
  async invite(actor: Actor, name: string, role: Role, password: string): Promise<Account> {
    if (this.store.accountByName(name)) throw new ApiError(409, `an account named ${name} already exists`);
    const account = await this.insert(name, role, password, true);
    this.audit.record({ actor, action: 'account-create', detail: { name, role } });
    return account;
  }

  async update(actor: Actor, id: string, patch: { role?: Role; disabled?: boolean; password?: string }): Promise<Account> {
    const account = this.store.accountById(id);
    if (!account) throw new ApiError(404, `no account with id ${id}`);
    if (id === actor.id && (patch.disabled || (patch.role && patch.role !== 'administrator'))) {
      throw new ApiError(409, 'you cannot disable yourself or lower your own role: ask another administrator');
    }
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    this.store.updateAccount(id, {
      ...(patch.role && { role: patch.role }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled }),
      ...(passwordHash && { passwordHash, mustChangePassword: true }),
    });
    if (patch.role && patch.role !== account.role) this.audit.record({ actor, action: 'account-change', detail: { name: account.name, role: patch.role } });
    if (patch.disabled !== undefined && patch.disabled !== account.disabled) {
      this.audit.record({ actor, action: patch.disabled ? 'account-disable' : 'account-enable', detail: { name: account.name } });
    }
    if (passwordHash) this.audit.record({ actor, action: 'password-reset', detail: { name: account.name } });
    // A disabled account, a new role or a reset password: its sessions end now, not at their expiry.
    if (patch.disabled || passwordHash || (patch.role && patch.role !== account.role)) {
      this.store.deleteSessionsOf(id);
      this.emitEnded({ accountId: id });
    }
    return publicAccount(this.store.accountById(id)!);
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const account = this.store.accountById(actor.id);
    if (!account || !(await verifyPassword(account.passwordHash, current))) throw new ApiError(403, 'the current password is wrong');
    this.store.updateAccount(actor.id, { passwordHash: await hashPassword(next), mustChangePassword: false });
    this.audit.record({ actor, action: 'password-reset', detail: { name: account.name, own: true } });
  }

  /** Every session (administrator) or the actor's own, with "current" marked. */
  sessions(actor: Actor, currentId: string | undefined, all: boolean): SessionInfo[] {
    this.store.deleteExpiredSessions(new Date(this.now()).toISOString());
    return this.store.sessions(all ? undefined : actor.id).map(({ tokenHash: _t, csrf: _c, accountName, ...s }) => ({
      ...s,
      accountName: accountName ?? '',
      ...(s.id === currentId && { current: true }),
    }));
  }

  revokeSession(actor: Actor, id: string, all: boolean): void {
    const target = this.store.sessions(all ? undefined : actor.id).find((s) => s.id === id);
    if (!target) throw new ApiError(404, `no session with id ${id}`);
    this.store.deleteSession(id);
    this.audit.record({ actor, action: 'session-revoke', detail: { name: target.accountName ?? '', session: id } });
    this.emitEnded({ sessionId: id });
  }

  private async insert(name: string, role: Role, password: string, mustChange: boolean): Promise<Account> {
    const row: AccountRow = {
      id: randomUUID(),
      name,
      role,
      passwordHash: await hashPassword(password),
      disabled: false,
      mustChangePassword: mustChange,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.store.insertAccount(row);
    return publicAccount(row);
  }

  private emitEnded(which: { accountId?: string; sessionId?: string }): void {
    for (const listener of this.ended) listener(which);
  }
}
