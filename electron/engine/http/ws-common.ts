// WebSocket plumbing shared by every socket server of the engine.
import type { Duplex } from 'node:stream';
import { WebSocket, type WebSocketServer } from 'ws';

/** Answers an upgrade request with a plain HTTP error: no socket is ever accepted. */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n${status === 401 ? 'www-authenticate: Bearer\r\n' : ''}\r\n${body}`,
  );
  socket.once('finish', () => socket.destroy());
}

/**
 * Pings every client once per `intervalMs`; a client that has not answered its previous ping when
 * its turn comes again is terminated. The pings go out a slice of the clients at a time, spread
 * over the interval: pinging a thousand media servers in one go held the event loop for ~40 ms,
 * and every command and frame behind it.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs = 30_000, slices = 10): () => void {
  const peers = new WeakMap<WebSocket, { slice: number; alive: boolean }>();
  let joined = 0;
  wss.on('connection', (ws) => {
    const peer = { slice: joined++ % slices, alive: true };
    peers.set(ws, peer);
    ws.on('pong', () => (peer.alive = true));
  });
  let turn = 0;
  const timer = setInterval(() => {
    const slice = turn++ % slices;
    for (const ws of wss.clients) {
      const peer = peers.get(ws);
      if (peer?.slice !== slice) continue;
      if (!peer.alive) {
        ws.terminate();
        continue;
      }
      peer.alive = false;
      ws.ping();
    }
  }, intervalMs / slices);
  timer.unref();
  return () => clearInterval(timer);
}

/** Close code for a peer that cannot keep up; it should reconnect and resynchronize. */
export const CLOSE_TOO_SLOW = 1013;

/**
 * Sends unless the peer is falling behind: past `maxBuffered` bytes queued, the socket is closed
 * (the client reconnects and resyncs) instead of growing memory without bound.
 */
export function sendBounded(ws: WebSocket, data: string | Buffer, maxBuffered: number): boolean {
  if (ws.readyState !== WebSocket.OPEN) return false;
  if (ws.bufferedAmount > maxBuffered) {
    ws.close(CLOSE_TOO_SLOW, 'too slow: reconnect');
    return false;
  }
  ws.send(data);
  return true;
}
