// Public access: how providers reach this engine (its own address, the user's tunnel or reverse
// proxy, or the built-in ngrok tunnel), what to paste into each provider's dashboard, and the
// result of a signed test event sent through the public URL.
import { z } from 'zod';
import { PROVIDERS, type Provider } from './call.ts';

export const ACCESS_MODES = ['local', 'own-url', 'ngrok'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export interface TunnelStatus {
  state: 'connecting' | 'up' | 'reconnecting' | 'failed';
  /** Times the tunnel came back after a loss. */
  reconnects: number;
  /** Since when it is in this state (ISO). */
  since: string;
  /** What went wrong, and what to do (state `failed`, or the last loss). */
  error?: string;
}

export interface AccessStatus {
  mode: AccessMode;
  /** What providers use: `https://…` (no trailing slash), or undefined while unknown (tunnel not up). */
  url?: string;
  /** Mode `local`: the listener binds every interface, so the address to give out is unknown. */
  needsAddress: boolean;
  tunnel?: TunnelStatus;
}

/** The webhook URL and the streamer URL of a public base URL. */
export function providerUrls(base: string, provider: Provider): { webhook: string } {
  return { webhook: `${base}/webhooks/${provider}` };
}

export function streamerUrl(base: string): string {
  return `${base.replace(/^http/, 'ws')}/stream/{call_id}?token=<stream token>`;
}

/** What to switch on in each provider's dashboard. */
export const PROVIDER_GUIDE: Record<Provider, { name: string; events: string }> = {
  ringover: { name: 'Ringover', events: 'Call events: ringing, answered, hangup (and missed calls, voicemail, after-call); the live audio stream for the bot.' },
  ringotel: { name: 'Ringotel', events: 'Call activity: StartCallActivity and StopCallActivity (and recordings if you use them).' },
  ringyo: { name: 'Ringyo', events: 'call.ringing, call.answered, call.completed (and call.recording.ready, call.transcript.ready).' },
  ringg: { name: 'Ringg', events: 'call_started, call_completed, recording_completed and the analysis callbacks.' },
};

export const testEventRequestSchema = z.strictObject({ provider: z.enum(PROVIDERS, { error: `provider must be one of ${PROVIDERS.join(', ')}` }) });

export type TestEventFailure = 'not-public' | 'not-configured' | 'dns' | 'connect' | 'tls' | 'timeout' | 'rejected' | 'not-stored';

export type TestEventResult =
  | { ok: true; provider: Provider; url: string; status: number; ms: number; /** The call the event made, in history. */ callId: string }
  | { ok: false; provider: Provider; url?: string; failure: TestEventFailure; status?: number; message: string };
