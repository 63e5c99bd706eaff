// The web console: the built renderer, served by the console listener for paths outside /api.
// The page holds no secret (the token comes from the URL fragment), so it is served without one;
// a strict CSP keeps everything it runs and talks to on this origin.
import { createReadStream } from 'node:fs';
import { appPaths } from '../paths.ts';
import { pageSecurityHeaders, resolveConsoleFile } from './console-files.ts';
import type { Handler } from '../net/listener.ts';
import { parseRequestTarget } from '../net/request-target.ts';
import { sendError } from '../net/respond.ts';

export function webConsole(root = appPaths().webRoot): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'the console pages are read with GET', { allow: 'GET, HEAD' });
    const target = parseRequestTarget(req.url);
    if (!target.ok) return sendError(res, target.status, target.error);
    const path = target.pathname;
    const found = await resolveConsoleFile(root, path);
    if (!found.found) return found.reason === 'not-built' ? notBuilt(res) : sendError(res, 404, `no such file: ${path}`);
    const file = found.file;
    res.writeHead(200, {
      'content-type': found.contentType,
      // Built assets carry a content hash in their name: cache them for good, never the page.
      'cache-control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...pageSecurityHeaders([`ws://${req.headers.host ?? '127.0.0.1'}`]),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}

function notBuilt(res: Parameters<Handler>[1]): void {
  sendError(res, 503, 'The web console is not built in this checkout: run `npm run build` (npm start does it for you), then reload.');
}
