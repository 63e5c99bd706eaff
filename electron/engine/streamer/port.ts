// The media line's one port: what the streamer needs from the calls it carries, and what it offers
// them. A media server's connection, once it names its call, is bound through `StreamBinder`; from
// then on the streamer pushes each frame's decoded audio into the call's `StreamSink` (one call per
// frame) and keeps the stream's own facts (format, counters) in `StreamFacts`, which the call reads
// when it publishes. The call sends commands back through `MediaLink`. The streamer implements
// `MediaLink` and imports nothing from calls/; calls/ implements `StreamBinder` and `StreamSink`
// and imports nothing else from streamer/.
import type { Command } from '../../../shared/commands.ts';

export { CLOSE, type CloseCode } from '../net/ws-close-codes.ts';
import type { CloseCode } from '../net/ws-close-codes.ts';

/** How the caller's audio is encoded on the wire: G.711 μ-law, G.711 A-law, or 16-bit linear PCM. */
export type Encoding = 'pcmu' | 'pcma' | 'l16';

/** How the media server frames audio: RTP packets, raw PCM binary frames, or JSON (Twilio-style) messages. */
export type Framing = 'rtp' | 'raw' | 'json';

/** What a stream says about itself: from its URL, then from its start frame(s). All optional. */
export interface StreamMeta {
  /** The provider's call id, exactly as sent (not yet checked: `StreamBinder.bind` checks it). */
  callId?: string;
  streamId?: string;
  encoding?: Encoding;
  /** Hz, 8000–48000. */
  sampleRate?: number;
  /** The caller's and the callee's numbers, as the start frame gave them. */
  from?: string;
  to?: string;
}

/**
 * The facts of one stream connection, kept current by the streamer as frames arrive (nothing is
 * pushed or diffed per frame): read them when publishing. Counters start at 0 for each connection
 * and only grow.
 */
export interface StreamFacts {
  /** Undefined until the first audio frame. */
  readonly framing: Framing | undefined;
  readonly encoding: Encoding | undefined;
  /** Hz of the audio handed to the sink, once known. */
  readonly sampleRate: number | undefined;
  /** Audio frames read: RTP packets (lost ones not counted), raw PCM frames, JSON media messages. */
  readonly framesReceived: number;
  /** RTP packets that never came, concealed with silence. */
  readonly framesLost: number;
  /** Frames that could not be read, dropped. */
  readonly framesMalformed: number;
  /** RTP packets received twice, dropped. */
  readonly duplicates: number;
  /** RTP packets that came after their turn, dropped. */
  readonly late: number;
  /** When the last audio frame arrived, in ms since the epoch; undefined before the first. */
  readonly lastFrameAt: number | undefined;
  /**
   * Moves (grows) on every change of the facts above except `framesReceived` and `lastFrameAt`: a
   * publisher that remembers it can tell "something worth showing changed" from "more frames".
   */
  readonly changes: number;
}

/** Commands for the media server, as `shared/commands.ts` validates them; the link writes the wire form. */
export type LineCommand = Extract<Command, { type: 'break' | 'digits' | 'transfer' | 'play' | 'streamAudio' }>;

/** A bound stream's way back to its media server (implemented by the streamer). */
export interface MediaLink {
  /** This connection's facts, live (the same object for the connection's whole life). */
  readonly facts: StreamFacts;
  /**
   * Writes `command` in the ringover-streamer wire format. False, and nothing sent, when the socket
   * is closed or closing, or when the media server has stopped reading (its send buffer passed
   * 512 KiB: the socket is then closed with `CLOSE.tooSlow`). Never throws.
   */
  send(command: LineCommand): boolean;
  /** Closes the connection: `reason` is cut to the 123 bytes a close frame carries. Never throws. */
  close(code: CloseCode, reason: string): void;
}

/**
 * Where a bound stream pushes what it reads (implemented by calls/). Calls must return quickly and
 * should not throw: a throw closes this stream with `CLOSE.internalError` (other streams go on).
 */
export interface StreamSink {
  /**
   * One frame of caller audio, decoded to 16-bit mono PCM at `sampleRate` Hz, in order (RTP
   * reordered, a gap concealed as one frame of silence). `samples` is valid only during the call:
   * the streamer reuses its buffer, so copy what you keep.
   */
  audio(samples: Int16Array, sampleRate: number): void;
  /** The caller pressed a key, as the media server reported it (e.g. "7", "#"; not checked further). */
  dtmf(digit: string): void;
  /** The connection is closed, for whatever reason; its link sends nothing any more. Called once. */
  closed(): void;
}

/** Joins a stream to its call (implemented by calls/), once the stream has named it. */
export interface StreamBinder {
  /**
   * The call `callId` (as the media server sent it) takes this stream: returns the sink for its
   * frames, or why the id was refused (a few words, sent as the close reason with
   * `CLOSE.badCallId`). `meta` is the stream's metadata so far; `link` stays valid until the sink's
   * `closed`.
   */
  bind(callId: string, meta: Readonly<StreamMeta>, link: MediaLink): { sink: StreamSink } | { refused: string };
}
