// The stream server on a real listener, with a binder standing in for the engine's calls that
// records what the streamer hands over through its port, and raw media-server sockets.
import { WebSocket } from 'ws';
import { startListener, type Listener } from '../../../../../electron/engine/net/listener.ts';
import { createLogger } from '../../../../../electron/engine/log.ts';
import type { MediaLink, StreamBinder, StreamMeta } from '../../../../../electron/engine/streamer/port.ts';
import { attachStreamServer, createStreamServer, type StreamServer } from '../../../../../electron/engine/streamer/server.ts';

export const TOKEN = 'stream-token-for-tests';

/** What one bound stream gave its call, in order. */
export interface BoundCall {
  callId: string;
  /** The metadata as it was when the stream was bound. */
  meta: StreamMeta;
  link: MediaLink;
  /** Each sink call, in order: audio (a copy of its samples), the far end's audio, a key, the close. */
  calls: ({ kind: 'audio' | 'outbound'; samples: number[]; sampleRate: number } | { kind: 'dtmf'; digit: string } | { kind: 'closed' })[];
}

export class RecordingBinder implements StreamBinder {
  readonly bound: BoundCall[] = [];
  /** Ids refused, with the reason. */
  refuse = new Map<string, string>();
  binds = 0;

  bind(callId: string, meta: Readonly<StreamMeta>, link: MediaLink): ReturnType<StreamBinder['bind']> {
    this.binds++;
    const refused = this.refuse.get(callId);
    if (refused) return { refused };
    const call: BoundCall = { callId, meta: { ...meta }, link, calls: [] };
    this.bound.push(call);
    return {
      sink: {
        audio: (samples, sampleRate) => call.calls.push({ kind: 'audio', samples: [...samples], sampleRate }),
        outboundAudio: (samples, sampleRate) => call.calls.push({ kind: 'outbound', samples: [...samples], sampleRate }),
        dtmf: (digit) => call.calls.push({ kind: 'dtmf', digit }),
        closed: () => call.calls.push({ kind: 'closed' }),
      },
    };
  }
}

export interface MediaSocket {
  ws: WebSocket;
  /** Text messages from Ringside, in order. */
  received: string[];
  closed: Promise<{ code: number; reason: string }>;
}

export interface StreamRig {
  binder: RecordingBinder;
  streams: StreamServer;
  /** Opens a media server's socket on `path` (e.g. `/stream/abc?sample_rate=16000`). */
  connect(path: string): Promise<MediaSocket>;
  stop(): Promise<void>;
}

/**
 * `now`: the streams' clock (ms). By default it stands still, so no stream ever looks quiet and the
 * audio the binder gets is exactly what the frames say; pass `Date.now` to let silence be filled.
 */
export async function startStreamRig(now: () => number = () => 1_700_000_000_000): Promise<StreamRig> {
  const logger = createLogger({ level: 'error', write: () => {} });
  const binder = new RecordingBinder();
  const streams = createStreamServer({ binder, token: () => TOKEN, logger, now });
  const listener: Listener = await startListener('public', '127.0.0.1', 0, (_req, res) => void res.end(), logger);
  attachStreamServer(listener, streams);
  return {
    binder,
    streams,
    connect(path) {
      const ws = new WebSocket(`ws://127.0.0.1:${listener.port}${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`);
      const received: string[] = [];
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) received.push(data.toString('utf8'));
      });
      const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      return new Promise((resolve, reject) => {
        ws.once('open', () => resolve({ ws, received, closed }));
        ws.once('error', reject);
      });
    },
    async stop() {
      streams.close();
      await listener.close(0);
    },
  };
}
