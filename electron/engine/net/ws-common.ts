// WebSocket plumbing shared by every socket server of the engine.
import { WebSocket, type WebSocketServer } from 'ws';
import { CLOSE } from './ws-close-codes.ts';

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

/**
 * Sends unless the peer is falling behind: past `maxBuffered` bytes queued, the socket is closed
 * (the client reconnects and resyncs) instead of growing memory without bound.
 */
export function sendBounded(ws: WebSocket, data: string | Buffer, maxBuffered: number): boolean {
  if (ws.readyState !== WebSocket.OPEN) return false;
  if (ws.bufferedAmount > maxBuffered) {
    ws.close(CLOSE.tooSlow, 'too slow: reconnect');
    return false;
  }
  ws.send(data);
  return true;
}

/**
 * A close reason `ws` accepts: at most 123 bytes of UTF-8 (RFC 6455 §5.5: control frames carry at
 * most 125 bytes, 2 of them the code), cut between characters. A longer one makes `close` throw.
 */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= 123) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > 123) break;
    out += char;
  }
  return out;
}
