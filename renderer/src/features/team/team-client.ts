// The team's own requests from a browser signed in on the team listener: same origin, the session
// cookie, and the CSRF token with every change.
import { ApiError } from '../../../../shared/api.ts';
import { CSRF_HEADER, TEAM_ROUTES, type Account, type AuditEntry, type AuditQuery, type Me, type Role, type SessionInfo, type TeamHello } from '../../../../shared/team.ts';
import { i18n } from '../../i18n/index.ts';

let csrf: string | undefined;

export const setCsrf = (token: string | undefined) => void (csrf = token);
export const csrfToken = () => csrf;

export async function teamRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(csrf && { [CSRF_HEADER]: csrf }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, i18n.t('bridge.unreachable'));
  }
  const parsed = (await response.json().catch(() => undefined)) as ({ error?: string } & T) | undefined;
  if (!response.ok) throw new ApiError(response.status, parsed?.error ?? i18n.t('bridge.httpStatus', { status: response.status }));
  return parsed as T;
}

const at = (route: string, id: string) => route.replace(':id', encodeURIComponent(id));

/** The team listener says hello; undefined on the loopback console (no such route there). */
export async function teamHello(): Promise<TeamHello | undefined> {
  try {
    const response = await fetch(TEAM_ROUTES.hello, { credentials: 'same-origin' });
    if (!response.ok) return undefined;
    const hello = (await response.json()) as TeamHello;
    return hello.ringside ? hello : undefined;
  } catch {
    return undefined;
  }
}

/** Who I am, if my cookie still holds a session. */
export async function currentSession(): Promise<Me | undefined> {
  try {
    const me = await teamRequest<Me>('GET', TEAM_ROUTES.me);
    setCsrf(me.csrfToken);
    return me;
  } catch {
    return undefined;
  }
}

export async function signIn(name: string, password: string): Promise<Me> {
  const me = await teamRequest<Me>('POST', TEAM_ROUTES.signIn, { name, password, client: 'browser' });
  setCsrf(me.csrfToken);
  return me;
}

export const signOut = () => teamRequest('POST', TEAM_ROUTES.signOut);
export const askFor = (callId: string) => teamRequest('POST', at(TEAM_ROUTES.ask, callId));
export const takeFrom = (callId: string) => teamRequest('POST', at(TEAM_ROUTES.takeFrom, callId));
export const viewing = (callId: string, open: boolean) => teamRequest('POST', at(TEAM_ROUTES.viewing, callId), { open });

// An administrator's pages: accounts, sessions and the audit trail.
export const listAccounts = () => teamRequest<{ accounts: Account[] }>('GET', TEAM_ROUTES.accounts).then((r) => r.accounts);
export const inviteAccount = (invite: { name: string; role: Role; password: string }) => teamRequest<Account>('POST', TEAM_ROUTES.accounts, invite);
export const updateAccount = (id: string, patch: { role?: Role; disabled?: boolean; password?: string }) => teamRequest<Account>('PATCH', at(TEAM_ROUTES.account, id), patch);
export const listSessions = () => teamRequest<{ sessions: SessionInfo[] }>('GET', TEAM_ROUTES.sessions).then((r) => r.sessions);
export const revokeSession = (id: string) => teamRequest('DELETE', at(TEAM_ROUTES.session, id));

/** The audit trail's query string for `filter` (empty fields left out), with `format` for a download. */
export function auditQueryString(filter: AuditQuery, format?: 'csv' | 'json'): string {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
  if (format) params.set('format', format);
  return params.toString();
}
export const queryAudit = (filter: AuditQuery) => teamRequest<{ entries: AuditEntry[] }>('GET', `${TEAM_ROUTES.audit}?${auditQueryString(filter)}`).then((r) => r.entries);
