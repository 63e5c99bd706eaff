// WebSocket `/api/calls/:id/listen` on the console listener: a supervisor listens in on a live call.
// First a text frame `{"type":"format","sampleRate":N,"channels":2}`, then binary frames of 16-bit
// little-endian PCM, interleaved stereo (caller left, bot or supervisor right), as the call is
// recorded. A listener that falls behind loses audio rather than delaying it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConsoleApi } from '../../../shared/api.ts';
import type { Logger } from '../log.ts';
import { startHeartbeat } from './ws-common.ts';

/** More than this queued for one listener (about a second of 8 kHz stereo) and frames are dropped. */
const MAX_BUFFERED = 64 * 1024;

export interface ListenSockets {
  /** The call id when `url` is a listen path. */
  match(url: URL): string | undefined;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, callId: string): void;
  close(): void;
}

export function createListenSockets(api: ConsoleApi, logger: Logger): ListenSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });
  const stopHeartbeat = startHeartbeat(wss);

  wss.on('connection', (ws: WebSocket, callId: string) => {
    let format = 0;
    const stop = api.listen(callId, {
      audio({ sampleRate, samples }) {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (sampleRate !== format) {
          format = sampleRate;
          ws.send(JSON.stringify({ type: 'format', sampleRate, channels: 2 }));
        }
        if (ws.bufferedAmount > MAX_BUFFERED) return;
        // A copy: the recorder reuses its buffers once a block is on disk.
        ws.send(Buffer.from(samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.byteLength)));
      },
      ended(reason) {
        if (ws.readyState === WebSocket.OPEN) ws.close(4404, reason.slice(0, 120));
      },
    });
    ws.on('close', stop);
    ws.on('error', (error) => logger.debug('listen socket error', { error }));
  });

  return {
    match(url) {
      const found = url.pathname.match(/^\/api\/calls\/([^/]+)\/listen$/);
      return found ? decodeURIComponent(found[1]!) : undefined;
    },
    handleUpgrade(req, socket, head, callId) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, callId));
    },
    close() {
      stopHeartbeat();
      for (const ws of wss.clients) ws.close(1001, 'engine stopping');
      wss.close();
    },
  };
}
