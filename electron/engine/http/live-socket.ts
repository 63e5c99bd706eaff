// WebSockets on the console listener: `/api/live` (every call update, appended event, transcript
// line and waveform peaks, as JSON) and `/api/calls/:id/listen` (a call's live audio).
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConsoleApi, LiveMessage } from '../../../shared/api.ts';
import type { Logger } from '../log.ts';
import { isAuthorized } from './bearer-token.ts';
import { isLoopbackHost, isLoopbackOrigin } from './console-routes.ts';
import { createListenSockets } from './listen-socket.ts';
import { rejectUpgrade, sendBounded, startHeartbeat } from './ws-common.ts';

const MAX_BUFFERED = 8 * 1024 * 1024;

export interface LiveSocketDeps {
  api: ConsoleApi;
  token: string;
  logger: Logger;
  /** Current live calls, sent as `call.updated` on connect so a client starts in sync. */
  liveCalls: () => LiveMessage[];
}

export function attachLiveSocket(server: Server, { api, token, logger, liveCalls }: LiveSocketDeps): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const stopHeartbeat = startHeartbeat(wss);
  const listen = createListenSockets(api, logger);
  const sockets = new WeakMap<WebSocket, Duplex>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const listenTo = listen.match(url);
    if (url.pathname !== '/api/live' && !listenTo) return rejectUpgrade(socket, 404, `no WebSocket at ${url.pathname}; use /api/live`);
    if (!isLoopbackHost(req.headers.host)) return rejectUpgrade(socket, 403, 'the console answers only on 127.0.0.1');
    const origin = req.headers.origin;
    if (origin && !isLoopbackOrigin(origin)) {
      return rejectUpgrade(socket, 403, 'cross-origin connections to the console are refused');
    }
    if (!isAuthorized(req, url, token)) return rejectUpgrade(socket, 401, 'missing or wrong console token (?token= or Authorization: Bearer)');
    if (listenTo) return listen.handleUpgrade(req, socket, head, listenTo);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, socket);
      wss.emit('connection', ws, req);
    });
  });

  wss.on('connection', (ws) => {
    for (const message of liveCalls()) sendBounded(ws, JSON.stringify(message), MAX_BUFFERED);
    ws.on('error', (error) => logger.debug('live socket error', { error }));
    // The live stream is one-way; anything a client sends is ignored.
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
    for (const ws of wss.clients) ws.close(1001, 'engine stopping');
    wss.close();
  };
}
