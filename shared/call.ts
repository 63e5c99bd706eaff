// The normalized call model shared by the engine, the console API and the renderer.
// Ids are strings everywhere: provider call ids exceed 2^53 and must survive exactly as sent.

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

/** Why an ended call ended. `unanswered` is a hang-up before anyone answered. */
export type CallOutcome = 'completed' | 'unanswered' | 'missed' | 'voicemail' | 'failed' | 'transferred';

export interface Party {
  number?: string;
  name?: string;
}

export interface Agent {
  id?: string;
  name?: string;
  email?: string;
}

export interface CallLinks {
  recordingUrl?: string;
  transcriptUrl?: string;
  voicemailUrl?: string;
}

export interface CallEvent {
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
  /** Talk time reported with an end-of-call event. */
  durationSeconds?: number;
  summary?: string;
  transcript?: string;
  /** Extra, event-specific details (IVR choice, SMS text, command sent…). */
  detail?: Record<string, unknown>;
}

/** Who a streamed call's caller is talking to: the bot, or a supervisor who took over. */
export type CallMode = 'bot' | 'human';

export type Speaker = 'caller' | 'bot' | 'supervisor';

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

export interface Call {
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
  answeredAt?: string;
  endedAt?: string;
  /** Seconds between answer (or start) and end, once ended. */
  durationSeconds?: number;
  recordingUrl?: string;
  transcriptUrl?: string;
  voicemailUrl?: string;
  summary?: string;
  transcript?: string;
  /** Live audio stream status (while connected, and its last figures after). */
  stream?: StreamStatus;
  /** Ringside's own stereo recording (caller left, agent right), when the call was streamed. */
  recording?: { durationSeconds: number };
  /** Where the call was transferred, when it was. */
  transferredTo?: string;
  /** Who answers the caller (streamed calls). */
  mode?: CallMode;
  /** The voice bot on this call, while it is live. */
  bot?: BotStatus;
  /** Set when the bot asked for a person (or could not go on). */
  needsHuman?: { reason: string; at: string };
  /** The after-call verdict, with `summary`. */
  disposition?: Disposition;
  /** Made by the built-in demo, not by a provider. */
  demo?: boolean;
  eventCount: number;
  updatedAt: string;
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
