// Engine configuration: one schema, three sources (file < environment < flags).
import { z } from 'zod';
import { ACCESS_MODES } from '../../../shared/access.ts';
import { credentialOf, MIN_SECRET_LENGTH, SECRET_TOO_SHORT } from './secret-rules.ts';

const PORT_MESSAGE = 'must be a port number from 0 to 65535 (0 picks a free port)';
const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE);
const secret = z.string().min(MIN_SECRET_LENGTH, SECRET_TOO_SHORT).optional();
const modelUrl = z.url({ error: 'must be a URL like http://localhost:8080/v1' }).optional();
const ms = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be ${min} ms or more`)
    .max(max, `must be ${max} ms or less`)
    .default(fallback);

export const configSchema = z.strictObject({
  dataDir: z.string().min(1),
  publicHost: z.string().min(1).default('0.0.0.0'),
  publicPort: port.default(8000),
  consolePort: port.default(8010),
  /** Generated once and kept in the data dir when not given. */
  consoleToken: z.string().min(16, 'must be at least 16 characters').optional(),

  ringoverApiKey: secret,
  ringoverApiBaseUrl: z.url().default('https://public-api.ringover.com/v2'),
  /** HMAC key of `X-Ringover-Signature`, and the JWT key of every webhook type without a key of its own. */
  ringoverWebhookSecret: secret,
  ringoverWebhookKeyCall: secret,
  ringoverWebhookKeyContactCall: secret,
  ringoverWebhookKeyContactSearch: secret,
  ringoverWebhookKeyRouting: secret,
  ringotelApiToken: secret,
  ringyoWebhookSecret: secret,
  ringgWebhookHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
    .default('Authorization'),
  /** The whole header value; with a scheme (`Bearer …`), the credential after it is the secret. */
  ringgWebhookToken: z
    .string()
    .refine((value) => credentialOf(value).length >= MIN_SECRET_LENGTH, `${SECRET_TOO_SHORT} (after "Bearer " when there is one)`)
    .optional(),
  ringoverStreamerAuthToken: secret,
  /** A port of its own for the stream server; unset (or equal to publicPort) shares the public listener. */
  ringoverWebsocketPort: port.optional(),

  // Public access: how providers reach the public listener from the internet.
  /** `local` (the listener's own address), `own-url` (publicUrl) or `ngrok`; unset: own-url when publicUrl is set. */
  publicAccess: z.enum(ACCESS_MODES, { error: 'must be local, own-url or ngrok' }).optional(),
  /** The address of the user's own tunnel or reverse proxy in front of the public listener. */
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://calls.example.com' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  ngrokAuthtoken: secret,
  /** A domain reserved in the ngrok dashboard (else ngrok assigns one). */
  ngrokDomain: z
    .string()
    .trim()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i, 'must be a domain name like ringside.ngrok.app')
    .optional(),

  // The voice bot. Any OpenAI-compatible server works; each stage can have its own URL and model.
  /**
   * Sent to the model server, never checked by Ringside: a local OpenAI-compatible server takes any
   * placeholder (`OPENAI_API_KEY=ollama`), so the length rule of the secrets Ringside verifies does
   * not apply. Scrubbed from logs like every secret once it has that length.
   */
  openaiApiKey: z.string().min(1).optional(),
  openaiBaseUrl: modelUrl,
  sttBaseUrl: modelUrl,
  sttModel: z.string().min(1).default('gpt-4o-mini-transcribe'),
  llmBaseUrl: modelUrl,
  llmModel: z.string().min(1).default('gpt-4.1-mini'),
  ttsBaseUrl: modelUrl,
  ttsModel: z.string().min(1).default('gpt-4o-mini-tts'),
  ttsVoice: z.string().min(1).default('alloy'),
  realtimeModel: z.string().min(1).default('gpt-realtime'),
  /** `pipeline` (speech-to-text → LLM → text-to-speech), `realtime` (speech to speech) or `off`. */
  botEngine: z.enum(['pipeline', 'realtime', 'off'], { error: 'must be pipeline, realtime or off' }).default('pipeline'),
  /** Who answers a streamed call at first: the bot, or nobody until a supervisor takes it. */
  callMode: z.enum(['bot', 'human'], { error: 'must be bot or human' }).default('bot'),
  botPrompt: z
    .string()
    .min(1)
    .default(
      'You are the phone assistant of a customer support line. Speak briefly and naturally: one or two short sentences at a time. ' +
        'Help the caller; when they ask for a person, or you cannot help, call transfer_to_human with the reason.',
    ),
  botLanguage: z.string().min(2).default('en'),
  botGreeting: z.string().default('Hello, thanks for calling. How can I help you today?'),
  holdMessage: z.string().min(1).default('Thank you. Please hold while I connect you to a colleague.'),
  /** Silence that ends the caller's turn. */
  turnSilenceMs: ms(100, 5000, 500),
  /** Caller speech this long while the bot talks interrupts it (shorter is a backchannel). */
  bargeInMs: ms(60, 3000, 250),
  /** A model that has not answered in this time counts as failed. */
  modelTimeoutMs: ms(500, 120_000, 8000),
});

export type EngineConfig = z.infer<typeof configSchema>;
export type ConfigKey = keyof EngineConfig;

/** Environment variable for each setting that has one. */
export const ENV_NAMES: Partial<Record<ConfigKey, string>> = {
  dataDir: 'RINGSIDE_DATA_DIR',
  consoleToken: 'RINGSIDE_CONSOLE_TOKEN',
  ringoverApiKey: 'RINGOVER_API_KEY',
  ringoverApiBaseUrl: 'RINGOVER_API_BASE_URL',
  ringoverWebhookSecret: 'RINGOVER_WEBHOOK_SECRET',
  ringoverWebhookKeyCall: 'RINGOVER_WEBHOOK_KEY_CALL',
  ringoverWebhookKeyContactCall: 'RINGOVER_WEBHOOK_KEY_CONTACT_CALL',
  ringoverWebhookKeyContactSearch: 'RINGOVER_WEBHOOK_KEY_CONTACT_SEARCH',
  ringoverWebhookKeyRouting: 'RINGOVER_WEBHOOK_KEY_ROUTING',
  ringotelApiToken: 'RINGOTEL_API_TOKEN',
  ringyoWebhookSecret: 'RINGYO_WEBHOOK_SECRET',
  ringgWebhookHeader: 'RINGG_WEBHOOK_HEADER',
  ringgWebhookToken: 'RINGG_WEBHOOK_TOKEN',
  ringoverStreamerAuthToken: 'RINGOVER_STREAMER_AUTH_TOKEN',
  ringoverWebsocketPort: 'RINGOVER_WEBSOCKET_PORT',
  openaiApiKey: 'OPENAI_API_KEY',
  openaiBaseUrl: 'OPENAI_BASE_URL',
  sttBaseUrl: 'OPENAI_STT_BASE_URL',
  sttModel: 'OPENAI_STT_MODEL',
  llmBaseUrl: 'OPENAI_LLM_BASE_URL',
  llmModel: 'OPENAI_LLM_MODEL',
  ttsBaseUrl: 'OPENAI_TTS_BASE_URL',
  ttsModel: 'OPENAI_TTS_MODEL',
  ttsVoice: 'OPENAI_TTS_VOICE',
  realtimeModel: 'OPENAI_REALTIME_MODEL',
  botEngine: 'RINGSIDE_BOT_ENGINE',
  callMode: 'RINGSIDE_CALL_MODE',
  botPrompt: 'RINGSIDE_BOT_PROMPT',
  botLanguage: 'RINGSIDE_BOT_LANGUAGE',
  botGreeting: 'RINGSIDE_BOT_GREETING',
  holdMessage: 'RINGSIDE_HOLD_MESSAGE',
  turnSilenceMs: 'RINGSIDE_TURN_SILENCE_MS',
  bargeInMs: 'RINGSIDE_BARGE_IN_MS',
  modelTimeoutMs: 'RINGSIDE_MODEL_TIMEOUT_MS',
  publicAccess: 'RINGSIDE_PUBLIC_ACCESS',
  publicUrl: 'RINGSIDE_PUBLIC_URL',
  ngrokAuthtoken: 'NGROK_AUTHTOKEN',
  ngrokDomain: 'NGROK_DOMAIN',
};

/** Command-line flag for each setting that has one. */
export const FLAG_NAMES: Partial<Record<ConfigKey, string>> = {
  dataDir: '--data-dir',
  publicHost: '--public-host',
  publicPort: '--public-port',
  consolePort: '--console-port',
  consoleToken: '--console-token',
  publicUrl: '--public-url',
  publicAccess: '--ngrok',
};

/** The name a user would type for a setting: its env var, else its flag, else its file key. */
export function settingName(key: string): string {
  const k = key as ConfigKey;
  return ENV_NAMES[k] ?? FLAG_NAMES[k] ?? key;
}
