// WebSockets on the console listener: `/api/live` (every call update, appended event, transcript
// line and waveform peaks, as JSON; the live calls first) and `/api/calls/:id/listen` (a call's live
// audio), both through the console API. Every upgrade is checked in order — Host, Origin, the
// target's form, the route, the handshake, the credentials (a ticket is used up only by a handshake
// that can succeed) — before the call id is decoded and checked.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { checkArguments, CONSOLE_URLS, STREAMS } from '../../../shared/api-operations.ts';
import type { IncomingMessage } from 'node:http';
import { ApiError, type ConsoleApi, type LiveMessage, type TicketRequest } from '../../../shared/api.ts';
import type { RequestTarget } from '../net/request-target.ts';
import type { Logger } from '../log.ts';
import { authenticate, refuseForeignCaller, refuseOtherCall, type Refusal } from './console-auth.ts';
import { guardSocket } from '../net/guard.ts';
import type { Listener } from '../net/listener.ts';
import { createListenSockets, matchListenPath } from './listen-socket.ts';
import { decodeSegment, malformedSegment, parseRequestTarget } from '../net/request-target.ts';
import { sendErrorOnSocket } from '../net/respond.ts';
import type { TicketBook } from './tickets.ts';
import { sendBounded, startHeartbeat } from '../net/ws-common.ts';
import { CLOSE } from '../net/ws-close-codes.ts';
import { acceptUpgrade, createSocketServer, refuseBadHandshake } from '../net/ws-handshake.ts';

const MAX_BUFFERED = 8 * 1024 * 1024;

export interface LiveSocketDeps {
  api: ConsoleApi;
  token: string;
  tickets: TicketBook;
  logger: Logger;
  /** Who may open the sockets and as whom (default: the loopback console's Host, Origin and token). */
  gate?: UpgradeGate;
  /** Sessions that end at once (revoked, account disabled): their sockets close. */
  onEnded?: (listener: (which: SessionTags) => void) => () => void;
}

/** Which session and account a socket belongs to (team listener). */
export interface SessionTags {
  accountId?: string;
  sessionId?: string;
}

export type Admission = { ok: true; api: ConsoleApi; ticket?: TicketRequest; tags?: SessionTags } | ({ ok: false } & Refusal);

/** How a listener checks an upgrade: the caller's Host and Origin first, then its credentials for the route. */
export interface UpgradeGate {
  foreign(req: IncomingMessage): Refusal | undefined;
  admit(req: IncomingMessage, target: RequestTarget, route: 'live' | 'listen'): Admission;
}

/** The loopback console's gate: Host and Origin of its own, the console token or a ticket. */
export function loopbackGate(api: ConsoleApi, token: string, tickets: TicketBook): UpgradeGate {
  return {
    foreign: (req) => refuseForeignCaller(req, true),
    admit(req, target, route) {
      const auth = authenticate(req, target, token, tickets, route);
      return auth.ok ? { ok: true, api, ...(auth.ticket && { ticket: auth.ticket }) } : auth;
    },
  };
}

export function attachLiveSocket(listener: Listener, { api, token, tickets, logger, gate = loopbackGate(api, token, tickets), onEnded }: LiveSocketDeps): () => void {
  const wss = createSocketServer(64 * 1024, logger);
  const stopHeartbeat = startHeartbeat(wss);
  const listen = createListenSockets(api, logger);
  const unsubscribes = new Set<() => void>();
  const tagged = new Map<WebSocket, SessionTags>();
  const tag = (ws: WebSocket, tags: SessionTags | undefined) => {
    if (!tags) return;
    tagged.set(ws, tags);
    ws.once('close', () => tagged.delete(ws));
  };
  const stopEnded = onEnded?.((which) => {
    for (const [ws, tags] of tagged) {
      if ((which.accountId && tags.accountId === which.accountId) || (which.sessionId && tags.sessionId === which.sessionId)) ws.close(CLOSE.signedOut, 'signed out');
    }
  });

  listener.onUpgrade((req, socket, head) => {
    const refuse = (refusal: { status: number; error: string }) => sendErrorOnSocket(socket, refusal.status, refusal.error);
    const foreign = gate.foreign(req);
    if (foreign) return refuse(foreign);
    const target = parseRequestTarget(req.url);
    if (!target.ok) return refuse(target);
    const encodedCallId = matchListenPath(target.pathname);
    if (target.pathname !== CONSOLE_URLS.live && encodedCallId === undefined) {
      return refuse({ status: 404, error: `no WebSocket at ${target.pathname.slice(0, 200)}: use /api/live or /api/calls/{id}/listen` });
    }
    if (refuseBadHandshake(req, socket)) return;
    const auth = gate.admit(req, target, encodedCallId === undefined ? 'live' : 'listen');
    if (!auth.ok) return refuse(auth);
    if (encodedCallId === undefined) {
      return acceptUpgrade(wss, req, socket, head, logger, 'live', (ws) => {
        tag(ws, auth.tags);
        follow(ws, socket, auth.api);
      });
    }
    const callId = decodeSegment(encodedCallId);
    if (callId === undefined) return refuse(malformedSegment('the call id'));
    try {
      checkArguments('listen', STREAMS.listen, [callId]);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return refuse({ status: 400, error: error.message });
    }
    const otherCall = refuseOtherCall(auth.ticket, callId);
    if (otherCall) return refuse(otherCall);
    listen.handleUpgrade(req, socket, head, callId, auth.api, (ws) => tag(ws, auth.tags));
  });

  // Messages published in one go (a peaks tick with its call updates, a group commit) leave in one
  // write per client instead of one system call each.
  let corked: Set<Duplex> | undefined;
  const cork = (socket: Duplex) => {
    if (!corked) {
      corked = new Set();
      process.nextTick(() => {
        for (const each of corked!) each.uncork();
        corked = undefined;
      });
    }
    if (corked.has(socket)) return;
    corked.add(socket);
    socket.cork();
  };
  // Each message goes to every client: it is serialized once, however many consoles watch.
  let last: { message: LiveMessage; text: string } | undefined;
  const textOf = (message: LiveMessage) => (last?.message === message ? last.text : (last = { message, text: JSON.stringify(message) }).text);

  /** One console's subscription: the live calls first (from the API), then every message. */
  const follow = (ws: WebSocket, socket: Duplex, as: ConsoleApi) => {
    const unsubscribe = as.subscribe((message) => {
      cork(socket);
      sendBounded(ws, textOf(message), MAX_BUFFERED);
    });
    unsubscribes.add(unsubscribe);
    ws.on(
      'close',
      guardSocket(ws, logger, 'live close', () => {
        unsubscribes.delete(unsubscribe);
        unsubscribe();
      }),
    );
    // The live stream is one-way; anything a client sends is ignored.
  };

  return () => {
    stopEnded?.();
    listen.close();
    for (const unsubscribe of unsubscribes) unsubscribe();
    unsubscribes.clear();
    stopHeartbeat();
    for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'engine stopping');
    wss.close();
  };
}
