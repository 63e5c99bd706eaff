// The desktop window's pages come from app://ringside/ (never file://): the built console with its
// CSP, and call recordings (with Range, so the player can seek) fetched from the engine's console
// listener with the console token, which never reaches the page.
import { readFile } from 'node:fs/promises';
import { CONSOLE_URLS } from '../../shared/api-operations.ts';
import { APP_ORIGIN } from '../../shared/ipc.ts';
import { pageSecurityHeaders, resolveConsoleFile } from '../engine/http/console-files.ts';
import { decodeSegment } from '../engine/net/request-target.ts';

const SECURITY_HEADERS = pageSecurityHeaders();
export const APP_CSP = SECURITY_HEADERS['content-security-policy']!;

export interface AppProtocolDeps {
  webRoot: string;
  /** The engine's console listener and its token, for recordings. */
  consoleUrl: string;
  consoleToken: string;
}

const RECORDING = /^\/api\/calls\/([^/]+)\/recording$/;

/** Answers one app:// request (what `protocol.handle` calls). */
export function createAppHandler({ webRoot, consoleUrl, consoleToken }: AppProtocolDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return text(404, 'not a Ringside page');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Ringside pages are read with GET');

    const recording = url.pathname.match(RECORDING);
    if (recording) {
      const id = decodeSegment(recording[1]!);
      return id === undefined ? text(400, 'the call id in this address is not valid percent-encoding') : fetchRecording(id, request.headers.get('range'));
    }
    if (url.pathname.startsWith('/api/')) return text(404, 'the desktop window talks to the engine over IPC');

    const found = await resolveConsoleFile(webRoot, url.pathname);
    if (!found.found) {
      return found.reason === 'not-built' ? text(503, 'The console is missing from this build: run `npm run build`.') : text(404, `no such file: ${url.pathname}`);
    }
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, { status: 200, headers: { 'content-type': found.contentType, 'cache-control': 'no-cache', ...SECURITY_HEADERS } });
  };

  async function fetchRecording(id: string, range: string | null): Promise<Response> {
    let upstream: Response;
    try {
      upstream = await fetch(consoleUrl + CONSOLE_URLS.recording(id), {
        headers: { authorization: `Bearer ${consoleToken}`, ...(range && { range }) },
      });
    } catch {
      return text(502, 'the engine did not answer: restart Ringside');
    }
    const headers = new Headers(SECURITY_HEADERS);
    for (const name of ['content-type', 'content-length', 'content-range', 'accept-ranges']) {
      const value = upstream.headers.get(name);
      if (value) headers.set(name, value);
    }
    return new Response(upstream.body, { status: upstream.status, headers });
  }
}

function text(status: number, message: string): Response {
  return new Response(message + '\n', { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}
