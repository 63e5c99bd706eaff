// An HTTP listener with the limits we want everywhere: header/request timeouts, bounded keep-alive,
// no stack traces to clients, every answer JSON (Node's own refusals included), every handler
// guarded, and a graceful close that lets in-flight requests finish.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log.ts';
import { guardRequest, guardUpgrade, type Handler, type UpgradeHandler } from './guard.ts';
import { sendError, sendErrorOnSocket } from './respond.ts';

export type { Handler, UpgradeHandler } from './guard.ts';

export interface Listener {
  server: Server;
  host: string;
  port: number;
  /** Routes WebSocket upgrades (and any other `Upgrade:` request) to `handler`, guarded. */
  onUpgrade(handler: UpgradeHandler): void;
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

export interface ListenerLimits {
  /** The request line and headers must arrive within this (ms); else `408`. */
  headersTimeoutMs: number;
  /** The whole request must arrive within this (ms); else `408`. */
  requestTimeoutMs: number;
  /** How often those two are checked (ms). */
  checkEveryMs: number;
  /** Request line and headers together, in bytes; more answers `431`. */
  maxHeaderBytes: number;
}

export const DEFAULT_LIMITS: ListenerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, checkEveryMs: 1_000, maxHeaderBytes: 16 * 1024 };

export interface ListenerOptions {
  limits?: Partial<ListenerLimits>;
  /** The `500` message of this listener (the public one tells providers to retry). */
  failure?: string;
  /**
   * Decides, before any handler, whether a request or upgrade may come in (the stream source
   * allow-list); a refusal answers 403 and is logged as one summarised line per interval.
   */
  gate?: (req: IncomingMessage) => { ok: true } | { ok: false; source: string };
  /** Serve HTTPS with this certificate chain and private key (PEM), as the operator provides them. */
  tls?: { cert: Buffer | string; key: Buffer | string };
}

export async function startListener(name: string, host: string, port: number, handler: Handler, logger: Logger, options: ListenerOptions = {}): Promise<Listener> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const gate = options.gate;
  const refused = (req: IncomingMessage): string | undefined => {
    const verdict = gate?.(req);
    if (!verdict || verdict.ok) return undefined;
    logger.repeated('warn', 'source not allowed', { listener: name, source: verdict.source }, `source not allowed:${name}`);
    return `this source (${verdict.source}) is not allowed to reach Ringside: add it to “Allowed sources” (Live audio) in Settings`;
  };
  const guarded = guardRequest(
    name,
    (req, res) => {
      const refusal = refused(req);
      return refusal ? sendError(res, 403, refusal) : handler(req, res);
    },
    logger,
    options.failure,
  );
  const create = (options.tls ? (opts: object, listener: Parameters<typeof createServer>[1]) => createTlsServer({ ...opts, ...options.tls }, listener) : createServer) as typeof createServer;
  const server = create(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
      keepAliveTimeout: 5_000,
      maxHeaderSize: limits.maxHeaderBytes,
      // Node would answer a request without Host with an empty 400; the handlers answer it in JSON.
      requireHostHeader: false,
    },
    (req, res) => {
      inFlight++;
      res.once('close', () => {
        if (--inFlight === 0) drained?.();
      });
      guarded(req, res);
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException & { reason?: string }, socket: Duplex) => {
    const refusal = describeParseError(error, limits);
    // A response already under way on this connection cannot be followed by another one.
    const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (!refusal || busy) return void socket.destroy();
    sendErrorOnSocket(socket, refusal.status, refusal.error);
  });
  // Node answers an unknown `Expect:` with an empty 417 unless told otherwise.
  server.on('checkExpectation', (req, res) => sendError(res, 417, `Expect: ${String(req.headers.expect).slice(0, 50)} is not understood; only 100-continue is`));
  // CONNECT (a proxy tunnel) is not served; without this Node would drop the connection unanswered.
  server.on('connect', (_req, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    sendErrorOnSocket(socket, 405, 'CONNECT is not served here', { allow: 'GET, HEAD, POST, PATCH' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After start-up, a server error (a failed accept: out of file descriptors) is logged, not fatal.
  server.on('error', (error) => logger.error('listener error', { listener: name, error }));
  const address = server.address() as AddressInfo;
  return {
    server,
    host,
    port: address.port,
    onUpgrade: (upgrade) =>
      void server.on(
        'upgrade',
        guardUpgrade(
          name,
          (req, socket, head) => {
            const refusal = refused(req);
            return refusal ? sendErrorOnSocket(socket, 403, refusal) : upgrade(req, socket, head);
          },
          logger,
        ),
      ),
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const finish = () => server.closeAllConnections();
        if (inFlight === 0) finish();
        else {
          drained = finish;
          setTimeout(finish, graceMs).unref();
        }
      }),
  };
}

/** The answer to a request Node's parser refused, or undefined when the peer is gone (nobody to answer). */
function describeParseError(error: NodeJS.ErrnoException & { reason?: string }, limits: ListenerLimits): { status: number; error: string } | undefined {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: `the request line and headers exceed ${Math.round(limits.maxHeaderBytes / 1024)} KiB` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        error: `the request did not arrive in time: headers are due within ${limits.headersTimeoutMs / 1000} s, the whole request within ${limits.requestTimeoutMs / 1000} s`,
      };
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
    case 'HPE_INVALID_EOF_STATE':
      return { status: 400, error: `malformed chunked body: ${error.reason ?? 'bad chunk'}` };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return { status: 400, error: `conflicting or malformed body length: ${error.reason ?? 'send Content-Length or chunked Transfer-Encoding, not both'}` };
    default:
      return { status: 400, error: `malformed HTTP request: ${error.reason ?? error.code ?? 'unreadable'}` };
  }
}
