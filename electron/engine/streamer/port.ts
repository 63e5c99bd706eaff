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

/**
 * Whose media-stream protocol the stream speaks, detected from its first frames: the
 * ringover-streamer protocol (the default: RTP or raw PCM, commands as the streamer README gives
 * them), Twilio Media Streams (also SignalWire's), Telnyx media streaming, Vonage WebSockets,
 * Plivo audio streams, Exotel Voicebot/Stream. Commands go back in the stream's own dialect.
 */
export type Dialect = 'ringover' | 'twilio' | 'telnyx' | 'vonage' | 'plivo' | 'exotel';

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
  /** Set by the stream's start (or connected) frame; undefined: the ringover-streamer protocol. */
  dialect?: Dialect;
}

/**
 * The facts of one stream connection, kept current by the streamer as frames arrive (nothing is
 * pushed or diffed per frame): read them when publishing. Counters start at 0 for each connection
 * and only grow.
 */
export interface StreamFacts {
  /** Undefined until the first audio frame. */
  readonly framing: Framing | undefined;
  /** The stream's protocol, once its first frames showed it (binary audio alone: `ringover`). */
  readonly dialect: Dialect | undefined;
  readonly encoding: Encoding | undefined;
  /** Hz of the audio handed to the sink, once known. */
  readonly sampleRate: number | undefined;
  /** Frames read: RTP packets (lost ones not counted; telephone events and comfort noise included), raw PCM frames, JSON media messages. */
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
   * Why this stream's dialect cannot carry `command` (a sentence naming the dialect and what to do
   * instead, e.g. Twilio Media Streams have no DTMF to send), or undefined when it can. Check it
   * before `send`: a refused command is not sent.
   */
  refuses(command: LineCommand): string | undefined;
  /**
   * Writes `command` in the stream's dialect (the ringover-streamer format unless the stream spoke
   * another: then `break` is its clear message and raw speech its media frames, in the stream's
   * encoding and rate). False, and nothing sent, when the dialect refuses it, when the socket is
   * closed or closing, or when the media server has stopped reading (its send buffer passed
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
   * One frame of caller audio, decoded to 16-bit mono PCM at `sampleRate` Hz, in order and in real
   * time: RTP reordered and placed by its timestamps (a gap, lost packets or silence suppression,
   * comes as one call of silence), and while nothing arrives, the silence that wall-clock time
   * shows (from about 100 ms without audio on, every 20 ms), so the call's audio never stalls.
   * `samples` is valid only during the call: the streamer reuses its buffer, so copy what you keep.
   */
  audio(samples: Int16Array, sampleRate: number): void;
  /**
   * Audio the media server reports playing to the caller (Twilio-style `outbound` track of a
   * `both_tracks` stream): not the caller's voice. Same form and lifetime as `audio`.
   */
  outboundAudio(samples: Int16Array, sampleRate: number): void;
  /**
   * The caller pressed a key, once per press (e.g. "7", "#"): a dialect's dtmf message, or an RFC
   * 4733 telephone event in RTP (its retransmissions reported once).
   */
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
