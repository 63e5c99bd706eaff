// HTTP at the byte level, for requests no well-behaved client would send: a raw request goes out
// on its own TCP connection, and the first answer is read back (headers, and the body when its
// length is known). 1xx interim answers are skipped; 101 ends the exchange.
import { connect } from 'node:net';
import { patient } from '../../support/patience.ts';

export interface RawAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body when the answer said how long it is (content-length); empty for HEAD, 101, 204, 304. */
  body: Buffer;
}

export type RawOutcome = { answered: true; answer: RawAnswer } | { answered: false; why: string };

/**
 * Writes `request` to 127.0.0.1:`port` and resolves with the first final answer, or with why
 * there was none (the connection closed first, or nothing came within `timeoutMs`).
 */
export function sendRaw(port: number, request: Buffer, options: { head?: boolean; timeoutMs?: number } = {}): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const bound = patient(options.timeoutMs ?? 10_000);
    const timer = setTimeout(() => finish({ answered: false, why: `no answer within ${bound} ms` }), bound);
    socket.on('connect', () => socket.write(request));
    socket.on('error', () => undefined); // a reset after the answer is fine; before it, 'close' reports it
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = readAnswer(received, options.head ?? false, false);
      if (answer) finish({ answered: true, answer });
    });
    socket.on('close', () => {
      const answer = readAnswer(received, options.head ?? false, true);
      finish(answer ? { answered: true, answer } : { answered: false, why: received.length ? `incomplete answer: ${JSON.stringify(received.toString('latin1').slice(0, 200))}` : 'closed without an answer' });
    });
  });
}

/** The first final answer in `bytes`, once complete (or, at `ended`, whatever body arrived). */
function readAnswer(bytes: Buffer, head: boolean, ended: boolean): RawAnswer | undefined {
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const lines = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)?.[1]);
    if (!status) return { status: 0, headers: {}, body: rest }; // not HTTP at all: the caller's check fails on it
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const after = rest.subarray(end + 4);
    if (status >= 100 && status < 200 && status !== 101) {
      rest = after;
      continue;
    }
    if (head || status === 101 || status === 204 || status === 304) return { status, headers, body: Buffer.alloc(0) };
    const length = headers['content-length'];
    if (length !== undefined) {
      if (after.length < Number(length)) return ended ? { status, headers, body: after } : undefined;
      return { status, headers, body: after.subarray(0, Number(length)) };
    }
    // No length (a chunked page, or a body up to the close): the headers are what we check.
    return { status, headers, body: after };
  }
}

/** True when `answer` is JSON: an application/json content type and, unless empty by method or status, a body that parses. */
export function isJsonAnswer(answer: RawAnswer, head: boolean): boolean {
  if (!/^application\/json\b/.test(answer.headers['content-type'] ?? '')) return false;
  if (head) return true;
  try {
    JSON.parse(answer.body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
