// The console API over the console listener: HTTP for requests (each the route the console API's
// table gives its operation, shared/api-operations.ts), one WebSocket for live updates
// (reconnecting by itself), one WebSocket per call being listened to. Same contract as the IPC
// bridge of the desktop app, so the UI cannot tell them apart. The token goes only in the
// Authorization header: the URLs a browser opens without headers (WebSockets, the recording's
// `<audio>` source) carry a short-lived ticket instead.
import { CONSOLE_URLS, httpRequestOf, methodsFor, OPERATION_NAMES, type OperationName } from '../../../shared/api-operations.ts';
import { ApiError, type ConsoleApi, type ListenHandlers, type LiveListener, type LiveMessage } from '../../../shared/api.ts';
import { i18n } from '../i18n/index.ts';
import { CSRF_HEADER } from '../../../shared/team.ts';
import { csrfToken } from '../features/team/team-client.ts';

/**
 * `unauthorized`: Ringside answers, but refuses the link's console token (HTTP 401: it changed,
 * or the link is another Ringside's). Trying again cannot help: only a fresh link does.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface ConnectionStatus {
  state: ConnectionState;
  /** When the state last changed (epoch ms). */
  since: number;
  /** Reconnections so far: a client resyncs its state after each one. */
  reconnects: number;
}

/** Retry delays for the live socket: quick at first, then every 5 s. */
const BACKOFF_MS = [250, 500, 1000, 2000, 5000];
/** Request bodies up to this size (characters) may outlive the page (`keepalive`). */
const KEEPALIVE_MAX = 2048;

// The console API's operations (one method each, from the table), added by the constructor.
export interface WsBridge extends Pick<ConsoleApi, OperationName> {}

export class WsBridge implements ConsoleApi {
  private readonly origin: string;
  /** Undefined on the team listener: the session's cookie (and its CSRF token) stand in for it, and no ticket is needed. */
  private readonly token: string | undefined;
  private readonly listeners = new Set<LiveListener>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private socket: WebSocket | undefined;
  /** A ticket for the live socket is on its way. */
  private opening = false;
  /** Bumped by every disconnect, so a ticket that arrives after it opens nothing. */
  private generation = 0;
  private retry = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private current: ConnectionStatus = { state: 'connecting', since: Date.now(), reconnects: -1 };

  /** `origin`: `http://127.0.0.1:PORT` of the console listener. */
  constructor(origin: string, token: string | undefined) {
    this.origin = origin.replace(/\/+$/, '');
    this.token = token;
    // Each operation is the HTTP request the table describes for it.
    Object.assign(
      this,
      methodsFor(OPERATION_NAMES, (name, args) => {
        const { method, path, body } = httpRequestOf(name, args);
        return this.request(method, path, body);
      }),
    );
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.current);
    return () => this.statusListeners.delete(listener);
  }

  /** The recording's URL, playable by an <audio> element (it cannot send headers): a ticket for it, never the token. */
  async recordingUrl(id: string): Promise<string> {
    if (this.token === undefined) return `${this.origin}${CONSOLE_URLS.recording(id)}`;
    const { ticket } = await this.issueTicket({ use: 'recording', callId: id });
    return `${this.origin}${CONSOLE_URLS.recording(id)}?ticket=${encodeURIComponent(ticket)}`;
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    if (!this.socket && !this.retryTimer && !this.opening) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  listen(id: string, handlers: ListenHandlers): () => void {
    let socket: WebSocket | undefined;
    let stopped = false;
    (this.token === undefined ? Promise.resolve({ ticket: undefined }) : this.issueTicket({ use: 'listen', callId: id })).then(
      ({ ticket }) => {
        if (stopped) return;
        socket = new WebSocket(this.wsUrl(CONSOLE_URLS.listen(id), ticket));
        socket.binaryType = 'arraybuffer';
        let sampleRate = 0;
        socket.onmessage = (message) => {
          if (typeof message.data === 'string') {
            const format = JSON.parse(message.data) as { type: string; sampleRate: number };
            if (format.type === 'format') sampleRate = format.sampleRate;
            return;
          }
          if (sampleRate) handlers.audio({ sampleRate, samples: new Int16Array(message.data as ArrayBuffer) });
        };
        socket.onclose = (event) => {
          if (!stopped) handlers.ended(event.reason || i18n.t('bridge.listenClosed'));
        };
      },
      (error: ApiError) => {
        if (!stopped) handlers.ended(error.message);
      },
    );
    return () => {
      stopped = true;
      socket?.close(1000, 'stopped listening');
    };
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    const json = body === undefined ? undefined : JSON.stringify(body);
    try {
      response = await fetch(this.origin + path, {
        method,
        headers: {
          ...(this.token !== undefined ? { authorization: `Bearer ${this.token}` } : { [CSRF_HEADER]: csrfToken() ?? '' }),
          ...(json !== undefined && { 'content-type': 'application/json' }),
        },
        credentials: 'same-origin',
        ...(json !== undefined && { body: json }),
        // A small command sent as the page goes away (the hand back of a call the supervisor
        // leaves) still reaches Ringside. The browser allows 64 KB of these in flight: never audio.
        ...(json !== undefined && json.length <= KEEPALIVE_MAX && { keepalive: true }),
      });
    } catch {
      throw new ApiError(0, i18n.t('bridge.unreachable'));
    }
    if (response.status === 401) {
      this.setStatus('unauthorized');
      throw new ApiError(401, i18n.t('bridge.tokenRefused'));
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError(response.status, i18n.t('bridge.unexpected', { status: response.status }));
    }
    if (!response.ok) throw new ApiError(response.status, (parsed as { error?: string } | undefined)?.error ?? i18n.t('bridge.httpStatus', { status: response.status }));
    return parsed as T;
  }

  private wsUrl(path: string, ticket: string | undefined): string {
    const base = `${this.origin.replace(/^http/, 'ws')}${path}`;
    return ticket === undefined ? base : `${base}?ticket=${encodeURIComponent(ticket)}`;
  }

  private connect(): void {
    this.retryTimer = undefined;
    this.opening = true;
    const generation = this.generation;
    (this.token === undefined ? Promise.resolve({ ticket: undefined }) : this.issueTicket({ use: 'live' })).then(
      ({ ticket }) => {
        if (generation !== this.generation) return;
        this.opening = false;
        this.open(ticket);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.opening = false;
        // A refused token stays refused: no retry (the page says how to get a fresh link).
        if (error instanceof ApiError && error.status === 401) return;
        this.lost();
      },
    );
  }

  private open(ticket: string | undefined): void {
    const socket = new WebSocket(this.wsUrl(CONSOLE_URLS.live, ticket));
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      this.setStatus('online');
    };
    socket.onmessage = (message) => {
      const parsed = JSON.parse(String(message.data)) as LiveMessage;
      for (const listener of this.listeners) listener(parsed);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      // The team listener ended this session (signed out, revoked, account disabled): sign in again.
      if (event.code === 4401) return this.setStatus('unauthorized');
      this.lost();
    };
  }

  /** The live socket closed or could not open: offline, and try again after a while. */
  private lost(): void {
    this.setStatus('offline');
    if (this.listeners.size === 0) return;
    const delay = BACKOFF_MS[Math.min(this.retry++, BACKOFF_MS.length - 1)]!;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private disconnect(): void {
    this.generation++;
    this.opening = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'console closed');
  }

  private setStatus(state: ConnectionState): void {
    if (state === this.current.state || this.current.state === 'unauthorized') return;
    const reconnects = state === 'online' ? this.current.reconnects + 1 : this.current.reconnects;
    this.current = { state, since: Date.now(), reconnects };
    for (const listener of this.statusListeners) listener(this.current);
  }
}
