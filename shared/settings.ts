// The settings a supervisor can change from the console, as both sides see them. Secrets are
// write-only: the engine says whether one is set and where it comes from, never its value.
import { z } from 'zod';

export type SettingGroup = 'access' | 'ringover' | 'ringotel' | 'ringyo' | 'ringg' | 'streamer' | 'models' | 'bot';

export const GROUP_LABELS: Record<SettingGroup, string> = {
  access: 'Public access',
  ringover: 'Ringover',
  ringotel: 'Ringotel',
  ringyo: 'Ringyo',
  ringg: 'Ringg',
  streamer: 'Live audio',
  models: 'AI models',
  bot: 'Voice bot',
};

export interface SettingInfo {
  key: string;
  label: string;
  group: SettingGroup;
  kind: 'secret' | 'text' | 'url' | 'number' | 'select' | 'textarea';
  /** Environment variable that sets it (and locks it in the console). */
  env: string;
  help: string;
  options?: readonly string[];
}

export const SETTINGS = [
  { key: 'publicAccess', label: 'How providers reach Ringside', group: 'access', kind: 'select', options: ['local', 'own-url', 'ngrok'], env: 'RINGSIDE_PUBLIC_ACCESS', help: 'local: this machine’s own address; own-url: your tunnel or reverse proxy (below); ngrok: the built-in tunnel. Only webhooks and media streams are ever exposed, never this console.' },
  { key: 'publicUrl', label: 'My own URL', group: 'access', kind: 'url', env: 'RINGSIDE_PUBLIC_URL', help: 'The https address of your tunnel or reverse proxy, forwarding to the public listener.' },
  { key: 'ngrokAuthtoken', label: 'ngrok authtoken', group: 'access', kind: 'secret', env: 'NGROK_AUTHTOKEN', help: 'From the ngrok dashboard (Your Authtoken); a free account works.' },
  { key: 'ngrokDomain', label: 'ngrok domain', group: 'access', kind: 'text', env: 'NGROK_DOMAIN', help: 'Optional: a domain reserved in the ngrok dashboard, so the URLs you paste never change.' },
  { key: 'ringoverWebhookSecret', label: 'Webhook secret', group: 'ringover', kind: 'secret', env: 'RINGOVER_WEBHOOK_SECRET', help: 'Signs X-Ringover-Signature, and the JWT of every webhook type without a key of its own.' },
  { key: 'ringoverWebhookKeyCall', label: 'Call events key', group: 'ringover', kind: 'secret', env: 'RINGOVER_WEBHOOK_KEY_CALL', help: 'JWT key of call, aftercall and SMS events, from the webhook page of the Ringover dashboard.' },
  { key: 'ringoverWebhookKeyContactCall', label: 'Contact call key', group: 'ringover', kind: 'secret', env: 'RINGOVER_WEBHOOK_KEY_CONTACT_CALL', help: 'JWT key of contact call webhooks.' },
  { key: 'ringoverWebhookKeyContactSearch', label: 'Contact search key', group: 'ringover', kind: 'secret', env: 'RINGOVER_WEBHOOK_KEY_CONTACT_SEARCH', help: 'JWT key of contact search webhooks.' },
  { key: 'ringoverWebhookKeyRouting', label: 'Smart routing / IVR key', group: 'ringover', kind: 'secret', env: 'RINGOVER_WEBHOOK_KEY_ROUTING', help: 'JWT key of smart routing and IVR code webhooks.' },
  { key: 'ringoverApiKey', label: 'API key', group: 'ringover', kind: 'secret', env: 'RINGOVER_API_KEY', help: 'Ringover API key (for API calls).' },
  { key: 'ringotelApiToken', label: 'API token', group: 'ringotel', kind: 'secret', env: 'RINGOTEL_API_TOKEN', help: 'The api_token Ringotel puts in each webhook body.' },
  { key: 'ringyoWebhookSecret', label: 'Webhook secret', group: 'ringyo', kind: 'secret', env: 'RINGYO_WEBHOOK_SECRET', help: 'Key of the x-ringyo-signature HMAC.' },
  { key: 'ringgWebhookHeader', label: 'Header name', group: 'ringg', kind: 'text', env: 'RINGG_WEBHOOK_HEADER', help: 'The header that carries Ringg’s secret (Authorization by default).' },
  { key: 'ringgWebhookToken', label: 'Header value', group: 'ringg', kind: 'secret', env: 'RINGG_WEBHOOK_TOKEN', help: 'The full expected header value, e.g. "Bearer " and a secret of 8 characters or more.' },
  { key: 'ringoverStreamerAuthToken', label: 'Stream token', group: 'streamer', kind: 'secret', env: 'RINGOVER_STREAMER_AUTH_TOKEN', help: 'Media servers present it to stream call audio; without it every stream is refused.' },
  { key: 'openaiApiKey', label: 'API key', group: 'models', kind: 'secret', env: 'OPENAI_API_KEY', help: 'With neither a key nor a base URL, streamed calls are monitor-only.' },
  { key: 'openaiBaseUrl', label: 'Base URL', group: 'models', kind: 'url', env: 'OPENAI_BASE_URL', help: 'Any OpenAI-compatible server; empty means OpenAI.' },
  { key: 'sttModel', label: 'Speech-to-text model', group: 'models', kind: 'text', env: 'OPENAI_STT_MODEL', help: 'e.g. gpt-4o-mini-transcribe or whisper-1.' },
  { key: 'sttBaseUrl', label: 'Speech-to-text URL', group: 'models', kind: 'url', env: 'OPENAI_STT_BASE_URL', help: 'Only if speech-to-text runs on another server.' },
  { key: 'llmModel', label: 'LLM', group: 'models', kind: 'text', env: 'OPENAI_LLM_MODEL', help: 'The model that writes the bot’s answers.' },
  { key: 'llmBaseUrl', label: 'LLM URL', group: 'models', kind: 'url', env: 'OPENAI_LLM_BASE_URL', help: 'Only if the LLM runs on another server.' },
  { key: 'ttsModel', label: 'Text-to-speech model', group: 'models', kind: 'text', env: 'OPENAI_TTS_MODEL', help: 'e.g. gpt-4o-mini-tts.' },
  { key: 'ttsVoice', label: 'Voice', group: 'models', kind: 'text', env: 'OPENAI_TTS_VOICE', help: 'The bot’s voice, e.g. alloy.' },
  { key: 'ttsBaseUrl', label: 'Text-to-speech URL', group: 'models', kind: 'url', env: 'OPENAI_TTS_BASE_URL', help: 'Only if text-to-speech runs on another server.' },
  { key: 'realtimeModel', label: 'Realtime model', group: 'models', kind: 'text', env: 'OPENAI_REALTIME_MODEL', help: 'Used when the bot engine is realtime.' },
  { key: 'botEngine', label: 'Bot engine', group: 'bot', kind: 'select', options: ['pipeline', 'realtime', 'off'], env: 'RINGSIDE_BOT_ENGINE', help: 'pipeline: speech-to-text → LLM → text-to-speech; realtime: speech to speech; off: monitor only.' },
  { key: 'callMode', label: 'New calls go to', group: 'bot', kind: 'select', options: ['bot', 'human'], env: 'RINGSIDE_CALL_MODE', help: 'human: the bot stays silent until a supervisor hands it the call.' },
  { key: 'botPrompt', label: 'Prompt', group: 'bot', kind: 'textarea', env: 'RINGSIDE_BOT_PROMPT', help: 'The bot’s instructions.' },
  { key: 'botLanguage', label: 'Language', group: 'bot', kind: 'text', env: 'RINGSIDE_BOT_LANGUAGE', help: 'e.g. en, fr: what the caller speaks and the bot answers in.' },
  { key: 'botGreeting', label: 'Greeting', group: 'bot', kind: 'text', env: 'RINGSIDE_BOT_GREETING', help: 'Said when the call’s audio connects.' },
  { key: 'holdMessage', label: 'Hold message', group: 'bot', kind: 'text', env: 'RINGSIDE_HOLD_MESSAGE', help: 'Said when the bot asks for a person.' },
  { key: 'turnSilenceMs', label: 'End of turn (ms of silence)', group: 'bot', kind: 'number', env: 'RINGSIDE_TURN_SILENCE_MS', help: '100–5000.' },
  { key: 'bargeInMs', label: 'Barge-in after (ms of speech)', group: 'bot', kind: 'number', env: 'RINGSIDE_BARGE_IN_MS', help: 'Shorter sounds ("yeah", "mm") do not interrupt the bot. 60–3000.' },
  { key: 'modelTimeoutMs', label: 'Model timeout (ms)', group: 'bot', kind: 'number', env: 'RINGSIDE_MODEL_TIMEOUT_MS', help: 'A model silent this long counts as failed. 500–120000.' },
] as const satisfies readonly SettingInfo[];

export type SettingKey = (typeof SETTINGS)[number]['key'];
export const SETTING_KEYS = SETTINGS.map((s) => s.key) as [SettingKey, ...SettingKey[]];
export const settingInfo = (key: SettingKey): SettingInfo => SETTINGS.find((s) => s.key === key)!;
export const isSecretSetting = (key: SettingKey): boolean => settingInfo(key).kind === 'secret';
/** How a message names a setting: "Webhook secret" (Ringover). */
export const settingLabel = (key: SettingKey): string => `“${settingInfo(key).label}” (${GROUP_LABELS[settingInfo(key).group]})`;

/** Where a setting's value comes from. `file`, `env` and `flag` lock it in the console. */
export type SettingSource = 'default' | 'saved' | 'demo' | 'file' | 'env' | 'flag';
export const LOCKING_SOURCES: readonly SettingSource[] = ['file', 'env', 'flag'];

export interface SettingState {
  key: SettingKey;
  /** A value is set (secrets: the only thing ever said about them). */
  set: boolean;
  /** The current value, for settings that are not secrets. */
  value?: string;
  source: SettingSource;
}

export interface SettingsView {
  settings: SettingState[];
  /** Saved secrets survive a restart (the desktop app encrypts them); false: kept for this run only. */
  secretsPersist: boolean;
  /** How secrets are kept deserves the supervisor's attention (e.g. no OS keyring on this Linux desktop). */
  secretsWarning?: string;
}

/** A change: a new value, or null (or "") to go back to the default. */
export const settingsPatchSchema = z.partialRecord(z.enum(SETTING_KEYS), z.string().max(20_000).nullable());
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
