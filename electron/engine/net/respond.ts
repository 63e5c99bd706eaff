// Answers of every listener: JSON, with a message a user can act on, never a stack trace.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(payload);
}

/** Errors are `{"error": "..."}` with a message a user can act on; never a stack trace. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: message }, headers);
}

/**
 * The same JSON error written straight on a connection that has no `ServerResponse`: a refused
 * WebSocket upgrade, a request Node's parser refused (`clientError`), a CONNECT. Closes the
 * connection once written; safe on a socket the peer already closed.
 */
export function sendErrorOnSocket(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: message });
  const extra = { ...(status === 401 && { 'www-authenticate': 'Bearer' }), ...headers };
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `cache-control: no-store\r\nx-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      Object.entries(extra).map(([name, value]) => `${name}: ${value}\r\n`).join('') +
      `\r\n${body}`,
  );
  socket.once('finish', () => socket.destroy());
}

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`body exceeds ${Math.round(limit / 1024)} KiB`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body up to `limit` bytes. A declared or streamed size over the limit rejects
 * at once; the rest is never buffered. `screen`, when given, is called before anything is read
 * (`start` undefined), then with the body's start as it arrives (the bytes so far, at the first bytes,
 * then each time they have doubled up to `SCREENED_BYTES`, and at the end): linear work however the body is cut; it may throw to refuse the request: reading stops there, and the promise
 * rejects with what it threw.
 */
/** Refused because the bodies being read from peers already fill their shared budget: answer 503. */
export class BodiesBusyError extends Error {
  constructor() {
    super('too many request bodies are being received at once');
  }
}

/**
 * Bytes of request bodies being read at once from callers who have not proven who they are (webhooks
 * before their signature is checked): a flood of slow 1 MiB bodies is refused with 503 once the
 * budget is full, instead of growing the engine's memory without bound.
 */
export class BodyBudget {
  private used = 0;
  private readonly maxBytes: number;
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }
  /** Takes `bytes`; false when that would exceed the budget (nothing taken). */
  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Answers 503 with Retry-After and closes the connection: providers deliver again later. */
export function sendBusy(res: ServerResponse, error: BodiesBusyError): void {
  sendErrorAndClose(res, 503, `${error.message}: try again shortly`, { 'retry-after': '5' });
}

export function readBody(req: IncomingMessage, limit: number, screen?: (start: Buffer | undefined) => void, budget?: BodyBudget): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    try {
      screen?.(undefined);
    } catch (error) {
      reject(error);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    // The start the screen sees is copied once into one buffer, and screened at doubling sizes, so a
    // body sent a byte at a time costs linear work, not a concat and a scan per byte.
    const start = screen ? Buffer.allocUnsafe(SCREENED_BYTES) : undefined;
    let started = 0;
    let screened = 0;
    const screenStart = (): boolean => {
      screened = started;
      try {
        screen!(start!.subarray(0, started));
        return true;
      } catch (error) {
        stop(error);
        return false;
      }
    };
    let held = 0;
    const release = () => {
      budget?.give(held);
      held = 0;
    };
    const stop = (error: unknown) => {
      req.off('data', onData);
      req.pause();
      release();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(new BodyTooLargeError(limit));
      if (budget) {
        if (!budget.take(chunk.length)) return stop(new BodiesBusyError());
        held += chunk.length;
      }
      chunks.push(chunk);
      if (!start || started === SCREENED_BYTES) return;
      started += chunk.copy(start, started, 0, Math.min(chunk.length, SCREENED_BYTES - started));
      // The first bytes at once (a refusal is often in them), then each time the start has doubled.
      if (screened === 0 || started === SCREENED_BYTES || started >= screened * 2) screenStart();
    };
    req.on('data', onData);
    req.once('end', () => {
      if (start && screened < started && !screenStart()) return;
      release();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.once('error', (error) => {
      release();
      reject(error);
    });
    // A peer that goes away mid-body gives its bytes back.
    req.once('close', release);
  });
}

/** How much of a body's start `readBody` shows its `screen` (one or two socket reads). */
export const SCREENED_BYTES = 64 * 1024;

/** Answers 413 and closes the connection, so the unread remainder of the body is dropped. */
export function sendTooLarge(res: ServerResponse, error: BodyTooLargeError): void {
  sendErrorAndClose(res, 413, `${error.message}: send at most 1 MiB per request`);
}

/** Answers an error and closes the connection: what is left of the request is never read. */
export function sendErrorAndClose(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendError(res, status, message, { ...headers, connection: 'close' });
  res.once('finish', () => {
    const socket = res.req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}
