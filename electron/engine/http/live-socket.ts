// WebSockets on the console listener: `/api/live` (every call update, appended event, transcript
// line and waveform peaks, as JSON) and `/api/calls/:id/listen` (a call's live audio). Every upgrade
// is checked in order — Host, Origin, the target's form, the route, the handshake, the credentials
// (a ticket is used up only by a handshake that can succeed) — before the call id is decoded.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CONSOLE_ROUTES, type ConsoleApi, type LiveMessage } from '../../../shared/api.ts';
import type { Logger } from '../log.ts';
import { authenticate, refuseForeignCaller, refuseOtherCall } from './console-auth.ts';
import type { Listener } from './listener.ts';
import { createListenSockets, matchListenPath } from './listen-socket.ts';
import { decodeSegment, malformedSegment, parseRequestTarget } from './request-target.ts';
import { sendErrorOnSocket } from './respond.ts';
import type { TicketBook } from './tickets.ts';
import { sendBounded, startHeartbeat } from './ws-common.ts';
import { CLOSE } from './ws-close-codes.ts';
import { acceptUpgrade, createSocketServer, refuseBadHandshake } from './ws-handshake.ts';

const MAX_BUFFERED = 8 * 1024 * 1024;

export interface LiveSocketDeps {
  api: ConsoleApi;
  token: string;
  tickets: TicketBook;
  logger: Logger;
  /** Current live calls, sent as `call.updated` on connect so a client starts in sync. */
  liveCalls: () => LiveMessage[];
}

export function attachLiveSocket(listener: Listener, { api, token, tickets, logger, liveCalls }: LiveSocketDeps): () => void {
  const wss = createSocketServer(64 * 1024, logger);
  const stopHeartbeat = startHeartbeat(wss);
  const listen = createListenSockets(api, logger);
  const sockets = new WeakMap<WebSocket, Duplex>();

  listener.onUpgrade((req, socket, head) => {
    const refuse = (refusal: { status: number; error: string }) => sendErrorOnSocket(socket, refusal.status, refusal.error);
    const foreign = refuseForeignCaller(req, true);
    if (foreign) return refuse(foreign);
    const target = parseRequestTarget(req.url);
    if (!target.ok) return refuse(target);
    const encodedCallId = matchListenPath(target.pathname);
    if (target.pathname !== CONSOLE_ROUTES.live && encodedCallId === undefined) {
      return refuse({ status: 404, error: `no WebSocket at ${target.pathname.slice(0, 200)}: use /api/live or /api/calls/{id}/listen` });
    }
    if (refuseBadHandshake(req, socket)) return;
    const auth = authenticate(req, target, token, tickets, encodedCallId === undefined ? 'live' : 'listen');
    if (!auth.ok) return refuse(auth);
    if (encodedCallId === undefined) {
      return acceptUpgrade(wss, req, socket, head, logger, 'live', (ws) => {
        sockets.set(ws, socket);
        for (const message of liveCalls()) sendBounded(ws, JSON.stringify(message), MAX_BUFFERED);
        // The live stream is one-way; anything a client sends is ignored.
      });
    }
    const callId = decodeSegment(encodedCallId);
    if (callId === undefined) return refuse(malformedSegment('the call id'));
    const otherCall = refuseOtherCall(auth.ticket, callId);
    if (otherCall) return refuse(otherCall);
    listen.handleUpgrade(req, socket, head, callId);
  });

  // Messages published in one go (a peaks tick with its call updates, a group commit) leave in one
  // write per client instead of one system call each.
  let corked: Duplex[] | undefined;
  const uncork = () => {
    for (const socket of corked ?? []) socket.uncork();
    corked = undefined;
  };
  // One subscription for all clients: each message is serialized once, however many consoles watch.
  const unsubscribe = api.subscribe((message) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify(message);
    if (!corked) {
      corked = [...wss.clients].flatMap((ws) => sockets.get(ws) ?? []);
      for (const socket of corked) socket.cork();
      process.nextTick(uncork);
    }
    for (const ws of wss.clients) sendBounded(ws, text, MAX_BUFFERED);
  });

  return () => {
    listen.close();
    unsubscribe();
    stopHeartbeat();
    for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'engine stopping');
    wss.close();
  };
}
