// The built console's files and its content security policy, shared by the console listener (web
// console) and the desktop app's custom protocol so both serve the same pages the same way.
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { decodeSegment } from '../net/request-target.ts';

export const CONTENT_TYPES: Record<string, string> = {
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

/** `script-src 'self'` and nothing from elsewhere; `connect` lists what the page may talk to besides itself. */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // wavesurfer.js styles its shadow DOM with a <style> element.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    ["connect-src 'self'", ...connect].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every console page goes out with, from the web console and the desktop window alike. */
export function pageSecurityHeaders(connect: string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connect),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'microphone=(self), camera=(), geolocation=()',
  };
}

export type ConsoleFile =
  | { found: true; file: string; contentType: string; /** Hashed asset names never change. */ immutable: boolean }
  | { found: false; reason: 'outside' | 'not-built' | 'no-such-file' };

/** The file for a URL path: an asset, or index.html for the app's own routes (no extension). */
export async function resolveConsoleFile(root: string, urlPath: string): Promise<ConsoleFile> {
  // Decoded whole (an encoded `/` becomes a separator), then normalized and kept inside `root`.
  const path = decodeSegment(urlPath);
  if (path === undefined || path.includes('\0')) return { found: false, reason: 'no-such-file' };
  const wanted = normalize(join(root, path));
  if (!wanted.startsWith(root.endsWith(sep) ? root : root + sep) && wanted !== root) return { found: false, reason: 'outside' };
  const file = (await isFile(wanted)) ? wanted : extname(path) ? undefined : join(root, 'index.html');
  if (!file || !(await isFile(file))) return { found: false, reason: extname(path) ? 'no-such-file' : 'not-built' };
  return { found: true, file, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', immutable: !file.endsWith('index.html') };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
