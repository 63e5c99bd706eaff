// The token a client presents: console clients and media servers both send it the same two ways.
import type { IncomingMessage } from 'node:http';
import { safeEqual } from '../webhooks/signatures.ts';

/** Bearer token from the Authorization header, or `?token=` (for WebSocket clients that cannot set headers). */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return url.searchParams.get('token') ?? undefined;
}

/** True when the presented token is `token` (compared in constant time). */
export const isAuthorized = (req: IncomingMessage, url: URL, token: string): boolean => {
  const presented = presentedToken(req, url);
  return presented !== undefined && safeEqual(presented, token);
};
