// Who may talk to the console listener, checked in this order before anything else the caller sent
// is read: the Host (a loopback name, against DNS rebinding), the Origin (only the console's own
// pages and the desktop app), then the credentials: the console token in `Authorization: Bearer`,
// or — only where a browser cannot send a header — a ticket (or, for scripts, the token) in the URL.
import type { IncomingMessage } from 'node:http';
import type { TicketRequest } from '../../../shared/api.ts';
import { APP_ORIGIN } from '../../../shared/ipc.ts';
import { safeEqual } from '../webhooks/signatures.ts';
import { bearerToken } from '../net/bearer-token.ts';
import type { RequestTarget } from '../net/request-target.ts';
import type { TicketBook } from './tickets.ts';

export interface Refusal {
  status: 400 | 401 | 403 | 404;
  error: string;
}

/** Only loopback host names: a page on another site cannot reach us through DNS rebinding. */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

/**
 * The console's own origins on the port the request came in on, and the desktop app's. Anything
 * else — another port or host, `null` (sandboxed frames, files), another app scheme — is foreign.
 */
export function isConsoleOrigin(origin: string, consolePort: number | undefined): boolean {
  const value = origin.trim().toLowerCase();
  if (value === APP_ORIGIN) return true;
  if (consolePort === undefined) return false;
  const port = consolePort === 80 ? '' : `:${consolePort}`;
  return value === `http://127.0.0.1${port}` || value === `http://localhost${port}` || value === `http://[::1]${port}`;
}

/** The Host and Origin checks; `checkOrigin` is false for the web console's pages (top-level loads). */
export function refuseForeignCaller(req: IncomingMessage, checkOrigin: boolean): Refusal | undefined {
  if (!isLoopbackHost(req.headers.host)) return { status: 403, error: 'the console answers only on 127.0.0.1 (or localhost)' };
  const origin = req.headers.origin;
  if (checkOrigin && origin !== undefined && !isConsoleOrigin(origin, req.socket.localPort)) {
    return { status: 403, error: `requests from ${origin.slice(0, 100)} are refused: only the console's own pages may call the console API` };
  }
  return undefined;
}

/** Where the URL may carry credentials: the routes a browser opens without headers. */
export type UrlCredentials = 'none' | 'live' | 'listen' | 'recording';

export type Authentication = { ok: true; ticket?: TicketRequest } | ({ ok: false } & Refusal);

const USE_HEADER = 'missing or wrong console token: send Authorization: Bearer <token> (printed at start-up)';
const TOKEN_NOT_IN_URL =
  'the console token is not accepted in the URL here: send it as Authorization: Bearer <token> (?token= works only for /api/live, /api/calls/:id/listen and /api/calls/:id/recording)';
const TICKET_REFUSED = 'this ticket is unknown, used or expired: ask POST /api/tickets for a new one';

/**
 * Checks the caller's credentials for a route. `Authorization: Bearer` is decisive; `?token=` on a
 * route that takes no URL credentials is refused outright. On a route that allows them, `?ticket=` (issued for that kind of route; single-use tickets
 * are used up here) or `?token=` (the console token, for scripts) are read instead. A returned
 * `ticket` is bound to a call: the caller checks it against the decoded id.
 */
export function authenticate(req: IncomingMessage, target: RequestTarget, token: string, tickets: TicketBook, route: UrlCredentials): Authentication {
  const inUrl = target.query.get('token');
  // Refused even beside a good header: a token in a URL ends up in histories and logs.
  if (route === 'none' && inUrl !== null) return { ok: false, status: 401, error: TOKEN_NOT_IN_URL };
  const header = bearerToken(req);
  if (header !== undefined) return safeEqual(header, token) ? { ok: true } : { ok: false, status: 401, error: USE_HEADER };
  if (route === 'none') return { ok: false, status: 401, error: USE_HEADER };
  if (inUrl !== null) return safeEqual(inUrl, token) ? { ok: true } : { ok: false, status: 401, error: USE_HEADER };
  const ticket = target.query.get('ticket');
  if (ticket === null) return { ok: false, status: 401, error: `${USE_HEADER}, or pass a ticket from POST /api/tickets as ?ticket=` };
  const issued = tickets.redeem(ticket);
  if (!issued) return { ok: false, status: 401, error: TICKET_REFUSED };
  if (issued.use !== route) return { ok: false, status: 403, error: `this ticket is for ${issued.use === 'live' ? '/api/live' : `a call's ${issued.use}`}, not this route` };
  return { ok: true, ticket: issued };
}

/** A ticket bound to one call opens only that call's route. */
export function refuseOtherCall(ticket: TicketRequest | undefined, callId: string): Refusal | undefined {
  if (ticket && 'callId' in ticket && ticket.callId !== callId) return { status: 403, error: 'this ticket is for another call: ask POST /api/tickets for one for this call' };
  return undefined;
}
