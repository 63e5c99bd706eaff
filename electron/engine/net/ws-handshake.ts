// WebSocket handshakes, checked by us before `ws` sees them: `ws` refuses a bad handshake itself with
// a `text/html` answer, and every answer of the engine is JSON. Then the one way every socket server
// of the engine accepts a socket, with its handlers guarded. RFC 6455 §4.2.1 (what a server reads
// in the opening handshake) and §4.4 (426 and Sec-WebSocket-Version for a version it does not speak).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { guardSocket, markUpgraded } from './guard.ts';
import { sendErrorOnSocket } from './respond.ts';

export interface HandshakeProblem {
  status: 400 | 405 | 426;
  error: string;
  headers?: Record<string, string>;
}

/** 16 random bytes in base64 (RFC 6455 §4.1), as `ws` requires. */
const KEY = /^[+/0-9A-Za-z]{22}==$/;
/** An RFC 9110 token (the characters a subprotocol name may use). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What is wrong with a WebSocket opening handshake, or undefined when it can go ahead. */
export function handshakeProblem(req: IncomingMessage): HandshakeProblem | undefined {
  if (req.method !== 'GET') return { status: 405, error: `a WebSocket is opened with GET, not ${req.method}`, headers: { allow: 'GET' } };
  if (req.headers.upgrade?.trim().toLowerCase() !== 'websocket') return { status: 400, error: 'send Upgrade: websocket to open a WebSocket' };
  if (req.headers['sec-websocket-version']?.trim() !== '13') {
    return { status: 426, error: 'unsupported or missing Sec-WebSocket-Version: this server speaks version 13 (RFC 6455)', headers: { 'sec-websocket-version': '13' } };
  }
  if (!KEY.test(req.headers['sec-websocket-key'] ?? '')) return { status: 400, error: 'missing or invalid Sec-WebSocket-Key: send 16 random bytes in base64' };
  const protocols = req.headers['sec-websocket-protocol'];
  if (protocols !== undefined) {
    const names = protocols.split(',').map((name) => name.trim());
    if (!names.every((name) => TOKEN.test(name)) || new Set(names).size !== names.length) {
      return { status: 400, error: 'invalid Sec-WebSocket-Protocol: a comma-separated list of distinct names' };
    }
  }
  return undefined;
}

/** Answers a bad handshake with its JSON error; true when it did (the caller stops there). */
export function refuseBadHandshake(req: IncomingMessage, socket: Duplex): boolean {
  const problem = handshakeProblem(req);
  if (problem) sendErrorOnSocket(socket, problem.status, problem.error, problem.headers);
  return problem !== undefined;
}

/**
 * A socket server for upgrades we route ourselves: explicit `maxPayload` (bytes), no compression.
 * Should `ws` still find fault with a handshake, it answers in JSON too (`wsClientError`).
 */
export function createSocketServer(maxPayload: number, logger: Logger): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false });
  wss.on('wsClientError', (error, socket) => sendErrorOnSocket(socket, 400, `WebSocket handshake refused: ${error.message}`));
  wss.on('error', (error) => logger.error('socket server error', { error }));
  return wss;
}

/**
 * Completes the handshake and hands the open socket to `opened`. The handshake is checked first
 * (a bad one answers JSON); the socket gets an error listener at once, and `opened` runs guarded:
 * if it throws, that socket closes with 1011 and the log says why.
 */
export function acceptUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, logger: Logger, what: string, opened: (ws: WebSocket) => void): void {
  if (refuseBadHandshake(req, socket)) return;
  wss.handleUpgrade(req, socket, head, (ws) => {
    markUpgraded(socket);
    ws.on('error', guardSocket(ws, logger, `${what} error`, (error: Error) => logger.repeated('debug', `${what} socket error`, { error })));
    guardSocket(ws, logger, `${what} open`, opened)(ws);
    wss.emit('connection', ws, req);
  });
}
