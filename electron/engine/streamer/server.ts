// The stream server: media servers connect here (ringover-streamer protocol) to stream a call's
// audio and receive commands. Every upgrade is authenticated before a socket exists.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SessionManager } from '../calls/sessions.ts';
import { isAuthorized } from '../http/bearer-token.ts';
import { rejectUpgrade, startHeartbeat } from '../http/ws-common.ts';
import type { Logger } from '../log.ts';
import { CLOSE, StreamConnection } from './connection.ts';
import type { Encoding, StreamMeta } from './framing.ts';

export interface StreamServerDeps {
  sessions: SessionManager;
  /** RINGOVER_STREAMER_AUTH_TOKEN, as set now; with none, every upgrade is refused. */
  token: () => string | undefined;
  logger: Logger;
}

const ENCODING_PARAM: Record<string, Encoding> = { pcmu: 'pcmu', ulaw: 'pcmu', mulaw: 'pcmu', pcma: 'pcma', alaw: 'pcma', l16: 'l16', pcm: 'l16' };

/** `/stream/{callId}`, `/stream/call_{callId}` or `/stream` (+ `?call_id=`); undefined for other paths. */
export function streamTarget(url: URL): StreamMeta | undefined {
  const match = url.pathname.match(/^\/stream(?:\/(?:call_)?([^/]+))?\/?$/);
  if (!match) return undefined;
  const meta: StreamMeta = {};
  const callId = match[1] ? decodeURIComponent(match[1]) : (url.searchParams.get('call_id') ?? url.searchParams.get('callId') ?? undefined);
  if (callId) meta.callId = callId;
  const rate = Number(url.searchParams.get('sample_rate') ?? url.searchParams.get('rate'));
  if (Number.isFinite(rate) && rate >= 8000 && rate <= 48000) meta.sampleRate = rate;
  const encoding = ENCODING_PARAM[(url.searchParams.get('encoding') ?? '').toLowerCase()];
  if (encoding) meta.encoding = encoding;
  return meta;
}

export interface StreamServer {
  /** Handles an upgrade if its path is a stream path; false means "not mine". */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connections: number;
  close(): void;
}

export function createStreamServer({ sessions, token, logger }: StreamServerDeps): StreamServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024, perMessageDeflate: false });
  const stopHeartbeat = startHeartbeat(wss, 15_000);
  if (!token()) logger.warn('the stream server refuses every media server until RINGOVER_STREAMER_AUTH_TOKEN is set');

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://stream.invalid');
      const meta = streamTarget(url);
      if (!meta) return false;
      const expected = token();
      if (!expected) {
        logger.repeated('warn', 'media server refused: set RINGOVER_STREAMER_AUTH_TOKEN to accept streams');
        rejectUpgrade(socket, 503, 'streaming is not configured: set RINGOVER_STREAMER_AUTH_TOKEN');
        return true;
      }
      if (!isAuthorized(req, url, expected)) {
        logger.repeated('warn', 'media server refused: wrong or missing stream token', { path: url.pathname });
        rejectUpgrade(socket, 401, 'missing or wrong stream token (?token= or Authorization: Bearer)');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        wss.emit('connection', ws, req);
        new StreamConnection(ws, meta, sessions, logger.child({ stream: meta.callId ?? 'pending' }));
      });
      return true;
    },
    get connections() {
      return wss.clients.size;
    },
    close() {
      stopHeartbeat();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'Ringside is stopping');
      wss.close();
    },
  };
}

/** Routes upgrades on a listener: stream paths to the stream server, anything else refused. */
export function attachStreamServer(server: Server, streams: StreamServer): void {
  server.on('upgrade', (req, socket, head) => {
    if (!streams.handleUpgrade(req, socket, head)) {
      rejectUpgrade(socket, 404, 'no WebSocket here: media servers connect to /stream/{callId}');
    }
  });
}
