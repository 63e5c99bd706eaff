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

/** Pings every client each `intervalMs`; a client that missed the previous pong is terminated. */
export function startHeartbeat(wss: WebSocketServer, intervalMs = 30_000): () => void {
  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
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
