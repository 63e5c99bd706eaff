// WebSocket `/api/calls/:id/listen` on the console listener: a supervisor listens in on a live call.
// First a text frame `{"type":"format","sampleRate":N,"channels":2}`, then binary frames of 16-bit
// little-endian PCM, interleaved stereo (caller left, bot or supervisor right), as the call is
// recorded. A listener that falls behind loses audio rather than delaying it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { ConsoleApi } from '../../../shared/api.ts';
import { encodePcm16 } from '../audio/pcm.ts';
import type { Logger } from '../log.ts';
import { guardSocket } from '../net/guard.ts';
import { closeReason, startHeartbeat } from '../net/ws-common.ts';
import { CLOSE } from '../net/ws-close-codes.ts';
import { acceptUpgrade, createSocketServer } from '../net/ws-handshake.ts';

/** More than this queued for one listener (about a second of 8 kHz stereo) and frames are dropped. */
const MAX_BUFFERED = 64 * 1024;

const LISTEN_PATH = /^\/api\/calls\/([^/]+)\/listen$/;

/** The call id of a listen path, still percent-encoded; undefined for other paths. */
export function matchListenPath(pathname: string): string | undefined {
  return LISTEN_PATH.exec(pathname)?.[1];
}

export interface ListenSockets {
  /**
   * Accepts an upgrade already checked (Host, Origin, credentials) for the call `callId` (decoded),
   * through `as` (the console API as the person listening uses it; default the one given at creation).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, callId: string, as?: ConsoleApi, opened?: (ws: WebSocket) => void): void;
  close(): void;
}

export function createListenSockets(api: ConsoleApi, logger: Logger): ListenSockets {
  const wss = createSocketServer(1024, logger);
  const stopHeartbeat = startHeartbeat(wss);

  const open = (ws: WebSocket, callId: string, as: ConsoleApi) => {
    let format = 0;
    const stop = as.listen(callId, {
      audio({ sampleRate, samples }) {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (sampleRate !== format) {
          format = sampleRate;
          ws.send(JSON.stringify({ type: 'format', sampleRate, channels: 2 }));
        }
        if (ws.bufferedAmount > MAX_BUFFERED) return;
        // A copy: the recorder reuses its buffers once a block is on disk.
        ws.send(Buffer.from(encodePcm16(samples)));
      },
      ended(reason) {
        if (ws.readyState === WebSocket.OPEN) ws.close(CLOSE.noAudio, closeReason(reason));
      },
    });
    ws.on('close', guardSocket(ws, logger, 'listen close', stop));
    // Listening is one-way; anything a client sends is ignored.
  };

  return {
    handleUpgrade(req, socket, head, callId, as = api, opened) {
      acceptUpgrade(wss, req, socket, head, logger, 'listen', (ws) => {
        opened?.(ws);
        open(ws, callId, as);
      });
    },
    close() {
      stopHeartbeat();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'engine stopping');
      wss.close();
    },
  };
}
