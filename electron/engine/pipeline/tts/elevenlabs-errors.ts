// What ElevenLabs' refusals mean for whoever set Ringside up, in words that say what to change.
// ElevenLabs answers errors as `{"detail": {"status": "<code>", "message": "…"}}` (422 validation
// errors as `{"detail": [{"msg": …}]}`); the codes that matter here, from its help centre's "API
// error codes" pages: `invalid_api_key` (401), `quota_exceeded` (401: the account is out of
// credits), `missing_permissions` (403: the key lacks Text to Speech), `voice_not_found` (404, some
// older answers 400), `model_not_found`, `too_many_concurrent_requests` and `system_busy` (429).
// The SDK throws them as `ElevenLabsError` with `statusCode` and the parsed `body`; they are read by
// shape here so this module does not load the SDK.
import { nameSetting } from '../../../../shared/setting-names.ts';
import type { ElevenLabsSettings } from './elevenlabs.ts';

/** The parts of the SDK's `ElevenLabsError` (and `ElevenLabsTimeoutError`) read here. */
interface SdkError {
  name?: string;
  message?: string;
  statusCode?: number;
  body?: unknown;
  cause?: unknown;
}

const key = () => nameSetting('elevenlabsApiKey', 'peer');

/** Speech with ElevenLabs chosen but no key to ask with. */
export const noElevenLabsKey = (): Error =>
  new Error(`no ElevenLabs API key: set ${key()}, or choose openai as the ${nameSetting('ttsProvider', 'peer')}`);

/** `{detail: {status, message}}` → its two strings; anything else → what can be shown of it. */
function detailOf(body: unknown): { status?: string; message?: string } {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (detail && typeof detail === 'object' && !Array.isArray(detail)) {
    const { status, message } = detail as Record<string, unknown>;
    return { ...(typeof status === 'string' && { status }), ...(typeof message === 'string' && { message: message.slice(0, 300) }) };
  }
  if (Array.isArray(detail)) return { message: detail.map((d) => (d as { msg?: unknown })?.msg).filter((m) => typeof m === 'string').join('; ').slice(0, 300) };
  return typeof body === 'string' && body.trim() ? { message: body.trim().slice(0, 300) } : {};
}

/** The error a turn reports for what the SDK threw (the vendor's own words kept after ours). */
export function elevenLabsRefusal(error: unknown, settings: Pick<ElevenLabsSettings, 'voiceId' | 'model' | 'baseUrl' | 'timeoutMs'>): Error {
  const sdk = (error ?? {}) as SdkError;
  if (sdk.name === 'ElevenLabsTimeoutError') return new Error(`ElevenLabs did not answer within ${settings.timeoutMs} ms`);
  const status = sdk.statusCode;
  if (status === undefined) {
    const cause = (sdk.cause as Error | undefined)?.cause ?? sdk.cause;
    const why = (cause as Error | undefined)?.message ?? sdk.message ?? String(error);
    return new Error(`ElevenLabs could not be reached at ${settings.baseUrl ?? 'https://api.elevenlabs.io'} (${why}): check the network, or ${nameSetting('elevenlabsBaseUrl', 'peer')}`);
  }
  const detail = detailOf(sdk.body);
  const theirs = detail.message ? ` ElevenLabs said: “${detail.message}”` : '';
  const code = `${status}${detail.status ? ` ${detail.status}` : ''}`;
  const say = (what: string) => new Error(`${what} (${code}).${theirs}`);
  switch (detail.status) {
    case 'quota_exceeded':
      return say('the ElevenLabs account has no credits left for this speech: add credits, or turn on usage-based billing, in its subscription page');
    case 'invalid_api_key':
      return say(`ElevenLabs refused the API key: check ${key()}`);
    case 'missing_permissions':
      return say(`the ElevenLabs API key may not use Text to Speech: give it that permission in ElevenLabs, or set another key in ${key()}`);
    case 'voice_not_found':
      return say(`ElevenLabs has no voice “${settings.voiceId}” for this key: set ${nameSetting('elevenlabsVoiceId', 'peer')} to a voice from My Voices`);
    case 'model_not_found':
      return say(`ElevenLabs has no model “${settings.model}”: set ${nameSetting('elevenlabsModel', 'peer')}, e.g. eleven_flash_v2_5`);
    case 'too_many_concurrent_requests':
      return say('ElevenLabs refused: more speech requests at once than the plan allows; fewer bot calls at once, or a plan with more concurrency, avoids it');
    case 'system_busy':
      return say('ElevenLabs is overloaded for the moment, on its side: nothing to change here');
  }
  if (status === 401) return say(`ElevenLabs refused the API key: check ${key()}`);
  if (status === 403) return say(`the ElevenLabs API key may not use Text to Speech: give it that permission in ElevenLabs, or set another key in ${key()}`);
  // The path names only the voice: a 404 without a code is the voice.
  if (status === 404) return say(`ElevenLabs has no voice “${settings.voiceId}” for this key: set ${nameSetting('elevenlabsVoiceId', 'peer')} to a voice from My Voices`);
  if (status === 429) return say('ElevenLabs refused: too many requests for the plan; fewer bot calls at once avoids it');
  return say(`ElevenLabs could not speak${status >= 500 ? ': its service failed' : ''}`);
}
