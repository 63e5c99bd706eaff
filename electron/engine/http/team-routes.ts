// The team listener: the same web console and console API as the loopback listener, for remote
// supervisors, each signed in with an account. Every console API operation checks the caller's role
// (the operations table says which each needs); the team's own routes (sign-in, accounts, sessions,
// the audit trail, presence, asking for a call) are here. No console token and no ticket is accepted
// here: a browser's cookie opens its sockets and recordings, the desktop app sends its bearer token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { OPERATIONS, RECORDING_ROLE, STREAMS } from '../../../shared/api-operations.ts';
import { ApiError } from '../../../shared/api.ts';
import {
  accountNameSchema,
  accountPatchSchema,
  allows,
  auditQuerySchema,
  inviteSchema,
  passwordChangeSchema,
  passwordSchema,
  signInSchema,
  TEAM_API_VERSION,
  TEAM_ROUTE_ROLES,
  TEAM_ROUTES,
  SSO_COOKIE,
  type Actor,
  type Me,
  type Role,
  type TeamHello,
} from '../../../shared/team.ts';
import { z as zod } from 'zod';
import { parsePeerJson } from '../json/peer-json.ts';
import { bearerToken } from '../net/bearer-token.ts';
import { safeEqual } from '../webhooks/signatures.ts';
import type { Logger } from '../log.ts';
import type { Handler } from '../net/listener.ts';
import { pathForLog } from '../net/guard.ts';
import { decodeSegment, parseRequestTarget, type RequestTarget } from '../net/request-target.ts';
import { BodyTooLargeError, readBody, sendError, sendJson } from '../net/respond.ts';
import { SESSION_IDLE_MS } from '../team/accounts.ts';
import { auditCsv } from '../team/audit.ts';
import type { Team } from '../team/team.ts';
import { routeApi, type Permit } from './console-routes.ts';
import { authenticateTeam, cookieValue, peerAddress, refuseForeignOrigin, sessionCookieHeader, type AddressOf } from './team-auth.ts';
import type { SingleSignOn } from '../team/single-sign-on.ts';
import type { UpgradeGate } from './live-socket.ts';

export interface TeamRoutesDeps {
  team: Team;
  logger: Logger;
  recordingsDir: string;
  version: string;
  /** The console token: creating the first administrator here needs it (the operator has it; a stranger does not). */
  consoleToken: string;
  web?: Handler;
  /** Where a request comes from (default the peer; behind a trusted proxy, the address it forwarded). */
  addressOf?: AddressOf;
  /** Single sign-on with OpenID Connect, when the operator set it up. */
  sso?: SingleSignOn;
}

const API_PATH = /^\/api(?:[/?#]|$)/;
/** Team routes take small JSON (a name, a password, a role): anything larger is refused before it is buffered. */
const MAX_BODY = 64 * 1024;
const SAFE = new Set(['GET', 'HEAD']);

/** Refuses (403) what `role` may not do. */
function need(actor: Actor, role: Role, what: string): void {
  if (!allows(actor.role, role)) throw new ApiError(403, `your role (${actor.role}) may not ${what}: it needs ${role}`);
}

/** The role check of the console API's operations, for one person. */
export function permitFor(actor: Actor): Permit {
  return (name, args) => {
    if (name === 'recording') return need(actor, RECORDING_ROLE, 'play recordings');
    // The team listener opens its sockets and recordings with the session itself.
    if (name === 'issueTicket') throw new ApiError(404, 'no tickets on the team listener: your session opens sockets and recordings');
    if (args === undefined) need(actor, OPERATIONS[name].role, name);
  };
}

export function teamRoutes({ team, logger, recordingsDir, version, consoleToken, web, addressOf = peerAddress, sso }: TeamRoutesDeps): Handler {
  return async (req, res) => {
    const isApi = API_PATH.test(req.url ?? '');
    if (!isApi) {
      if (web) return web(req, res);
      return sendError(res, 404, 'no such page: the console API is under /api');
    }
    const foreign = refuseForeignOrigin(req, false);
    if (foreign) return sendError(res, foreign.status, foreign.error);
    const target = parseRequestTarget(req.url);
    if (!target.ok) return sendError(res, target.status, target.error);
    if (target.query.has('token') || target.query.has('ticket')) {
      return sendError(res, 401, 'no token or ticket in URLs here: sign in (a cookie) or send Authorization: Bearer <token>');
    }
    try {
      await route(req, res, target);
    } catch (error) {
      if (error instanceof ApiError) {
        const retry = (error as ApiError & { retryAfter?: number }).retryAfter;
        return sendError(res, error.status, error.message, retry ? { 'retry-after': String(retry) } : {});
      }
      // A peer that went away mid-request is noise anyone can make: one summarised line per interval.
      if (req.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET') return logger.repeated('warn', 'team request abandoned by its peer', {}, 'team request abandoned');
      logger.error('team request failed', { path: pathForLog(req), error });
      sendError(res, 500, 'internal error: the log has the details');
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    const path = target.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const peer = { address: addressOf(req), userAgent: String(req.headers['user-agent'] ?? '') };

    if (path === TEAM_ROUTES.hello) {
      const hello: TeamHello = { ringside: true, apiVersion: TEAM_API_VERSION, version, needsAdmin: team.accounts.needsAdmin(), ...(sso?.enabled() && { sso: true }) };
      return sendJson(res, 200, hello);
    }
    if (path === TEAM_ROUTES.signIn) {
      allow(method, 'POST', path);
      const body = parse(signInSchema, await readJson(req));
      const signed = await team.accounts.signIn(body.name, body.password, body.client === 'desktop' ? 'token' : 'cookie', peer);
      return answerSignIn(res, signed, body.client);
    }
    if (path === TEAM_ROUTES.ssoStart || path === TEAM_ROUTES.ssoCallback) {
      allow(method, 'GET', path);
      if (!sso?.enabled()) throw new ApiError(404, 'single sign-on is not set up on this server: sign in with your name and password');
      // The issuer sends the browser back here; behind a TLS reverse proxy this listener speaks plain HTTP.
      const callback = `https://${req.headers.host ?? 'localhost'}${TEAM_ROUTES.ssoCallback}`;
      const clearBinding = `${SSO_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
      if (path === TEAM_ROUTES.ssoStart) {
        const { url, binding } = await sso.start(callback);
        res.writeHead(302, { location: url, 'cache-control': 'no-store', 'set-cookie': `${SSO_COOKIE}=${binding}; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=Lax` });
        return void res.end();
      }
      try {
        const name = await sso.finish(new URL(req.url ?? '/', callback), cookieValue(req, SSO_COOKIE));
        const signed = team.accounts.signInVouched(name, peer);
        res.writeHead(302, { location: '/', 'cache-control': 'no-store', 'set-cookie': [clearBinding, sessionCookieHeader(signed.token, SESSION_IDLE_MS.cookie / 1000)] });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // Back to the sign-in page, which says what went wrong.
        res.writeHead(302, { location: `/?sso-error=${encodeURIComponent(error.message)}`, 'cache-control': 'no-store', 'set-cookie': clearBinding });
      }
      return void res.end();
    }
    if (path === TEAM_ROUTES.setup) {
      allow(method, 'POST', path);
      // A server just exposed must not be claimed by whoever finds it first: the console token proves the operator.
      const bearer = bearerToken(req);
      if (bearer === undefined || !safeEqual(bearer, consoleToken)) {
        throw new ApiError(401, 'creating the first administrator needs the console token (Authorization: Bearer <token>, printed at start-up), or run serve --create-admin NAME');
      }
      const body = parse(zod.strictObject({ name: accountNameSchema, password: passwordSchema }), await readJson(req));
      await team.accounts.createAdmin(body.name, body.password, { id: '-', name: body.name, address: peer.address });
      const signed = await team.accounts.signIn(body.name, body.password, 'cookie', peer);
      return answerSignIn(res, signed, 'browser');
    }

    const auth = authenticateTeam(req, team.accounts, !SAFE.has(method), addressOf);
    if (!auth.ok) return sendError(res, auth.status, auth.error, auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    const { actor, session } = auth;
    const id = (pattern: string) => matchId(pattern, path);

    if (path === TEAM_ROUTES.me) {
      allow(method, 'GET', path);
      const account = team.accounts.list().find((a) => a.id === actor.id)!;
      const me: Me = {
        account: { id: account.id, name: account.name, role: account.role, mustChangePassword: account.mustChangePassword },
        ...(auth.viaCookie && { csrfToken: session.csrf }),
        apiVersion: TEAM_API_VERSION,
        version,
      };
      return sendJson(res, 200, me);
    }
    if (path === TEAM_ROUTES.signOut) {
      allow(method, 'POST', path);
      team.accounts.signOut(actor, session.id);
      return sendJson(res, 200, { signedOut: true }, { 'set-cookie': sessionCookieHeader('', 0) });
    }
    if (path === TEAM_ROUTES.password) {
      allow(method, 'POST', path);
      const body = parse(passwordChangeSchema, await readJson(req));
      await team.accounts.changePassword(actor, body.current, body.next);
      return sendJson(res, 200, { changed: true });
    }
    if (path === TEAM_ROUTES.accounts) {
      need(actor, TEAM_ROUTE_ROLES.accounts, 'manage accounts');
      if (method === 'GET') return sendJson(res, 200, { accounts: team.accounts.list() });
      allow(method, 'POST', path, 'GET, POST');
      const body = parse(inviteSchema, await readJson(req));
      return sendJson(res, 201, await team.accounts.invite(actor, body.name, body.role, body.password));
    }
    const accountId = id(TEAM_ROUTES.account);
    if (accountId !== undefined) {
      need(actor, TEAM_ROUTE_ROLES.account, 'manage accounts');
      allow(method, 'PATCH', path);
      return sendJson(res, 200, await team.accounts.update(actor, accountId, parse(accountPatchSchema, await readJson(req))));
    }
    if (path === TEAM_ROUTES.sessions) {
      allow(method, 'GET', path);
      return sendJson(res, 200, { sessions: team.accounts.sessions(actor, session.id, allows(actor.role, 'administrator')) });
    }
    const sessionId = id(TEAM_ROUTES.session);
    if (sessionId !== undefined) {
      allow(method, 'DELETE', path);
      team.accounts.revokeSession(actor, sessionId, allows(actor.role, 'administrator'));
      return sendJson(res, 200, { revoked: true });
    }
    if (path === TEAM_ROUTES.audit) {
      need(actor, TEAM_ROUTE_ROLES.audit, 'read the audit trail');
      allow(method, 'GET', path);
      const { format, ...rest } = Object.fromEntries(target.query);
      const entries = team.audit.query(parse(auditQuerySchema, rest));
      if (format === 'csv') {
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="ringside-audit.csv"', 'cache-control': 'no-store' });
        return void res.end(auditCsv(entries));
      }
      const headers: Record<string, string> = format === 'json' ? { 'content-disposition': 'attachment; filename="ringside-audit.json"' } : {};
      return sendJson(res, 200, { entries }, headers);
    }
    if (path === TEAM_ROUTES.presence) {
      allow(method, 'GET', path);
      return sendJson(res, 200, team.presence.opening() ?? { type: 'presence', calls: [] });
    }
    const viewing = id(TEAM_ROUTES.viewing);
    if (viewing !== undefined) {
      allow(method, 'POST', path);
      const body = parse(zod.strictObject({ open: zod.boolean({ error: 'open must be true or false' }) }), await readJson(req));
      await team.view(actor, viewing, body.open);
      return sendJson(res, 200, team.presence.of(viewing));
    }
    const ask = id(TEAM_ROUTES.ask);
    if (ask !== undefined) {
      need(actor, TEAM_ROUTE_ROLES.ask, 'ask for a call');
      allow(method, 'POST', path);
      team.ask(actor, ask);
      return sendJson(res, 202, { asked: true });
    }
    const takeFrom = id(TEAM_ROUTES.takeFrom);
    if (takeFrom !== undefined) {
      need(actor, TEAM_ROUTE_ROLES.takeFrom, 'take a call from its holder');
      allow(method, 'POST', path);
      team.takeFrom(actor, takeFrom);
      return sendJson(res, 200, team.presence.of(takeFrom));
    }
    return routeApi(team.apiFor(actor), req, res, target, recordingsDir, undefined, permitFor(actor));
  }

  function answerSignIn(res: ServerResponse, signed: Awaited<ReturnType<Team['accounts']['signIn']>>, client: 'browser' | 'desktop'): void {
    const account = { id: signed.account.id, name: signed.account.name, role: signed.account.role, mustChangePassword: signed.account.mustChangePassword };
    if (client === 'desktop') return sendJson(res, 200, { account, token: signed.token, apiVersion: TEAM_API_VERSION, version });
    const me: Me = { account, csrfToken: signed.csrf, apiVersion: TEAM_API_VERSION, version };
    sendJson(res, 200, me, { 'set-cookie': sessionCookieHeader(signed.token, SESSION_IDLE_MS.cookie / 1000) });
  }
}

/** The team listener's sockets: the same Origin rule, the session (cookie or bearer), the stream's role. */
export function teamGate(team: Team, addressOf: AddressOf = peerAddress): UpgradeGate {
  return {
    foreign: (req) => refuseForeignOrigin(req, req.headers.authorization === undefined),
    admit(req, target, route) {
      if (target.query.has('token') || target.query.has('ticket')) return { ok: false, status: 401, error: 'no token or ticket in URLs here: your session opens this socket' };
      const auth = authenticateTeam(req, team.accounts, false, addressOf);
      if (!auth.ok) return auth;
      const role = route === 'live' ? STREAMS.subscribe.role : STREAMS.listen.role;
      if (!allows(auth.actor.role, role)) return { ok: false, status: 403, error: `your role (${auth.actor.role}) may not ${route === 'live' ? 'follow live calls' : 'listen in'}: it needs ${role}` };
      return { ok: true, api: team.apiFor(auth.actor), tags: { accountId: auth.actor.id, sessionId: auth.session.id } };
    },
  };
}

function allow(method: string, expected: string, path: string, allowed = expected): void {
  if (method !== expected && !(allowed.includes(method) && method !== 'HEAD')) throw Object.assign(new ApiError(405, `use ${allowed} ${path}`));
}

function matchId(pattern: string, path: string): string | undefined {
  const regex = new RegExp(`^${pattern.replace(':id', '([^/]+)')}$`);
  const encoded = regex.exec(path)?.[1];
  if (encoded === undefined) return undefined;
  const id = decodeSegment(encoded);
  if (id === undefined) throw new ApiError(400, 'malformed id in the path');
  return id;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw new ApiError(400, `unexpected field ${issue.keys.join(', ')}`);
  throw new ApiError(400, issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(413, error.message);
    throw error;
  }
  try {
    return parsePeerJson(raw.toString('utf8') || '{}');
  } catch (error) {
    throw new ApiError(400, `malformed JSON: ${(error as Error).message}`);
  }
}
