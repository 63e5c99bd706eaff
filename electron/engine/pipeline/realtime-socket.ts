// The realtime engine's connection to its model: the Realtime API's events over one WebSocket. The
// URL follows the base URL's scheme, as for every other OpenAI-compatible server: `https://…/v1`
// opens `wss://…/v1/realtime?model=…` through the SDK's own client (OpenAIRealtimeWS); a local
// `http://…/v1` opens `ws://…/v1/realtime?model=…` with `ws` itself, because the SDK only speaks
// wss. Both send the key as `Authorization: Bearer`, parse each frame as one JSON event, and report
// the server's `error` events and transport failures alike.
import type OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { WebSocket } from 'ws';

/** A failure: a server `error` event (with its code) or the transport's. */
export type RealtimeFailure = Error & { code?: string | undefined };

export interface RealtimeHandlers {
  open(): void;
  event(event: RealtimeServerEvent): void;
  error(error: RealtimeFailure): void;
  close(): void;
}

export interface RealtimeSocket {
  /** Sends one client event (the socket must be open). */
  send(event: RealtimeClientEvent): void;
  close(code: number, reason: string): void;
}

/** The Realtime API's URL for `model` on `client`'s base URL, keeping its scheme (http → ws, https → wss). */
export function realtimeUrl(baseURL: string, model: string): URL {
  const url = new URL(baseURL);
  url.pathname += url.pathname.endsWith('/') ? 'realtime' : '/realtime';
  url.search = '';
  url.hash = '';
  url.protocol = url.protocol === 'http:' || url.protocol === 'ws:' ? 'ws:' : 'wss:';
  url.searchParams.set('model', model);
  return url;
}

export function openRealtime(client: OpenAI, model: string, on: RealtimeHandlers): RealtimeSocket {
  const url = realtimeUrl(client.baseURL, model);
  return url.protocol === 'wss:' ? overSdk(client, model, on) : overPlainWs(url, client.apiKey ?? '', on);
}

function overSdk(client: OpenAI, model: string, on: RealtimeHandlers): RealtimeSocket {
  const rt = new OpenAIRealtimeWS({ model }, client);
  rt.socket.on('open', () => on.open());
  rt.on('event', (event) => on.event(event));
  rt.on('error', (error) => on.error(Object.assign(new Error(error.error?.message ?? error.message), { code: error.error?.code ?? undefined })));
  rt.socket.on('close', () => on.close());
  return { send: (event) => rt.send(event), close: (code, reason) => rt.close({ code, reason }) };
}

/** The same events as the SDK's client, over a plain `ws://` connection to a local server. */
function overPlainWs(url: URL, apiKey: string, on: RealtimeHandlers): RealtimeSocket {
  const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${apiKey}` }, perMessageDeflate: false });
  socket.on('open', () => on.open());
  socket.on('message', (data: Buffer) => {
    let event: RealtimeServerEvent;
    try {
      event = JSON.parse(data.toString()) as RealtimeServerEvent;
      if (typeof event !== 'object' || event === null || typeof event.type !== 'string') throw new Error('not an event');
    } catch {
      on.error(new Error('the realtime server sent a frame that is not a JSON event'));
      return;
    }
    on.event(event);
    if (event.type === 'error') on.error(Object.assign(new Error(event.error.message), { code: event.error.code ?? undefined }));
  });
  socket.on('error', (error) => on.error(error));
  socket.on('close', () => on.close());
  return {
    send: (event) => socket.send(JSON.stringify(event)),
    close: (code, reason) => socket.close(code, reason),
  };
}
