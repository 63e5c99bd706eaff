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

/**
 * Said with a test event's result whatever it was: the public URL's host is one no provider on the
 * internet can reach (`unreachableHost`), so a success only proves the path from this machine.
 * `message` is the English sentence for API clients; the console words it from `code` and `host`.
 */
export interface TestEventWarning {
  code: 'unreachable-address';
  host: string;
  message: string;
}

export type TestEventResult =
  | { ok: true; provider: Provider; url: string; status: number; ms: number; /** The call the event made, in history. */ callId: string; warning?: TestEventWarning }
  | { ok: false; provider: Provider; url?: string; failure: TestEventFailure; status?: number; message: string; warning?: TestEventWarning };

/**
 * The host of `url` when no provider on the internet can reach it: loopback (127.0.0.1, ::1,
 * localhost), private (RFC 1918 10/8, 172.16/12, 192.168/16; RFC 4193 fc00::/7), shared (RFC 6598
 * 100.64/10), link-local (169.254/16, fe80::/10), unspecified (0.0.0.0, ::), or a name only a local
 * network resolves (one label, .local, .lan, .internal, .home.arpa). Undefined for a public address,
 * or a URL that does not parse.
 */
export function unreachableHost(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const bare = host.replace(/^\[|\]$/g, '');
  const v4 = bare.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    const local = a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
    return local ? host : undefined;
  }
  if (bare.includes(':')) {
    const local = bare === '::' || bare === '::1' || /^f[cd][0-9a-f]{2}:/.test(bare) || /^fe[89ab][0-9a-f]:/.test(bare) || /^::ffff:(127|10|192\.168)\./.test(bare);
    return local ? host : undefined;
  }
  const names = /(^|\.)(localhost|local|lan|internal|home\.arpa)$/;
  return !host.includes('.') || names.test(host) ? host : undefined;
}
