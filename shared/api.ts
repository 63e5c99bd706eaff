// The console API contract. The engine implements it; the IPC bridge (desktop) and the
// WebSocket/HTTP bridge (browser, tests, scripts) both expose exactly this interface. How each
// operation travels (its arguments' schema, HTTP route, IPC channel) is one table: api-operations.ts.
import { z } from 'zod';
import type { AccessStatus, TestEventResult } from './access.ts';
import type { Call, CallEvent, Provider, Utterance } from './call.ts';
import type { Command, CommandResult } from './commands.ts';
import type { ActionResult, BackfillRange, ReconciliationResult, RingoverInsights, RingoverStatus, TransferTargets } from './ringover.ts';
import type { SettingsPatch, SettingsView } from './settings.ts';
import type { LegalHoldRequest, NumberCalls, NumberErasure, NumberExport } from './privacy.ts';
import type { Stats, StatsQuery } from './stats.ts';
import type { AuditEntry, CallPresence } from './team.ts';

export const callQuerySchema = z.strictObject({
  state: z.enum(['live', 'ended']).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** An ISO date, epoch milliseconds, or the `nextBefore` cursor of a previous page. */
  before: z.string().trim().min(1).max(100).optional(),
  /** Calls that started at or after this ISO date (or epoch milliseconds). */
  after: z.string().trim().min(1).max(100).optional(),
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
  /** The audit trail's entries about this call (who listened, took over, sent what), oldest first. */
  audit?: AuditEntry[];
}

export interface ProviderStatus {
  configured: boolean;
  /** The setting to set when `configured` is false, as Settings labels it: `“Webhook secret” (Ringover)`. */
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
  streams: {
    configured: boolean;
    /** The setting to set when `configured` is false, as Settings labels it: `“Stream token” (Live audio)`. */
    missing?: string;
    /** Media servers connected right now. */
    connected: number;
    /** Where media servers connect: `ws://HOST:PORT/stream/{call_id}`. */
    url: string;
  };
  /** The built-in demo is making calls. */
  demo: { running: boolean };
  /** A model is configured: streamed calls get the voice bot (else they are monitor-only). */
  bot: {
    active: boolean;
    engine: 'pipeline' | 'realtime' | 'off';
    /** No model is configured, and demo calls are answered by the built-in demo models. */
    demoModels?: boolean;
  };
  /** How providers reach the public listener, and the URL to give them. */
  access: AccessStatus;
}

/** Live call audio for listen-in: 16-bit PCM, interleaved stereo (caller left, bot or supervisor right). */
export interface ListenAudio {
  sampleRate: number;
  samples: Int16Array;
}

export interface ListenHandlers {
  audio(chunk: ListenAudio): void;
  /** Listening ended: the call's stream closed, or it could not start (the reason says which). */
  ended(reason: string): void;
}

/** New waveform peaks (0–100, one per 20 ms) of one streamed call: caller, and agent (bot or supervisor). */
export interface CallPeaks {
  callId: string;
  /** Where the first peak starts, in ms since the call's audio began. */
  startMs: number;
  caller: number[];
  agent: number[];
}

/** Peaks of every streamed call that has new ones, sent together ~10 times a second. */
export interface PeaksMessage {
  type: 'audio.peaks';
  calls: CallPeaks[];
}

/**
 * A transcript line as it forms (`final: false`), or withdrawn because it had no words (`final: true`,
 * empty text). A line with words, once final, is stored: it comes once, as the `utterance` event of
 * an `event.appended` message (with the same utterance id), never as a `transcript` message.
 */
export interface TranscriptMessage {
  type: 'transcript';
  callId: string;
  utterance: Utterance;
}

export type LiveMessage =
  | { type: 'call.updated'; call: Call }
  | { type: 'event.appended'; event: CallEvent }
  | PeaksMessage
  | TranscriptMessage
  | PresenceMessage
  | HandoverMessage;

/** Who is on which call (team mode): the calls whose presence changed, or every call's to start with. */
export interface PresenceMessage {
  type: 'presence';
  calls: CallPresence[];
}

/**
 * A take-over changing hands: `ask` (someone asks the holder to hand over; the holder's console
 * prompts), `taken` (an administrator took the call from its holder; both are told).
 */
export interface HandoverMessage {
  type: 'handover';
  kind: 'ask' | 'taken';
  callId: string;
  /** Who asks, or who took it. */
  by: { id: string; name: string };
  /** Who holds (held) the call. */
  holder: { id: string; name: string };
}

export type LiveListener = (message: LiveMessage) => void;

/**
 * What a ticket opens: the live feed, one call's listen-in, or one call's recording. Tickets stand
 * in for the console token where a browser cannot send a header (WebSocket URLs, an `<audio>`
 * source), so the token itself never goes into a URL.
 */
export const ticketRequestSchema = z.discriminatedUnion(
  'use',
  [
    z.strictObject({ use: z.literal('live') }),
    z.strictObject({ use: z.literal('listen'), callId: z.string().min(1, 'callId is required').max(1000) }),
    z.strictObject({ use: z.literal('recording'), callId: z.string().min(1, 'callId is required').max(1000) }),
  ],
  { error: 'send {"use":"live"}, {"use":"listen","callId":…} or {"use":"recording","callId":…}' },
);
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

export interface Ticket {
  /** Opaque; goes in the URL as `?ticket=`. */
  ticket: string;
  /** ISO date after which it is refused. */
  expiresAt: string;
  /** True for WebSocket tickets (`live`, `listen`): the first upgrade uses it up. */
  singleUse: boolean;
}

/** How long tickets last: a WebSocket's is used at once; a recording's serves a player's Range requests. */
export const TICKET_LIFETIME_MS = { socket: 30_000, recording: 5 * 60_000 } as const;

export interface ConsoleApi {
  listCalls(query: CallQuery): Promise<CallList>;
  getCall(id: string): Promise<CallDetail>;
  health(): Promise<Health>;
  /** Sends a command to a live call's media stream; rejects 404 (no call), 409 (no live stream), 400. */
  sendCommand(id: string, command: Command): Promise<CommandResult>;
  /**
   * Live updates: first a `call.updated` for each live call (the calls as they are now), then every
   * message as it happens; returns the function that unsubscribes. (The bridges give the live calls
   * each time their connection opens.)
   */
  subscribe(listener: LiveListener): () => void;
  /** Live audio of one streamed call; returns the function that stops listening. */
  listen(id: string, handlers: ListenHandlers): () => void;
  settings(): Promise<SettingsView>;
  /** Rejects 409 for a setting the operator locked (environment, flag, file), 400 for a bad value. */
  updateSettings(patch: SettingsPatch): Promise<SettingsView>;
  /** Starts or stops the built-in demo calls. */
  setDemo(running: boolean): Promise<{ running: boolean }>;
  /** Posts a signed sample event for the provider to the public URL and checks it was stored. */
  testEvent(provider: Provider): Promise<TestEventResult>;
  /**
   * A short-lived ticket for a URL that cannot carry the token in a header: single use for 30 s for
   * a WebSocket (`live`, `listen`), or for 5 minutes of one call's recording (its Range requests).
   * Rejects 404 for a call that does not exist.
   */
  issueTicket(request: TicketRequest): Promise<Ticket>;
  /** The wallboard's figures for the calls that started in [from, to) (default: today so far), and the calls live now. */
  stats(query: StatsQuery): Promise<Stats>;
  /** The Ringover API key's state and which areas of rights work (as last seen), and the last reconciliation. */
  ringoverStatus(): Promise<RingoverStatus>;
  /** Reads one page of each area Ringside uses with the key, then answers as `ringoverStatus`. */
  testRingoverKey(): Promise<RingoverStatus>;
  /** The team's users (with presence) and numbers a call can be transferred to. */
  transferTargets(): Promise<TransferTargets>;
  /** Fills history from Ringover's call log for [from, to): calls and fields whose webhooks never arrived. */
  backfill(range: BackfillRange): Promise<ReconciliationResult>;
  /** Ringover's click-to-call: rings the supervisor's Ringover user, then the call's customer. */
  callBack(id: string): Promise<ActionResult>;
  /** An SMS follow-up to the call's customer from the configured number. */
  sendSms(id: string, text: string): Promise<ActionResult>;
  /** Adds tags to an ended call (kept in Ringside's history). */
  tagCall(id: string, tags: string[]): Promise<ActionResult>;
  /** Adds a comment to an ended call (kept in Ringside's history). */
  commentCall(id: string, comment: string): Promise<ActionResult>;
  /** Ringover's own AI data for the call (summary, transcript, moments), when the account has it. */
  ringoverInsights(id: string): Promise<RingoverInsights>;
  /** Pauses or resumes a live streamed call's recording (it holds silence meanwhile); 409 without a live stream. */
  pauseRecording(id: string, paused: boolean): Promise<{ paused: boolean }>;
  /** An administrator puts a call on legal hold (retention never deletes it) or lifts it; 404 for an unknown call. */
  setLegalHold(id: string, request: LegalHoldRequest): Promise<{ call: Call }>;
  /** Every call of a phone number (any format), for an administrator answering a data subject's request. */
  findNumber(number: string): Promise<NumberCalls>;
  /** All data of a phone number's calls as a zip; recorded in the audit trail. */
  exportNumber(number: string): Promise<NumberExport>;
  /** Erases a phone number's calls (store rows, raw bodies, recordings, search), leaving tombstones; recorded in the audit trail. */
  eraseNumber(number: string): Promise<NumberErasure>;
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
