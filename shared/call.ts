// The normalized call model shared by the engine, the console API and the renderer.
// Ids are strings everywhere: provider call ids exceed 2^53 and must survive exactly as sent.
import type { Attention } from './attention.ts';
import type { Briefing } from './briefing.ts';

export const PROVIDERS = ['ringover', 'ringotel', 'ringyo', 'ringg'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const CALL_EVENT_TYPES = [
  'ringing',
  'answered',
  'ended',
  'missed',
  'voicemail',
  'failed',
  'transferred',
  'recording',
  'transcript',
  'summary',
  'ivr',
  'sms',
  'stream',
  'command',
  'utterance',
  'turn',
  'bot',
  'other',
] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export type Direction = 'inbound' | 'outbound' | 'internal' | 'unknown';

/** ringing → in-progress → ended; a call never leaves `ended`. */
export type CallState = 'ringing' | 'in-progress' | 'ended';

/**
 * Why an ended call ended. `unanswered` is a hang-up before anyone answered; `busy`, `no-answer`
 * and `rejected` are unanswered calls whose hang-up cause says why.
 */
export type CallOutcome = 'completed' | 'unanswered' | 'missed' | 'voicemail' | 'failed' | 'transferred' | 'busy' | 'no-answer' | 'rejected';

/**
 * What a provider's hang-up cause means (a SIP status, a Q.850 cause or its text): `normal`
 * clearing, `cancelled` by the caller before an answer, or why nobody answered.
 */
export type EndReason = 'normal' | 'busy' | 'no-answer' | 'rejected' | 'cancelled' | 'failed';

export interface Party {
  number?: string;
  name?: string;
  /** The contact's company (from the provider's contacts, e.g. Ringover's directory). */
  company?: string;
  /** The number was withheld (the provider says so). */
  anonymous?: boolean;
}

/** The person (or AI agent) on the provider's side of the call. */
export interface Agent {
  id?: string;
  name?: string;
  email?: string;
  /** The agent's extension on the PBX (Ringotel). */
  extension?: string;
}

/** The IVR (voice menu) the call went through. */
export interface IvrInfo {
  name?: string;
  /** The number the IVR answers on. */
  number?: string;
  /** The IVR's scenario (opening hours, closed, overflow…). */
  scenario?: string;
  /** What the caller chose (Ringover `ivr_response_code`). */
  code?: string;
}

/** A provider's analysis of a finished call (Ringg's platform analysis). */
export interface CallAnalysis {
  keyPoints?: string[];
  classification?: string;
  sentiment?: string;
  actionItems?: string[];
  /** Who or what ended the call, as the analysis says (e.g. `customer_hangup`). */
  disconnectReason?: string;
}

/**
 * What providers tell about a call beyond its state and times: on an event as that delivery
 * reported it, on the call as folded (the latest report wins, whatever order events arrive in).
 */
export interface CallFacts {
  /** Labels set after the call (Ringover aftercall tags), in the provider's order. */
  tags?: string[];
  /** Free-text comments written after the call. */
  comments?: string;
  ivr?: IvrInfo;
  queue?: string;
  team?: string;
  /** The provider's hang-up cause as sent (`"486"`, `"17"`, `"USER_BUSY"`, `"OUT_PLANNING"`…). */
  hangupCause?: string;
  /** What `hangupCause` means, when Ringside can tell. */
  endReason?: EndReason;
  /** Length of the provider's recording, in seconds. */
  recordingSeconds?: number;
  /** Length of the voicemail left, in seconds. */
  voicemailSeconds?: number;
  analysis?: CallAnalysis;
  /** The results of an analysis the customer configured (Ringg client analysis), as sent. */
  customAnalysis?: Record<string, unknown>;
  /** The provider's own disposition or classification of the call, as sent. */
  providerDisposition?: string;
  /** Where the call was transferred, when it was. */
  transferredTo?: string;
}

export interface CallLinks {
  recordingUrl?: string;
  transcriptUrl?: string;
  voicemailUrl?: string;
}

/** Times a delivery reported for the call itself (as opposed to the time of the event). */
export interface ReportedCallTimes {
  startedAt?: string;
  answeredAt?: string;
  endedAt?: string;
}

export interface CallEvent extends CallFacts {
  id: string;
  /** Absent for deliveries that belong to no call (an SMS, a contact search). */
  callId?: string;
  provider: Provider;
  providerCallId?: string;
  type: CallEventType;
  /** The provider's own event name, e.g. `call.hangup` or `StopCallActivity`. */
  providerEvent: string;
  occurredAt: string;
  receivedAt: string;
  direction?: Direction;
  from?: Party;
  to?: Party;
  agent?: Agent;
  links?: CallLinks;
  /** Talk time (answer to end) reported with an end-of-call event. */
  durationSeconds?: number;
  /** When the call started, was answered or ended, as this delivery reported it. */
  callTimes?: ReportedCallTimes;
  summary?: string;
  transcript?: string;
  /** Extra, event-specific details (IVR choice, SMS text, command sent…). */
  detail?: Record<string, unknown>;
  /** What Ringside could not read in this delivery and what it did instead (e.g. a time it used). */
  notes?: string[];
}

/** Who a streamed call's caller is talking to: the bot, or a supervisor who took over. */
export type CallMode = 'bot' | 'human';

/**
 * Why a call changed hands (`bot.mode` events carry it as `detail.cause`, with the model's words
 * as `detail.said` when the bot asked): the console words it from this code in its language, while
 * `detail.reason` keeps the English sentence (`MODE_REASONS`) for API clients.
 */
export type ModeCause = 'stream-connected' | 'taken-over' | 'handed-back' | 'bot-asked' | 'bot-failed';
export const MODE_REASONS: Record<ModeCause, string> = {
  'stream-connected': 'stream connected',
  'taken-over': 'a supervisor took the call',
  'handed-back': 'the supervisor handed the call back',
  'bot-asked': 'the bot asked for a person',
  'bot-failed': 'the bot failed',
};
/** Why the bot wants a person: it asked (its tool call), or it could not go on (a model failed). */
export type NeedsHumanCause = 'bot-asked' | 'bot-failed';

export type Speaker = 'caller' | 'bot' | 'supervisor';

/** Who paused a recording: the bot (its tool), a supervisor, or Ringside when a transcript showed a card number. */
export type RecordingPauseOrigin = 'bot' | 'supervisor' | 'auto';

/** One stretch of speech in a call's transcript; interim ones are replaced by their final one. */
export interface Utterance {
  id: string;
  speaker: Speaker;
  text: string;
  final: boolean;
  /** When it started and ended, in ms since the call's audio began. */
  startMs: number;
  endMs?: number;
  /** A bot line cut off by the caller: `text` is what the caller heard. */
  truncated?: boolean;
  /**
   * The model stopped before the end of its answer, and why: the Realtime API's reason
   * (`max_output_tokens`, `content_filter`), or `cancelled` / `failed`. `text` is all it said.
   */
  incomplete?: string;
  /**
   * Not speech: a supervisor's note to the bot (a whisper), never spoken; `by` names who sent it.
   * Shown in the transcript as a supervisor note.
   */
  note?: { kind: 'whisper'; by: string; byId?: string };
}

/** How long each step of one bot turn took, from the end of the caller's speech. */
export interface TurnMetrics {
  turn: number;
  /** Speech-to-text done (ms after the turn's end was detected). */
  transcriptMs?: number;
  llmFirstTokenMs?: number;
  ttsFirstByteMs?: number;
  /** First bot audio written to the media server. */
  firstAudioMs?: number;
  interrupted?: boolean;
}

export interface BotStatus {
  engine: 'pipeline' | 'realtime' | 'off';
  /** `monitoring`: no model configured, nothing is said to the caller. */
  state: 'monitoring' | 'listening' | 'thinking' | 'speaking' | 'silent';
  /** The last model failure, shown until a turn succeeds. */
  error?: string;
  lastTurn?: TurnMetrics;
  /** `demo`: a demo call answered by the built-in demo models (no model is configured). */
  models?: 'demo';
}

export type Disposition = 'resolved' | 'needs-follow-up' | 'transferred' | 'abandoned' | 'voicemail' | 'other';

/** A media server's live audio stream for a call. */
export interface StreamStatus {
  state: 'connected' | 'disconnected';
  /** How the media server frames audio: RTP packets, raw PCM, or JSON (Twilio-style) messages. */
  framing?: 'rtp' | 'raw' | 'json';
  encoding?: 'pcmu' | 'pcma' | 'l16';
  sampleRate?: number;
  /** Whose media-stream protocol the media server speaks (commands go back in it). */
  dialect?: 'ringover' | 'twilio' | 'telnyx' | 'vonage' | 'plivo' | 'exotel';
  framesReceived: number;
  /** Frames never received, concealed with silence. */
  framesLost: number;
  /** Frames that could not be read, dropped. */
  framesMalformed: number;
  duplicates: number;
  late: number;
  lastFrameAt?: string;
  connectedAt: string;
  /** 1 for the first connection; more when the media server reconnected. */
  connections: number;
  updatedAt: string;
}

/**
 * What the fold keeps so that events in any order give the same call (not for display): see
 * electron/engine/store/fold.ts.
 */
export interface CallFoldState {
  /** The ending event type that explains the call best so far (`ended`, `missed`, `voicemail`…). */
  ending?: CallEventType;
  /** The earliest answer an event saw (`answeredAt` may instead be derived from a reported duration). */
  answeredSeen?: string;
  /** The largest talk time a provider reported, in seconds. */
  reportedTalkSeconds?: number;
  /** Per field (a dotted path), the time of the report the call shows. */
  asOf?: Record<string, string>;
}

export interface Call extends CallFacts {
  id: string;
  provider: Provider;
  providerCallId: string;
  state: CallState;
  outcome?: CallOutcome;
  direction: Direction;
  from: Party;
  to: Party;
  agent?: Agent;
  startedAt: string;
  /** When it was answered: as an event saw it, else derived from a reported talk time (never before `startedAt`). */
  answeredAt?: string;
  endedAt?: string;
  /** Seconds between answer (or start) and end, once ended. */
  durationSeconds?: number;
  /** Seconds from start to answer (ringing, IVR, queue), once answered. */
  ringingSeconds?: number;
  /** Seconds from start to end, once ended. */
  totalSeconds?: number;
  recordingUrl?: string;
  transcriptUrl?: string;
  voicemailUrl?: string;
  summary?: string;
  transcript?: string;
  /** Live audio stream status (while connected, and its last figures after). */
  stream?: StreamStatus;
  /** Ringside's own stereo recording (caller left, agent right), when the call was streamed. */
  recording?: { durationSeconds: number };
  /** The recording holds silence now (a card number is being given). */
  recordingPaused?: boolean;
  /** When retention deleted the recording (it is gone from the disk). */
  recordingRemovedAt?: string;
  /** When retention deleted the transcript, summary and what was said. */
  transcriptRemovedAt?: string;
  /** An administrator put the call on legal hold: retention never deletes it. */
  legalHold?: { at: string; by: string; reason?: string };
  /** When the call was erased on request: what is left is a tombstone with nothing personal. */
  erasedAt?: string;
  /** The bot's greeting carried the recording notice (false: a notice is configured and was not played). */
  recordingNotice?: boolean;
  /** Who answers the caller (streamed calls). */
  mode?: CallMode;
  /** The voice bot on this call, while it is live. */
  bot?: BotStatus;
  /**
   * Set when the bot asked for a person (or could not go on). `reason` is the model's own words
   * (`bot-asked`) or the engine's English (`bot-failed`); `cause` is what the page words.
   */
  needsHuman?: { reason: string; at: string; cause?: NeedsHumanCause };
  /** How much a live call needs a supervisor, and why (live calls only; computed, never stored). */
  attention?: Attention;
  /** What a supervisor taking over should know (kept during the call; the last one stays in history). */
  briefing?: Briefing;
  /** The after-call verdict, with `summary`. */
  disposition?: Disposition;
  /** Made by the built-in demo, not by a provider. */
  demo?: boolean;
  eventCount: number;
  updatedAt: string;
  fold?: CallFoldState;
}

export const isLive = (call: Pick<Call, 'state'>): boolean => call.state !== 'ended';

/** Our call id for a provider's call: readable, stable and free of lookups. */
export const callIdFor = (provider: Provider, providerCallId: string): string => `${provider}-${providerCallId}`;

/** The provider and the provider's own id of a call id made by `callIdFor`; undefined for anything else. */
export function parseCallId(callId: string): { provider: Provider; providerCallId: string } | undefined {
  const dash = callId.indexOf('-');
  const provider = callId.slice(0, dash) as Provider;
  if (dash <= 0 || !PROVIDERS.includes(provider) || dash === callId.length - 1) return undefined;
  return { provider, providerCallId: callId.slice(dash + 1) };
}
