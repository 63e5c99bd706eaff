// The web console: the built renderer, served by the console listener for paths outside /api.
// The page holds no secret (the token comes from the URL fragment), so it is served without one;
// a strict CSP keeps everything it runs and talks to on this origin.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handler } from './listener.ts';
import { sendError } from './respond.ts';

/** Where `npm run build` puts the renderer in a checkout. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
};

export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // wavesurfer.js styles its shadow DOM with a <style> element.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self' ws://${host}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function webConsole(root = DEFAULT_WEB_ROOT): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'the console pages are read with GET', { allow: 'GET, HEAD' });
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const wanted = normalize(join(root, path));
    if (!wanted.startsWith(root.endsWith(sep) ? root : root + sep) && wanted !== root) return sendError(res, 404, 'no such page');
    // Unknown paths without an extension are the app's own routes: they get index.html.
    const file = (await isFile(wanted)) ? wanted : extname(path) ? undefined : join(root, 'index.html');
    if (!file || !(await isFile(file))) {
      if (!extname(path)) return notBuilt(res);
      return sendError(res, 404, `no such file: ${path}`);
    }
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Built assets carry a content hash in their name: cache them for good, never the page.
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
      'content-security-policy': contentSecurityPolicy(req.headers.host ?? '127.0.0.1'),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'permissions-policy': 'microphone=(self), camera=(), geolocation=()',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function notBuilt(res: Parameters<Handler>[1]): void {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('The web console is not built in this checkout: run `npm run build` (npm start does it for you), then reload.\n');
}
