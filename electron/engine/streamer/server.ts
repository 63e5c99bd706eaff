// The stream server: media servers connect here (ringover-streamer protocol) to stream a call's
// audio and receive commands. Every upgrade is authenticated before a socket exists, and before
// anything in its URL is decoded.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { nameSetting } from '../../../shared/setting-names.ts';
import { bearerToken } from '../net/bearer-token.ts';
import type { Listener } from '../net/listener.ts';
import { decodeSegment, malformedSegment, parseRequestTarget, type RequestTarget } from '../net/request-target.ts';
import { sendErrorOnSocket } from '../net/respond.ts';
import { startHeartbeat } from '../net/ws-common.ts';
import { acceptUpgrade, createSocketServer, refuseBadHandshake } from '../net/ws-handshake.ts';
import type { Logger } from '../log.ts';
import { safeEqual } from '../webhooks/signatures.ts';
import { encodingNamed } from './json-frames.ts';
import { CLOSE, type StreamBinder, type StreamMeta } from './port.ts';
import { StreamClock } from './stream-clock.ts';
import { StreamConnection } from './stream-connection.ts';
import { say } from '../words.ts';

export interface StreamServerDeps {
  /** Where a stream goes once it names its call (the engine's calls). */
  binder: StreamBinder;
  /** The stream token (ringoverStreamerAuthToken), as set now; with none, every upgrade is refused. */
  token: () => string | undefined;
  logger: Logger;
  /** Ms since the epoch: when frames arrive, and how long a quiet stream has been quiet (tests hold it still). */
  now?: () => number;
  /** No warning at start without a token: one is about to be set (the demo makes one up). */
  quietUntilTokenSet?: boolean;
}

/** Stream-token messages: the log's reader set it in the environment; a media server's may have used Settings. */
const TOKEN_IN_LOGS = nameSetting('ringoverStreamerAuthToken', 'cli');
const NOT_CONFIGURED = `streaming is not configured: set ${nameSetting('ringoverStreamerAuthToken', 'peer')}`;

const STREAM_PATH = /^\/stream(?:\/(?:call_)?([^/]+))?\/?$/;

/** Whether `pathname` is a stream path, and its call id still percent-encoded (undefined when the path has none). */
export function matchStreamPath(pathname: string): { encodedCallId: string | undefined } | undefined {
  const match = STREAM_PATH.exec(pathname);
  return match ? { encodedCallId: match[1] } : undefined;
}

/**
 * A stream's metadata from its target: the call id (`/stream/{callId}`, `/stream/call_{callId}` or
 * `?call_id=`), `?sample_rate=` (or `?sample-rate=`) and `?encoding=`. Undefined when the call id in the path is not
 * valid percent-encoded UTF-8.
 */
export function streamTarget(target: RequestTarget, encodedCallId: string | undefined): StreamMeta | undefined {
  const meta: StreamMeta = {};
  const fromPath = encodedCallId === undefined ? undefined : decodeSegment(encodedCallId);
  if (encodedCallId !== undefined && fromPath === undefined) return undefined;
  const callId = fromPath ?? target.query.get('call_id') ?? target.query.get('callId') ?? undefined;
  if (callId) meta.callId = callId;
  // Exotel's applet puts its rate in `?sample-rate=`.
  const rate = Number(target.query.get('sample_rate') ?? target.query.get('sample-rate') ?? target.query.get('rate'));
  if (Number.isFinite(rate) && rate >= 8000 && rate <= 48000) meta.sampleRate = rate;
  const encoding = encodingNamed(target.query.get('encoding') ?? '');
  if (encoding) meta.encoding = encoding;
  return meta;
}

export interface StreamServer {
  /** Handles an upgrade if its path is a stream path; false means "not mine". */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connections: number;
  close(): void;
}

export function createStreamServer({ binder, token, logger, now, quietUntilTokenSet }: StreamServerDeps): StreamServer {
  const wss = createSocketServer(256 * 1024, logger);
  const clock = new StreamClock(now);
  const stopHeartbeat = startHeartbeat(wss, 15_000);
  if (!token() && !quietUntilTokenSet) logger.warn(say('cli.log.streamsOff', { setting: TOKEN_IN_LOGS }));

  return {
    handleUpgrade(req, socket, head) {
      const target = parseRequestTarget(req.url);
      if (!target.ok) {
        sendErrorOnSocket(socket, target.status, target.error);
        return true;
      }
      const path = matchStreamPath(target.pathname);
      if (!path) return false;
      const expected = token();
      if (!expected) {
        logger.repeated('warn', `media server refused: set ${TOKEN_IN_LOGS} to accept streams`);
        sendErrorOnSocket(socket, 503, NOT_CONFIGURED);
        return true;
      }
      const presented = bearerToken(req) ?? target.query.get('token');
      if (presented === null || !safeEqual(presented, expected)) {
        logger.repeated('warn', 'media server refused: wrong or missing stream token', { path: target.pathname.slice(0, 200) });
        sendErrorOnSocket(socket, 401, 'missing or wrong stream token (?token= or Authorization: Bearer)');
        return true;
      }
      if (refuseBadHandshake(req, socket)) return true;
      const meta = streamTarget(target, path.encodedCallId);
      if (!meta) {
        const malformed = malformedSegment('the call id');
        sendErrorOnSocket(socket, malformed.status, malformed.error);
        return true;
      }
      acceptUpgrade(wss, req, socket, head, logger, 'stream', (ws) => {
        new StreamConnection(ws, meta, binder, logger.child({ stream: meta.callId?.slice(0, 100) ?? 'pending' }), clock);
      });
      return true;
    },
    get connections() {
      return wss.clients.size;
    },
    close() {
      stopHeartbeat();
      clock.stop();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'Ringside is stopping');
      wss.close();
    },
  };
}

/** Routes upgrades on a listener: stream paths to the stream server, anything else refused. */
export function attachStreamServer(listener: Listener, streams: StreamServer): void {
  listener.onUpgrade((req, socket, head) => {
    if (!streams.handleUpgrade(req, socket, head)) {
      sendErrorOnSocket(socket, 404, 'no WebSocket here: media servers connect to /stream/{callId}');
    }
  });
}
