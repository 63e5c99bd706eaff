// The token a client presents in `Authorization: Bearer <token>` (RFC 6750 §2.1). Where a token or
// ticket may also come in the URL is decided per listener (console-auth.ts, streamer/server.ts).
import type { IncomingMessage } from 'node:http';

/** The token of an `Authorization: Bearer` header, or undefined when there is none. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}

