// The console API of a Ringside server, for the desktop app connected to one: the same contract as
// the engine it would otherwise host (so IPC, the tray, notifications and the window work the same),
// carried over the team listener with the desktop session's bearer token: HTTP for each operation
// (the route the operations table gives it), one WebSocket for the live feed (reconnecting by
// itself), one per call listened to. A Node client (`ws`), so the token goes in the Authorization
// header and never in a URL, and no Origin is sent (the server accepts a bearer without one).
// Plain Node (no 'electron' import): tested against a real engine without the Electron binary.
import WebSocket from 'ws';
import { CONSOLE_URLS, httpRequestOf, methodsFor, OPERATION_NAMES } from '../../shared/api-operations.ts';
import { ApiError, type ConsoleApi, type ListenHandlers, type LiveListener, type LiveMessage } from '../../shared/api.ts';
import { TEAM_ROUTES, type Me } from '../../shared/team.ts';
import { CLOSE } from '../engine/net/ws-close-codes.ts';

/** Retry delays for the live socket (ms): quick at first, then every 5 s. */
const BACKOFF_MS = [250, 500, 1000, 2000, 5000];
/** Largest live or listen-in frame accepted from the server (bytes). */
const MAX_PAYLOAD = 16 * 1024 * 1024;

export interface RemoteApiOptions {
  /** `https://host:port` of the team listener. */
  origin: string;
  token: string;
  /** The global fetch (tests pass one that trusts their certificate). */
  fetch?: typeof fetch;
  /** Extra CA certificates for the sockets (tests); default the system's. */
  ca?: Buffer | string;
  /** The server refused the token (revoked, expired, account disabled): sign in again. */
  onSignedOut?: () => void;
  /** The live feed is up (true) or lost and retrying (false). */
  onOnline?: (online: boolean) => void;
}

export interface RemoteApi extends ConsoleApi {
  /** Who this app is signed in as on the server (its role decides what the window shows). */
  me(): Promise<Me>;
  /** Closes the sockets; the bearer token stays valid (sign out revokes it). */
  close(): void;
}

export function createRemoteApi(options: RemoteApiOptions): RemoteApi {
  const origin = options.origin.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const auth = { authorization: `Bearer ${options.token}` };
  const listeners = new Set<LiveListener>();
  let live: WebSocket | undefined;
  let retry = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let signedOut = false;

  const refused = () => {
    if (signedOut) return;
    signedOut = true;
    options.onSignedOut?.();
  };

  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(origin + path, {
        method,
        headers: { ...auth, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, `the Ringside server at ${origin} did not answer: check the network, or ask its administrator whether it runs`);
    }
    const text = await response.text();
    let parsed: { error?: string } | undefined;
    try {
      parsed = text ? (JSON.parse(text) as { error?: string }) : undefined;
    } catch {
      throw new ApiError(response.status || 502, `the server at ${origin} answered ${response.status} with something other than JSON: is it a Ringside server?`);
    }
    if (response.status === 401) refused();
    if (!response.ok) throw new ApiError(response.status, parsed?.error ?? `the server answered ${response.status}`);
    return parsed;
  }

  const socket = (path: string) =>
    new WebSocket(origin.replace(/^http/, 'ws') + path, { headers: auth, maxPayload: MAX_PAYLOAD, perMessageDeflate: false, ...(options.ca && { ca: options.ca }) });

  function connect(): void {
    retryTimer = undefined;
    if (closed || signedOut || listeners.size === 0) return;
    const ws = socket(CONSOLE_URLS.live);
    live = ws;
    ws.on('open', () => {
      retry = 0;
      options.onOnline?.(true);
    });
    ws.on('message', (data) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(String(data)) as LiveMessage;
      } catch {
        return; // a frame we cannot read is dropped, never fatal
      }
      for (const listener of listeners) listener(message);
    });
    ws.on('unexpected-response', (_req, res) => {
      if (res.statusCode === 401) refused();
      ws.terminate();
    });
    ws.on('error', () => undefined); // 'close' follows and decides
    ws.on('close', (code) => {
      if (live !== ws) return;
      live = undefined;
      if (code === CLOSE.signedOut) refused();
      if (closed || signedOut || listeners.size === 0) return;
      options.onOnline?.(false);
      retryTimer = setTimeout(connect, BACKOFF_MS[Math.min(retry++, BACKOFF_MS.length - 1)]);
      retryTimer.unref?.();
    });
  }

  const api = {
    ...methodsFor(OPERATION_NAMES, (name, args) => {
      const { method, path, body } = httpRequestOf(name, args);
      return request(method, path, body);
    }),
    me: () => request('GET', TEAM_ROUTES.me) as Promise<Me>,
    subscribe(listener: LiveListener): () => void {
      listeners.add(listener);
      if (!live && !retryTimer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(retryTimer);
        retryTimer = undefined;
        const ws = live;
        live = undefined;
        ws?.close(1000, 'console closed');
      };
    },
    listen(id: string, handlers: ListenHandlers): () => void {
      let stopped = false;
      let sampleRate = 0;
      const ws = socket(CONSOLE_URLS.listen(id));
      const end = (reason: string) => {
        if (stopped) return;
        stopped = true;
        handlers.ended(reason);
      };
      ws.on('message', (data, binary) => {
        if (!binary) {
          try {
            const format = JSON.parse(String(data)) as { type?: string; sampleRate?: number };
            if (format.type === 'format' && typeof format.sampleRate === 'number') sampleRate = format.sampleRate;
          } catch {
            /* not a format frame: ignored */
          }
          return;
        }
        const bytes = data as Buffer;
        if (!sampleRate || bytes.byteLength % 2) return;
        // A copy: the samples outlive this frame's buffer (they go on over IPC).
        handlers.audio({ sampleRate, samples: new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) });
      });
      ws.on('unexpected-response', (_req, res) => {
        if (res.statusCode === 401) refused();
        end(`the server refused to let you listen (${res.statusCode})`);
        ws.terminate();
      });
      ws.on('error', () => undefined);
      ws.on('close', (_code, reason) => end(reason.toString() || 'listening stopped'));
      return () => {
        stopped = true;
        ws.close(1000, 'stopped listening');
      };
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      live?.close(1000, 'console closed');
      live = undefined;
    },
  };
  return api as unknown as RemoteApi;
}
