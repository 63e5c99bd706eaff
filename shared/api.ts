// The console API contract. The engine implements it; the IPC bridge (desktop) and the
// WebSocket/HTTP bridge (browser, tests, scripts) both expose exactly this interface.
import { z } from 'zod';
import type { Call, CallEvent, Provider } from './call.ts';

export const callQuerySchema = z.strictObject({
  state: z.enum(['live', 'ended']).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** An ISO date, epoch milliseconds, or the `nextBefore` cursor of a previous page. */
  before: z.string().trim().min(1).max(100).optional(),
});
export type CallQuery = z.infer<typeof callQuerySchema>;

export interface CallList {
  calls: Call[];
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  nextBefore?: string;
}

export interface CallDetail {
  call: Call;
  events: CallEvent[];
}

export interface ProviderStatus {
  configured: boolean;
  /** The setting to set when `configured` is false. */
  missing?: string;
  lastEventAt?: string;
}

export interface Health {
  ok: boolean;
  version: string;
  startedAt: string;
  publicUrl: string;
  consoleUrl: string;
  providers: Record<Provider, ProviderStatus>;
  calls: { live: number };
  store: { events: number; calls: number };
}

export type LiveMessage =
  | { type: 'call.updated'; call: Call }
  | { type: 'event.appended'; event: CallEvent };

export type LiveListener = (message: LiveMessage) => void;

export interface ConsoleApi {
  listCalls(query: CallQuery): Promise<CallList>;
  getCall(id: string): Promise<CallDetail>;
  health(): Promise<Health>;
  /** Live updates; returns the function that unsubscribes. */
  subscribe(listener: LiveListener): () => void;
}

/** The error every bridge raises for a failed operation: HTTP-like status plus a message a user can act on. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** HTTP routes of the console listener, for the HTTP bridge and the server alike. */
export const CONSOLE_ROUTES = {
  calls: '/api/calls',
  call: (id: string) => `/api/calls/${encodeURIComponent(id)}`,
  health: '/api/health',
  live: '/api/live',
} as const;
