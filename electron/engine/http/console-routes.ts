// The console listener (127.0.0.1 only): the console API over HTTP, behind the console token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { testEventRequestSchema } from '../../../shared/access.ts';
import { ApiError, callQuerySchema, CONSOLE_ROUTES, demoRequestSchema, ticketRequestSchema, type ConsoleApi, type TicketRequest } from '../../../shared/api.ts';
import type { SettingsPatch } from '../../../shared/settings.ts';
import type { Logger } from '../log.ts';
import type { Handler } from './listener.ts';
import type { Command } from '../../../shared/commands.ts';
import { authenticate, refuseForeignCaller, refuseOtherCall } from './console-auth.ts';
import { pathForLog } from './guard.ts';
import { decodeSegment, malformedSegment, parseRequestTarget, type RequestTarget } from './request-target.ts';
import type { TicketBook } from './tickets.ts';
import { serveRecording } from './recording-route.ts';
import { BodyTooLargeError, readBody, sendError, sendJson } from './respond.ts';
import { parsePeerJson } from '../json/peer-json.ts';

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
const RECORDING_PATH = /^\/api\/calls\/[^/]+\/recording\/?$/;

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

async function routeApi(api: ConsoleApi, req: IncomingMessage, res: ServerResponse, target: RequestTarget, recordingsDir: string, ticket: TicketRequest | undefined): Promise<void> {
  const path = target.pathname.replace(/\/+$/, '');
  const get = (then: () => Promise<unknown>) =>
    req.method === 'GET' ? then().then((body) => sendJson(res, 200, body)) : sendError(res, 405, `use GET ${path}`, { allow: 'GET' });

  if (path === '/api/health') return get(() => api.health());
  if (path === '/api/settings') {
    if (req.method === 'GET') return sendJson(res, 200, await api.settings());
    if (req.method !== 'PATCH') return sendError(res, 405, `read settings with GET ${path}, change them with PATCH`, { allow: 'GET, PATCH' });
    return sendJson(res, 200, await api.updateSettings((await readJsonBody(req)) as SettingsPatch));
  }
  if (path === '/api/demo') {
    if (req.method !== 'POST') return sendError(res, 405, `use POST ${path} with {"running":true|false}`, { allow: 'POST' });
    const parsed = demoRequestSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) throw new ApiError(400, 'send {"running":true} to start the demo calls, {"running":false} to stop them');
    return sendJson(res, 200, await api.setDemo(parsed.data.running));
  }
  if (path === CONSOLE_ROUTES.testEvent) {
    if (req.method !== 'POST') return sendError(res, 405, `use POST ${path} with {"provider":"ringover"}`, { allow: 'POST' });
    const parsed = testEventRequestSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) throw new ApiError(400, `send {"provider":"ringover"} (or ringotel, ringyo, ringg): ${parsed.error.issues[0]!.message}`);
    return sendJson(res, 200, await api.testEvent(parsed.data.provider));
  }
  if (path === '/api/calls') {
    return get(() => {
      const params = Object.fromEntries(target.query);
      const parsed = callQuerySchema.safeParse(params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
        throw new ApiError(400, `invalid query parameter ${name}: ${issue.message}`);
      }
      return api.listCalls(parsed.data);
    });
  }
  if (path === CONSOLE_ROUTES.tickets) {
    if (req.method !== 'POST') return sendError(res, 405, `use POST ${path} with {"use":"live"} (or listen, recording with a callId)`, { allow: 'POST' });
    const parsed = ticketRequestSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) throw new ApiError(400, parsed.error.issues[0]!.message);
    return sendJson(res, 201, await api.issueTicket(parsed.data));
  }
  const call = path.match(/^\/api\/calls\/([^/]+)(\/commands|\/recording)?$/);
  if (!call) return sendError(res, 404, `no such API route: ${path.slice(0, 200)}`);
  const id = decodeSegment(call[1]!);
  if (id === undefined) {
    const malformed = malformedSegment('the call id');
    return sendError(res, malformed.status, malformed.error);
  }
  if (call[2] === '/recording') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `use GET ${path}`, { allow: 'GET, HEAD' });
    const otherCall = refuseOtherCall(ticket, id);
    if (otherCall) return sendError(res, otherCall.status, otherCall.error);
    return serveRecording(recordingsDir, id, req, res);
  }
  if (call[2] === '/commands') {
    if (req.method !== 'POST') return sendError(res, 405, `send commands with POST ${path}`, { allow: 'POST' });
    const body = await readJsonBody(req);
    return sendJson(res, 202, await api.sendCommand(id, body as Command));
  }
  return get(() => api.getCall(id));
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
