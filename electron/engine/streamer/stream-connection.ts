// One media server connection, in two phases (as Hocuspocus keeps a socket apart from the document
// connections it establishes): waiting for the call id, then bound to the call. A connection whose
// URL names its call is bound at once; one that does not holds its first frames (a bounded number)
// until a start frame names the call, then replays them, in order, to the bound stream.
import type { WebSocket } from 'ws';
import { guardSocket } from '../net/guard.ts';
import { closeReason } from '../net/ws-common.ts';
import type { Logger } from '../log.ts';
import { applyStart, BoundStream } from './bound-stream.ts';
import { FrameClassifier } from './framing.ts';
import type { StartInfo } from './json-frames.ts';
import { CLOSE, type StreamBinder, type StreamMeta } from './port.ts';
import type { StreamClock } from './stream-clock.ts';

/** Frames held while waiting for the start frame that names the call (about 4 s of 20 ms frames). */
export const MAX_HELD_FRAMES = 200;

type Phase =
  /** No call id yet: frames are held, in order, at most MAX_HELD_FRAMES of them. */
  | { name: 'waiting'; held: { data: Buffer; isBinary: boolean }[] }
  /** The call took the stream: every frame goes to it. */
  | { name: 'bound'; stream: BoundStream }
  /** The call id was refused or never came: the socket is closing and what still arrives is dropped. */
  | { name: 'closing' };

export class StreamConnection {
  private readonly ws: WebSocket;
  private readonly binder: StreamBinder;
  private readonly logger: Logger;
  private readonly clock: StreamClock;
  private readonly meta: StreamMeta;
  private readonly classifier = new FrameClassifier();
  private phase: Phase = { name: 'waiting', held: [] };

  /** `meta`: what the upgrade's URL said (the call id, rate, encoding); `clock`: the streams' shared clock. */
  constructor(ws: WebSocket, meta: StreamMeta, binder: StreamBinder, logger: Logger, clock: StreamClock) {
    this.ws = ws;
    this.meta = meta;
    this.binder = binder;
    this.logger = logger;
    this.clock = clock;
    // A frame that makes any of this throw closes this stream with 1011; other calls go on. (Socket
    // errors are logged where the socket was accepted.)
    ws.on('message', guardSocket(ws, logger, 'stream frame', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary)));
    ws.on('close', guardSocket(ws, logger, 'stream close', () => this.closed()));
    if (meta.callId) this.bind(meta.callId, undefined);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    const phase = this.phase;
    if (phase.name === 'bound') phase.stream.receive(data, isBinary);
    else if (phase.name === 'waiting') this.wait(phase.held, data, isBinary);
  }

  /** Waiting: a text frame may be the start frame that names the call; anything else is held. */
  private wait(held: { data: Buffer; isBinary: boolean }[], data: Buffer, isBinary: boolean): void {
    const frame = isBinary ? undefined : this.classifier.classify(data, false);
    if (frame?.kind === 'start' && frame.start.meta.callId) {
      applyStart(this.meta, frame.start.meta, this.classifier);
      const stream = this.bind(frame.start.meta.callId, frame.start);
      if (stream) for (const frame of held) stream.receive(frame.data, frame.isBinary);
      return;
    }
    held.push({ data, isBinary });
    if (held.length > MAX_HELD_FRAMES) this.refuse(CLOSE.noCallId, 'no call id: put it in the URL (/stream/{callId}) or send a start frame first');
  }

  /** Binds the stream to its call, or closes it with 4003 when the call refuses the id. */
  private bind(callId: string, start: StartInfo | undefined): BoundStream | undefined {
    const bound = BoundStream.bind(callId, this.binder, { ws: this.ws, classifier: this.classifier, meta: this.meta, start, logger: this.logger, clock: this.clock });
    if (bound instanceof BoundStream) {
      this.phase = { name: 'bound', stream: bound };
      return bound;
    }
    this.logger.repeated('warn', 'media server refused: unusable call id', { problem: bound.refused, length: callId.length });
    this.refuse(CLOSE.badCallId, `call id refused: ${bound.refused}`);
    return undefined;
  }

  private refuse(code: typeof CLOSE.noCallId | typeof CLOSE.badCallId, reason: string): void {
    this.phase = { name: 'closing' };
    this.ws.close(code, closeReason(reason));
  }

  private closed(): void {
    if (this.phase.name === 'bound') this.phase.stream.end();
    this.phase = { name: 'closing' };
  }
}
