// The console listener (127.0.0.1 only): the console API over HTTP, behind the console token. Its
// routes are the operations of the table (shared/api-operations.ts), plus each call's recording.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callOperation, OPERATIONS, parseArguments, type HttpRoute, type OperationName } from '../../../shared/api-operations.ts';
import { ApiError, type ConsoleApi, type TicketRequest } from '../../../shared/api.ts';
import type { Logger } from '../log.ts';
import type { Handler } from '../net/listener.ts';
import { authenticate, refuseForeignCaller, refuseOtherCall } from './console-auth.ts';
import { pathForLog } from '../net/guard.ts';
import { decodeSegment, malformedSegment, parseRequestTarget, type RequestTarget } from '../net/request-target.ts';
import type { TicketBook } from './tickets.ts';
import { serveRecording } from './recording-route.ts';
import { BodyTooLargeError, readBody, sendError, sendJson } from '../net/respond.ts';
import { parsePeerJson } from '../json/peer-json.ts';
import { provesToken, TOKEN_PROOF_HEADER } from '../net/token-proof.ts';

export interface ConsoleRoutesDeps {
  api: ConsoleApi;
  token: string;
  /** Tickets issued by `api.issueTicket`, redeemed on the recording route. */
  tickets: TicketBook;
  logger: Logger;
  recordingsDir: string;
  /** Serves the web console and its assets for paths outside /api. */
  web?: Handler;
}

/** Commands carry audio (base64); a minute of 24 kHz PCM is about 3.8 MB. */
const MAX_COMMAND_BODY = 8 * 1024 * 1024;

const API_PATH = /^\/api(?:[/?#]|$)/;
const RECORDING_PATH = /^\/api\/calls\/([^/]+)\/recording\/?$/;

/**
 * The console API over HTTP. Checked in order before anything else the caller sent is read: the
 * Host, the Origin (for /api), the target's form, the credentials; then the route and its ids.
 */
export function consoleRoutes({ api, token, tickets, logger, web, recordingsDir }: ConsoleRoutesDeps): Handler {
  return async (req, res) => {
    const isApi = API_PATH.test(req.url ?? '');
    const foreign = refuseForeignCaller(req, isApi);
    if (foreign) return sendError(res, foreign.status, foreign.error);
    if (!isApi) {
      if (web) return web(req, res);
      return sendError(res, 404, 'no such page: the console API is under /api');
    }
    const target = parseRequestTarget(req.url);
    if (!target.ok) return sendError(res, target.status, target.error);
    // A second start of this user's Ringside asks which ports this one holds, proving the token
    // without sending it (net/token-proof.ts): it gets the listeners' addresses, nothing else.
    if (req.method === 'GET' && target.pathname === '/api/health' && provesToken(req.headers[TOKEN_PROOF_HEADER], token)) {
      const health = await api.health();
      return sendJson(res, 200, { publicUrl: health.publicUrl, streams: { url: health.streams.url } });
    }
    const auth = authenticate(req, target, token, tickets, RECORDING_PATH.test(target.pathname) ? 'recording' : 'none');
    if (!auth.ok) return sendError(res, auth.status, auth.error, auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    try {
      await routeApi(api, req, res, target, recordingsDir, auth.ticket);
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error.status, error.message);
      logger.error('console request failed', { path: pathForLog(req), error });
      sendError(res, 500, 'internal error: the log has the details');
    }
  };
}

/**
 * Throws `ApiError` 403 when the caller may not do this: called with the operation's name before
 * its arguments are read (`args` undefined), then again with them checked (a ticket's use).
 */
export type Permit = (name: OperationName | 'recording', args: readonly unknown[] | undefined) => void;

/** Each operation of the table with the pattern its route's path matches (`:id` captured, still encoded). */
const ROUTES = (Object.keys(OPERATIONS) as OperationName[]).map((name) => {
  const http: HttpRoute = OPERATIONS[name].http;
  return { name, http, pattern: new RegExp(`^${http.path.replace(':id', '([^/]+)')}$`) };
});

/**
 * One request to an operation of the table (or a call's recording): the route, then its id, then
 * the method, then the arguments (checked with the table's schemas), then the answer.
 */
export async function routeApi(
  api: ConsoleApi,
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  recordingsDir: string,
  ticket: TicketRequest | undefined,
  permit: Permit = () => undefined,
): Promise<void> {
  const path = target.pathname.replace(/\/+$/, '');
  const recording = RECORDING_PATH.exec(path);
  const routes = ROUTES.filter((route) => route.pattern.test(path));
  if (!recording && routes.length === 0) return sendError(res, 404, `no such API route: ${path.slice(0, 200)}`);
  const encodedId = recording?.[1] ?? routes[0]!.pattern.exec(path)![1];
  const id = encodedId === undefined ? undefined : decodeSegment(encodedId);
  if (encodedId !== undefined && id === undefined) {
    const malformed = malformedSegment('the call id');
    return sendError(res, malformed.status, malformed.error);
  }
  if (recording) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `use GET ${path}`, { allow: 'GET, HEAD' });
    const otherCall = refuseOtherCall(ticket, id!);
    if (otherCall) return sendError(res, otherCall.status, otherCall.error);
    permit('recording', [id]);
    return serveRecording(recordingsDir, id!, req, res);
  }
  const route = routes.find((r) => r.http.method === req.method);
  if (!route) {
    const allowed = routes.map((r) => r.http.method);
    return sendError(res, 405, `use ${allowed.join(' or ')} ${path}`, { allow: allowed.join(', ') });
  }
  // The role is checked before the body is read: a viewer's command is refused unread.
  permit(route.name, undefined);
  const args = parseArguments(route.name, await argumentsOf(route.http, req, target, id));
  permit(route.name, args);
  sendJson(res, route.http.status ?? 200, await callOperation(api, route.name, args));
}

/** The arguments as the route carries them (see `HttpArgument`), in order, not yet checked. */
async function argumentsOf(http: HttpRoute, req: IncomingMessage, target: RequestTarget, id: string | undefined): Promise<unknown[]> {
  const fields = http.args.flatMap((where) => (typeof where === 'object' ? [where.field] : []));
  const body = http.args.some((where) => where === 'body') || fields.length ? await readJsonBody(req) : undefined;
  if (fields.length) {
    const example = `{${fields.map((field) => `"${field}":…`).join(',')}}`;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, `send a JSON object: ${example}`);
    const unexpected = Object.keys(body).filter((key) => !fields.includes(key));
    if (unexpected.length) throw new ApiError(400, `unexpected field ${unexpected.join(', ')}: send ${example}`);
  }
  return http.args.map((where) => {
    if (where === 'path') return id;
    if (where === 'query') return Object.fromEntries(target.query);
    if (where === 'body') return body;
    return (body as Record<string, unknown>)[where.field];
  });
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_COMMAND_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(413, `${error.message}: send audio in smaller pieces`);
    throw error;
  }
  try {
    return parsePeerJson(raw.toString('utf8'));
  } catch (error) {
    throw new ApiError(400, `malformed JSON: ${(error as Error).message}`);
  }
}
