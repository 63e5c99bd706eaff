// Every close code the engine's WebSockets send, in one table, so that a code means one thing on
// every socket: the stream server (media servers), the live feed and listen-in (the console).
// 1000–1014 are RFC 6455 §7.4.1's; 4000–4999 are for applications (§7.4.2) and ours are below.
// It sits here, beside the WebSocket plumbing every socket server uses (the socket guard closes with
// 1011, backpressure with 1013), because that plumbing is below both the console sockets and the
// streamer; the streamer's port re-exports it as the codes a media server sees.

export const CLOSE = {
  /** The exchange is over: the bot hung up, the console stopped listening, a call ended. */
  normal: 1000,
  /** Ringside is stopping. */
  goingAway: 1001,
  /** A handler of this socket threw (the log has it); other sockets go on. */
  internalError: 1011,
  /** The peer does not read fast enough (its send buffer passed its bound): reconnect and resync. */
  tooSlow: 1013,
  /** Media server: a newer connection for the same call took over this one. */
  replaced: 4000,
  /** Media server: no call id in the URL, and no start frame naming one before the held frames ran out. */
  noCallId: 4002,
  /** Media server: the call id cannot be kept (the reason says why: too long, controls, not Unicode). */
  badCallId: 4003,
  /** Console (team listener): the session ended (signed out, revoked, account disabled): sign in again. */
  signedOut: 4401,
  /** Listen-in: the call's audio ended, or the call has none. */
  noAudio: 4404,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
