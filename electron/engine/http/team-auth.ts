// Who may talk to the team listener, and as whom. Checked before anything else the caller sent is
// read: the Origin (a browser's request must come from a page of this same host), then the session:
// the desktop app's bearer token, or a browser's cookie (HttpOnly, Secure, SameSite=Strict,
// `__Host-` prefixed). A cookie session must also send its CSRF token with every request that changes
// something, so a page of another site cannot act with a cookie it does not see.
import type { IncomingMessage } from 'node:http';
import { CSRF_HEADER, SESSION_COOKIE, type Actor } from '../../../shared/team.ts';
import { bearerToken } from '../net/bearer-token.ts';
import type { Authenticated } from '../team/accounts.ts';
import type { Accounts } from '../team/accounts.ts';
import { safeEqual } from '../webhooks/signatures.ts';
import type { Refusal } from './console-auth.ts';

export type TeamAuth = ({ ok: true; actor: Actor; viaCookie: boolean } & Authenticated) | ({ ok: false } & Refusal);

const SIGN_IN = 'sign in first: POST /api/team/sign-in (a browser keeps the session in a cookie; the desktop app sends Authorization: Bearer <token>)';

/**
 * A browser's Origin must be this listener's own: the same host and port as the Host it asked for
 * (either scheme: behind a TLS reverse proxy the listener itself speaks plain HTTP).
 */
export function refuseForeignOrigin(req: IncomingMessage, required: boolean): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return required ? { status: 403, error: 'a browser must send its Origin' } : undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (!host || host !== (req.headers.host ?? '').toLowerCase()) {
    return { status: 403, error: `requests from ${origin.slice(0, 100)} are refused: only this server's own console pages may call its API` };
  }
  return undefined;
}

/** The value of the session cookie, if the request carries one. */
export const sessionCookie = (req: IncomingMessage): string | undefined => cookieValue(req, SESSION_COOKIE);

/** The value of cookie `name`, if the request carries it. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Where a request comes from: the peer's address; behind a reverse proxy, the team listener is given
 * `clientAddress` (net/source-allow-list.ts), which believes `X-Forwarded-For` from trusted proxies only.
 */
export type AddressOf = (req: IncomingMessage) => string;
export const peerAddress: AddressOf = (req) => req.socket.remoteAddress ?? '-';

/** The caller's session, from its bearer token or its cookie; `changes`: the request changes something (CSRF checked). */
export function authenticateTeam(req: IncomingMessage, accounts: Accounts, changes: boolean, addressOf: AddressOf = peerAddress): TeamAuth {
  const bearer = bearerToken(req);
  const cookie = bearer === undefined ? sessionCookie(req) : undefined;
  const token = bearer ?? cookie;
  if (token === undefined) return { ok: false, status: 401, error: SIGN_IN };
  const found = accounts.authenticate(token);
  if (!found) return { ok: false, status: 401, error: 'this session has ended (signed out, expired, revoked or the account disabled): sign in again' };
  if (cookie !== undefined && changes) {
    const csrf = req.headers[CSRF_HEADER];
    if (typeof csrf !== 'string' || !safeEqual(csrf, found.session.csrf)) {
      return { ok: false, status: 403, error: `missing or wrong ${CSRF_HEADER}: send the csrfToken from sign-in (or GET /api/team/me) with every change` };
    }
  }
  const { account } = found;
  return { ok: true, viaCookie: cookie !== undefined, actor: { id: account.id, name: account.name, role: account.role, address: addressOf(req) }, ...found };
}

/** Set-Cookie for a new browser session (or its end, with `maxAgeS` 0). */
export function sessionCookieHeader(token: string, maxAgeS: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAgeS}; HttpOnly; Secure; SameSite=Strict`;
}
