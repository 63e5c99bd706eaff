// The console listener (127.0.0.1 only): the console API over HTTP, behind the console token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { testEventRequestSchema } from '../../../shared/access.ts';
import { ApiError, callQuerySchema, CONSOLE_ROUTES, demoRequestSchema, type ConsoleApi } from '../../../shared/api.ts';
import type { SettingsPatch } from '../../../shared/settings.ts';
import type { Logger } from '../log.ts';
import type { Handler } from './listener.ts';
import type { Command } from '../../../shared/commands.ts';
import { isAuthorized } from './bearer-token.ts';
import { serveRecording } from './recording-route.ts';
import { BodyTooLargeError, readBody, sendError, sendJson } from './respond.ts';
import { parsePeerJson } from '../json/peer-json.ts';

export interface ConsoleRoutesDeps {
  api: ConsoleApi;
  token: string;
  logger: Logger;
  recordingsDir: string;
  /** Serves the web console and its assets for paths outside /api. */
  web?: Handler;
}

/** Only loopback host names: a page on another site cannot reach us through DNS rebinding. */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

export function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}

/** Commands carry audio (base64); a minute of 24 kHz PCM is about 3.8 MB. */
const MAX_COMMAND_BODY = 8 * 1024 * 1024;

export function consoleRoutes({ api, token, logger, web, recordingsDir }: ConsoleRoutesDeps): Handler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isLoopbackHost(req.headers.host)) return sendError(res, 403, 'the console answers only on 127.0.0.1');
    if (!url.pathname.startsWith('/api/')) {
      if (web) return web(req, res);
      return sendError(res, 404, `no such page: ${url.pathname}`);
    }
    if (!isAuthorized(req, url, token)) {
      return sendError(res, 401, 'missing or wrong console token: send Authorization: Bearer <token> (printed at start-up)', {
        'www-authenticate': 'Bearer',
      });
    }
    try {
      await routeApi(api, req, res, url, recordingsDir);
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error.status, error.message);
      logger.error('console request failed', { path: url.pathname, error });
      sendError(res, 500, 'internal error');
    }
  };
}

async function routeApi(api: ConsoleApi, req: IncomingMessage, res: ServerResponse, url: URL, recordingsDir: string): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
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
      const params = Object.fromEntries(url.searchParams);
      delete params.token;
      const parsed = callQuerySchema.safeParse(params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
        throw new ApiError(400, `invalid query parameter ${name}: ${issue.message}`);
      }
      return api.listCalls(parsed.data);
    });
  }
  const call = path.match(/^\/api\/calls\/([^/]+)(\/commands|\/recording)?$/);
  if (!call) return sendError(res, 404, `no such API route: ${path}`);
  const id = decodeURIComponent(call[1]!);
  if (call[2] === '/recording') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `use GET ${path}`, { allow: 'GET, HEAD' });
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
