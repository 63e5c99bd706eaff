// The last-resort guards of every listener: whatever a request, an upgrade or a WebSocket handler
// throws (or rejects with), the peer gets a JSON error or a close code, the log gets one line, and
// the process goes on. The engine runs in the desktop app's main process: an exception that
// escaped here would close a supervisor's window.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { sendError, sendErrorOnSocket } from './respond.ts';
import { CLOSE } from './ws-close-codes.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;

/** Sockets that became WebSockets: past that point a failure closes the socket instead of answering HTTP. */
const upgraded = new WeakSet<Duplex>();

/** Marks `socket` as carrying a WebSocket now (called once the 101 answer is written). */
export function markUpgraded(socket: Duplex): void {
  upgraded.add(socket);
}

/** The path of a request for a log line: no query (it may carry a token or ticket), bounded length. */
export function pathForLog(req: IncomingMessage): string {
  return (req.url ?? '').split('?', 1)[0]!.slice(0, 200);
}

/**
 * Wraps a request handler: a sync throw or async rejection answers `500 {"error": …}` (or ends the
 * response if it had begun), logs one line, and never reaches the process. Stream errors on the
 * request and response (a peer that resets) are logged at debug level instead of being unhandled.
 */
export function guardRequest(listener: string, handler: Handler, logger: Logger, failure = 'internal error: the log has the details'): Handler {
  return (req, res) => {
    req.on('error', (error) => logger.repeated('debug', 'request stream error', { listener, error }));
    res.on('error', (error) => logger.repeated('debug', 'response stream error', { listener, error }));
    const fail = (error: unknown) => {
      logger.repeated('error', 'request failed', { listener, method: req.method, path: pathForLog(req), error }, `request failed:${listener}`);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, failure, { connection: 'close' });
    };
    attempt(() => handler(req, res), fail);
  };
}

/**
 * Wraps an `upgrade` handler: errors of the raw socket are caught from the first moment (Node hands
 * it over with no error listener), and a throw or rejection answers `500` JSON before the handshake
 * or closes the socket after it, with one log line.
 */
export function guardUpgrade(listener: string, handler: UpgradeHandler, logger: Logger): UpgradeHandler {
  return (req, socket, head) => {
    socket.on('error', (error) => logger.repeated('debug', 'upgrade socket error', { listener, error }));
    attempt(
      () => handler(req, socket, head),
      (error) => {
        logger.repeated('error', 'upgrade failed', { listener, path: pathForLog(req), error }, `upgrade failed:${listener}`);
        if (upgraded.has(socket) || !socket.writable) socket.destroy();
        else sendErrorOnSocket(socket, 500, 'internal error: the log has the details');
      },
    );
  };
}

/**
 * Wraps a listener of a WebSocket's events (`message`, `close`, `error`, or the work done when it
 * opens): a throw or rejection closes that socket with 1011 and logs one line; other sockets and
 * the process go on.
 */
export function guardSocket<A extends unknown[]>(ws: WebSocket, logger: Logger, what: string, listener: (...args: A) => unknown): (...args: A) => void {
  const fail = (error: unknown) => {
    try {
      logger.repeated('error', 'socket handler failed', { what, error }, `socket handler failed:${what}`);
      if (ws.readyState === WebSocket.OPEN) ws.close(CLOSE.internalError, 'internal error');
    } catch {
      // Reporting failed too (the socket is gone): there is nobody left to tell.
    }
  };
  // This runs for every frame of every stream: no closure is made per call.
  return (...args) => {
    try {
      const result = listener(...args);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** Runs `work`, sending a sync throw or an async rejection to `fail` (which must not throw either). */
function attempt(work: () => unknown, fail: (error: unknown) => void): void {
  const failSafely = (error: unknown) => {
    try {
      fail(error);
    } catch {
      // Reporting failed too (the socket is gone): there is nobody left to tell.
    }
  };
  try {
    const result = work();
    if (result instanceof Promise) result.catch(failSafely);
  } catch (error) {
    failSafely(error);
  }
}
