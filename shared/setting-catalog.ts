// Every setting Ringside reads, one row each: its schema (with its default), its environment
// variable, its flag, whether it is a secret, where the console shows it and what it is called
// there, and which parts of the engine follow a change. The engine's config schema, env and flag
// parsing, `serve --help`, the secrets the logger scrubs, the console's Settings view and patch
// schema, and every message that names a setting are derived from this table: adding a setting is
// adding a row.
import { z } from 'zod';
import { ACCESS_MODES } from './access.ts';
import { addressRangesRefinement } from './address-ranges.ts';
import { keywordLines, score } from './attention-settings.ts';
import { hideOrKeep, noticeLines, retentionDays } from './privacy-settings.ts';
import { choice, milliseconds, modelUrl, name, optionalChoice, passedOnSecret, port, verifiedHeaderValue, verifiedSecret, type SecretRule } from './setting-schemas.ts';

/** Who speaks the pipeline's answers: OpenAI's speech endpoint (or a compatible server), or ElevenLabs. */
export const TTS_PROVIDERS = ['openai', 'elevenlabs'] as const;

/** ElevenLabs' example voice in its API reference ("George"), a default voice every account has. */
export const ELEVENLABS_DEFAULT_VOICE = 'JBFqnCBsd6RMkjVDRZzb';

export type SettingGroup = 'engine' | 'access' | 'ringover' | 'ringotel' | 'ringyo' | 'ringg' | 'streamer' | 'models' | 'bot' | 'attention' | 'privacy';

/** Group names, in the order the console shows them. */
export const GROUP_LABELS: Record<SettingGroup, string> = {
  engine: 'Listeners and data',
  access: 'Public access',
  ringover: 'Ringover',
  ringotel: 'Ringotel',
  ringyo: 'Ringyo',
  ringg: 'Ringg',
  streamer: 'Live audio',
  models: 'AI models',
  bot: 'Voice bot',
  attention: 'Attention',
  privacy: 'Privacy',
};

export type SettingKind = 'secret' | 'text' | 'url' | 'number' | 'select' | 'textarea';

/** The parts of a running engine that follow a change made in the console. */
export type Reaction = 'webhooks' | 'streams' | 'bot' | 'access';

export const REACTIONS: Record<Reaction, string> = {
  webhooks: 'changes how webhooks are verified (from the next delivery)',
  streams: 'changes which media servers may stream (from the next connection)',
  bot: 'changes the voice bot of calls whose audio connects from now on',
  access: 'changes how providers reach Ringside (the tunnel restarts)',
};

/** A flag that takes the value (`--public-port N`), or one that sets a fixed value (`--ngrok`). */
export type SettingFlag = { name: `--${string}`; arg: string } | { name: `--${string}`; sets: string; help: string };

export interface SettingRow {
  /** The value's schema, with its default when it has one. */
  schema: z.ZodType;
  kind: SettingKind;
  /** Secrets are never shown, never logged, never written in plain text. */
  secret?: SecretRule;
  options?: readonly string[];
  /** The environment variable that sets it (also accepted as its key in a config file). */
  env: string;
  flag?: SettingFlag;
  group: SettingGroup;
  label: string;
  help: string;
  /** The default, in words, when the engine works it out at start (the schema has none). */
  defaultText?: string;
  /** A supervisor can change it in the console's Settings (unless the operator set it). */
  console: boolean;
  /** What follows a change made in the console; settings without apply at the next start. */
  reacts?: readonly Reaction[];
}

export const CATALOG = {
  dataDir: {
    kind: 'text', schema: z.string().min(1), env: 'RINGSIDE_DATA_DIR', flag: { name: '--data-dir', arg: 'DIR' },
    group: 'engine', label: 'Data folder', help: 'Where the store, the console token and the recordings live.',
    defaultText: "the platform's app-data folder", console: false,
  },
  publicHost: {
    kind: 'text', schema: z.string().min(1).default('0.0.0.0'), env: 'RINGSIDE_PUBLIC_HOST', flag: { name: '--public-host', arg: 'HOST' },
    group: 'engine', label: 'Public listener address', help: 'Address of the public listener: webhooks and media streams.', console: false,
  },
  publicPort: {
    ...port(), schema: port().schema.default(8000), env: 'RINGSIDE_PUBLIC_PORT', flag: { name: '--public-port', arg: 'N' },
    group: 'engine', label: 'Public listener port', help: 'Port of the public listener: webhooks and media streams (0 picks a free one).', console: false,
  },
  consolePort: {
    ...port(), schema: port().schema.default(8010), env: 'RINGSIDE_CONSOLE_PORT', flag: { name: '--console-port', arg: 'N' },
    group: 'engine', label: 'Console port', help: 'Port of the console listener, always bound to 127.0.0.1.', console: false,
  },
  consoleToken: {
    ...verifiedSecret(16), env: 'RINGSIDE_CONSOLE_TOKEN', flag: { name: '--console-token', arg: 'TOKEN' },
    group: 'engine', label: 'Console token', help: 'Bearer token of the console API.',
    defaultText: 'generated once, kept in <data dir>/console-token', console: false,
  },
  teamPort: {
    ...port(), schema: port().schema.optional(), env: 'RINGSIDE_TEAM_PORT', flag: { name: '--team-port', arg: 'N' },
    group: 'engine', label: 'Team listener port',
    help: 'Serves the console to remote supervisors, each signed in with an account (unset: no team listener). Never the public listener.',
    defaultText: 'off', console: false,
  },
  teamHost: {
    kind: 'text', schema: z.string().min(1).default('0.0.0.0'), env: 'RINGSIDE_TEAM_HOST', flag: { name: '--team-host', arg: 'HOST' },
    group: 'engine', label: 'Team listener address', help: 'Address of the team listener (127.0.0.1 behind a reverse proxy on this machine).', console: false,
  },
  tlsCert: {
    kind: 'text', schema: z.string().min(1).optional(), env: 'RINGSIDE_TLS_CERTFILE', flag: { name: '--tls-cert', arg: 'FILE' },
    group: 'engine', label: 'TLS certificate', help: 'PEM certificate chain of the team listener (with the key: HTTPS; without both: plain HTTP for a TLS reverse proxy).',
    defaultText: 'none', console: false,
  },
  tlsKey: {
    kind: 'text', schema: z.string().min(1).optional(), env: 'RINGSIDE_TLS_KEYFILE', flag: { name: '--tls-key', arg: 'FILE' },
    group: 'engine', label: 'TLS key', help: 'PEM private key of the team listener’s certificate.', defaultText: 'none', console: false,
  },
  oidcIssuer: {
    kind: 'url', schema: z.url({ protocol: /^https$/, error: 'must be the issuer’s https URL, like https://login.example.com/realms/team' }).optional(),
    env: 'RINGSIDE_OIDC_ISSUER', flag: { name: '--oidc-issuer', arg: 'URL' },
    group: 'engine', label: 'Single sign-on issuer',
    help: 'OpenID Connect issuer of the team listener’s single sign-on (with the client id and secret); each person still needs an account of the same name.',
    defaultText: 'off', console: false,
  },
  oidcClientId: {
    kind: 'text', schema: z.string().min(1).max(500).optional(), env: 'RINGSIDE_OIDC_CLIENT_ID', flag: { name: '--oidc-client-id', arg: 'ID' },
    group: 'engine', label: 'Single sign-on client id', help: 'The client id Ringside has at the issuer (its redirect URI: <team URL>/api/team/sso/callback).', defaultText: 'none', console: false,
  },
  oidcClientSecret: {
    ...verifiedSecret(), env: 'RINGSIDE_OIDC_CLIENT_SECRET',
    group: 'engine', label: 'Single sign-on client secret', help: 'The client secret Ringside has at the issuer.', console: false,
  },
  databaseUrl: {
    kind: 'secret', secret: 'passed-on',
    schema: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL like postgres://ringside:PASSWORD@db.example.com:5432/ringside').optional(),
    env: 'RINGSIDE_DATABASE_URL', flag: { name: '--database-url', arg: 'URL' },
    group: 'engine', label: 'PostgreSQL URL',
    help: 'Keeps calls and events in this PostgreSQL database instead of the data folder, so several engines behind one load balancer share them. Holds the database password: a secret.',
    defaultText: 'none: SQLite in the data folder', console: false,
  },
  natsUrl: {
    kind: 'secret', secret: 'passed-on',
    schema: z.string().regex(/^(nats|tls):\/\/\S+$/, 'must be a NATS URL like nats://nats.example.com:4222').optional(),
    env: 'RINGSIDE_NATS_URL', flag: { name: '--nats-url', arg: 'URL' },
    group: 'engine', label: 'NATS URL',
    help: 'Connects the engines of a cluster: every console follows every call, and a command reaches the engine holding the call’s media stream. May hold a password: a secret.',
    defaultText: 'none: one engine', console: false,
  },

  publicAccess: {
    ...optionalChoice(ACCESS_MODES), env: 'RINGSIDE_PUBLIC_ACCESS',
    flag: { name: '--ngrok', sets: 'ngrok', help: 'Open the built-in ngrok tunnel to the public listener; it needs the ngrok authtoken.' },
    group: 'access', label: 'How providers reach Ringside',
    help: 'local: this machine’s own address; own-url: your tunnel or reverse proxy (below); ngrok: the built-in tunnel. Only webhooks and media streams are ever exposed, never this console.',
    defaultText: 'own-url when a public URL is set, else local', console: true, reacts: ['access'],
  },
  publicUrl: {
    kind: 'url',
    schema: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://calls.example.com' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    env: 'RINGSIDE_PUBLIC_URL', flag: { name: '--public-url', arg: 'URL' },
    group: 'access', label: 'My own URL', help: 'The https address of your tunnel or reverse proxy, forwarding to the public listener.', console: true, reacts: ['access'],
  },
  ngrokAuthtoken: {
    ...verifiedSecret(), env: 'NGROK_AUTHTOKEN',
    group: 'access', label: 'ngrok authtoken', help: 'From the ngrok dashboard (Your Authtoken); a free account works.', console: true, reacts: ['access'],
  },
  ngrokDomain: {
    kind: 'text',
    schema: z
      .string()
      .trim()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i, 'must be a domain name like ringside.ngrok.app')
      .optional(),
    env: 'NGROK_DOMAIN',
    group: 'access', label: 'ngrok domain', help: 'Optional: a domain reserved in the ngrok dashboard, so the URLs you paste never change.',
    defaultText: 'ngrok assigns one', console: true, reacts: ['access'],
  },

  ringoverWebhookSecret: {
    ...verifiedSecret(), env: 'RINGOVER_WEBHOOK_SECRET',
    group: 'ringover', label: 'Webhook secret', help: 'Signs X-Ringover-Signature, and the JWT of every webhook type without a key of its own.', console: true, reacts: ['webhooks'],
  },
  ringoverWebhookKeyCall: {
    ...verifiedSecret(), env: 'RINGOVER_WEBHOOK_KEY_CALL',
    group: 'ringover', label: 'Call events key', help: 'JWT key of call, aftercall and SMS events, from the webhook page of the Ringover dashboard.', console: true, reacts: ['webhooks'],
  },
  ringoverWebhookKeyContactCall: {
    ...verifiedSecret(), env: 'RINGOVER_WEBHOOK_KEY_CONTACT_CALL',
    group: 'ringover', label: 'Contact call key', help: 'JWT key of contact call webhooks.', console: true, reacts: ['webhooks'],
  },
  ringoverWebhookKeyContactSearch: {
    ...verifiedSecret(), env: 'RINGOVER_WEBHOOK_KEY_CONTACT_SEARCH',
    group: 'ringover', label: 'Contact search key', help: 'JWT key of contact search webhooks.', console: true, reacts: ['webhooks'],
  },
  ringoverWebhookKeyRouting: {
    ...verifiedSecret(), env: 'RINGOVER_WEBHOOK_KEY_ROUTING',
    group: 'ringover', label: 'Smart routing / IVR key', help: 'JWT key of smart routing and IVR code webhooks.', console: true, reacts: ['webhooks'],
  },
  ringoverApiKey: {
    ...verifiedSecret(), env: 'RINGOVER_API_KEY',
    group: 'ringover', label: 'API key', help: 'Ringover API key (for API calls).', console: true,
  },
  ringoverApiBaseUrl: {
    kind: 'url', schema: z.url().default('https://public-api.ringover.com/v2'), env: 'RINGOVER_API_BASE_URL',
    group: 'ringover', label: 'API base URL', help: 'Ringover API base URL (keys starting US_ use https://public-api-us.ringover.com/v2).', console: false,
  },
  ringoverCallerNumber: {
    kind: 'text', schema: z.string().trim().max(30).optional(), env: 'RINGOVER_CALLER_NUMBER',
    group: 'ringover', label: 'Call back from',
    help: 'One of your Ringover numbers: “Call back” rings the API key’s Ringover user, then calls the customer from it (empty: the user’s default number).',
    console: true,
  },
  ringoverSmsNumber: {
    kind: 'text', schema: z.string().trim().max(30).optional(), env: 'RINGOVER_SMS_NUMBER',
    group: 'ringover', label: 'SMS number', help: 'The Ringover number SMS follow-ups are sent from (it must be able to send SMS).', console: true,
  },
  ringoverReconcileMinutes: {
    kind: 'number',
    schema: z.coerce.number({ error: 'must be a number of minutes' }).int('must be whole minutes').min(0, 'must be 0 (off) or more').max(1440, 'must be 1440 minutes or less').default(5),
    env: 'RINGOVER_RECONCILE_MINUTES',
    group: 'ringover', label: 'Reconcile every (minutes)', help: 'How often Ringside reads Ringover’s call log to fill in calls whose webhooks never arrived (0: never).', console: true,
  },
  ringotelApiToken: {
    ...verifiedSecret(), env: 'RINGOTEL_API_TOKEN',
    group: 'ringotel', label: 'API token', help: 'The api_token Ringotel puts in each webhook body.', console: true, reacts: ['webhooks'],
  },
  ringyoWebhookSecret: {
    ...verifiedSecret(), env: 'RINGYO_WEBHOOK_SECRET',
    group: 'ringyo', label: 'Webhook secret', help: 'Key of the x-ringyo-signature HMAC.', console: true, reacts: ['webhooks'],
  },
  ringgWebhookHeader: {
    kind: 'text', schema: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name').default('Authorization'), env: 'RINGG_WEBHOOK_HEADER',
    group: 'ringg', label: 'Header name', help: 'The header that carries Ringg’s secret (Authorization by default).', console: true, reacts: ['webhooks'],
  },
  ringgWebhookToken: {
    ...verifiedHeaderValue(), env: 'RINGG_WEBHOOK_TOKEN',
    group: 'ringg', label: 'Header value', help: 'The full expected header value, e.g. "Bearer " and a secret of 8 characters or more.', console: true, reacts: ['webhooks'],
  },

  ringoverStreamerAuthToken: {
    ...verifiedSecret(), env: 'RINGOVER_STREAMER_AUTH_TOKEN',
    group: 'streamer', label: 'Stream token', help: 'Media servers present it to stream call audio; without it every stream is refused.', console: true, reacts: ['streams'],
  },
  ringoverWebsocketPort: {
    ...port(), schema: port().schema.optional(), env: 'RINGOVER_WEBSOCKET_PORT',
    group: 'streamer', label: 'Stream port', help: 'A port of its own for the stream server (unset, or the public port: the public listener takes the streams).',
    defaultText: 'the public port', console: false,
  },
  streamAllowList: {
    kind: 'textarea', schema: z.string().max(4000).refine((t) => addressRangesRefinement(t) === true, { error: (issue) => String(addressRangesRefinement(String(issue.input))) }).optional(),
    env: 'RINGSIDE_STREAM_ALLOW',
    group: 'streamer', label: 'Allowed sources',
    help: 'Only these addresses and ranges (CIDR, e.g. 203.0.113.0/24) may stream audio or send webhooks; others get 403. Empty: any source (the default).',
    console: true, reacts: ['streams', 'webhooks'],
  },
  trustedProxies: {
    kind: 'textarea', schema: z.string().max(4000).refine((t) => addressRangesRefinement(t) === true, { error: (issue) => String(addressRangesRefinement(String(issue.input))) }).optional(),
    env: 'RINGSIDE_TRUSTED_PROXIES',
    group: 'streamer', label: 'Trusted proxies',
    help: 'Proxies and tunnels in front of Ringside (CIDR): only from these is X-Forwarded-For believed when checking allowed sources. The built-in tunnel connects from this machine (127.0.0.1, ::1).',
    console: true, reacts: ['streams', 'webhooks'],
  },

  openaiApiKey: {
    // Only passed on: a local OpenAI-compatible server takes any placeholder (OPENAI_API_KEY=ollama).
    ...passedOnSecret(), env: 'OPENAI_API_KEY',
    group: 'models', label: 'API key', help: 'With neither a key nor a base URL, streamed calls are monitor-only.', console: true, reacts: ['bot'],
  },
  openaiBaseUrl: {
    ...modelUrl(), env: 'OPENAI_BASE_URL',
    group: 'models', label: 'Base URL', help: 'Any OpenAI-compatible server; empty means OpenAI.', console: true, reacts: ['bot'],
  },
  sttModel: {
    ...name('gpt-4o-mini-transcribe'), env: 'OPENAI_STT_MODEL',
    group: 'models', label: 'Speech-to-text model', help: 'e.g. gpt-4o-mini-transcribe or whisper-1.', console: true, reacts: ['bot'],
  },
  sttBaseUrl: {
    ...modelUrl(), env: 'OPENAI_STT_BASE_URL',
    group: 'models', label: 'Speech-to-text URL', help: 'Only if speech-to-text runs on another server.', console: true, reacts: ['bot'],
  },
  llmModel: {
    ...name('gpt-4.1-mini'), env: 'OPENAI_LLM_MODEL',
    group: 'models', label: 'LLM', help: 'The model that writes the bot’s answers.', console: true, reacts: ['bot'],
  },
  llmBaseUrl: {
    ...modelUrl(), env: 'OPENAI_LLM_BASE_URL',
    group: 'models', label: 'LLM URL', help: 'Only if the LLM runs on another server.', console: true, reacts: ['bot'],
  },
  ttsProvider: {
    ...choice(TTS_PROVIDERS, 'openai'), env: 'RINGSIDE_TTS_PROVIDER',
    group: 'models', label: 'Text-to-speech provider',
    help: 'openai: OpenAI or an OpenAI-compatible server (the three settings below); elevenlabs: ElevenLabs (its settings after them).',
    console: true, reacts: ['bot'],
  },
  ttsModel: {
    ...name('gpt-4o-mini-tts'), env: 'OPENAI_TTS_MODEL',
    group: 'models', label: 'Text-to-speech model', help: 'e.g. gpt-4o-mini-tts.', console: true, reacts: ['bot'],
  },
  ttsVoice: {
    ...name('alloy'), env: 'OPENAI_TTS_VOICE',
    group: 'models', label: 'Voice', help: 'The bot’s voice, e.g. alloy.', console: true, reacts: ['bot'],
  },
  ttsBaseUrl: {
    ...modelUrl(), env: 'OPENAI_TTS_BASE_URL',
    group: 'models', label: 'Text-to-speech URL', help: 'Only if text-to-speech runs on another server.', console: true, reacts: ['bot'],
  },
  // ElevenLabs speaks the pipeline's answers when the text-to-speech provider is elevenlabs (the
  // engine's pipeline/tts/elevenlabs.ts, through its official SDK).
  elevenlabsApiKey: {
    ...verifiedSecret(), env: 'ELEVENLABS_API_KEY',
    group: 'models', label: 'ElevenLabs API key', help: 'From the ElevenLabs dashboard (Developers → API keys), with the Text to Speech permission.', console: true, reacts: ['bot'],
  },
  elevenlabsVoiceId: {
    ...name(ELEVENLABS_DEFAULT_VOICE), env: 'ELEVENLABS_VOICE_ID',
    group: 'models', label: 'ElevenLabs voice ID', help: 'The voice’s ID, from My Voices in ElevenLabs. Empty: George, one of ElevenLabs’ default voices.', console: true, reacts: ['bot'],
  },
  elevenlabsModel: {
    ...name('eleven_flash_v2_5'), env: 'ELEVENLABS_MODEL',
    group: 'models', label: 'ElevenLabs model', help: 'eleven_flash_v2_5 answers fastest, in 32 languages; eleven_multilingual_v2 sounds richer but is slower.', console: true, reacts: ['bot'],
  },
  elevenlabsBaseUrl: {
    kind: 'url',
    schema: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://api.eu.residency.elevenlabs.io' })
      // The SDK adds `/v1/…` itself: a URL pasted with it would ask for `/v1/v1/…`.
      .transform((url) => url.replace(/\/+$/, '').replace(/\/v1$/, ''))
      .optional(),
    env: 'ELEVENLABS_BASE_URL',
    group: 'models', label: 'ElevenLabs URL', help: 'Only for a regional endpoint (e.g. https://api.eu.residency.elevenlabs.io) or a stand-in; empty means api.elevenlabs.io.', console: true, reacts: ['bot'],
  },
  realtimeModel: {
    ...name('gpt-realtime'), env: 'OPENAI_REALTIME_MODEL',
    group: 'models', label: 'Realtime model', help: 'Used when the bot engine is realtime.', console: true, reacts: ['bot'],
  },

  botEngine: {
    ...choice(['pipeline', 'realtime', 'off'], 'pipeline'), env: 'RINGSIDE_BOT_ENGINE',
    group: 'bot', label: 'Bot engine', help: 'pipeline: speech-to-text → LLM → text-to-speech; realtime: speech to speech; off: monitor only.', console: true, reacts: ['bot'],
  },
  callMode: {
    ...choice(['bot', 'human'], 'bot'), env: 'RINGSIDE_CALL_MODE',
    group: 'bot', label: 'New calls go to', help: 'human: the bot stays silent until a supervisor hands it the call.', console: true, reacts: ['bot'],
  },
  // The bot's words default to those of its language (English or French, the engine's
  // pipeline/prompts.ts): a value set here is used as written, whatever the language.
  botPrompt: {
    kind: 'textarea', schema: z.string().trim().min(1).optional(), env: 'RINGSIDE_BOT_PROMPT',
    group: 'bot', label: 'Prompt', help: 'The bot’s instructions. Empty: instructions in the bot’s language (English or French).', defaultText: 'instructions in the bot’s language', console: true, reacts: ['bot'],
  },
  botLanguage: {
    kind: 'text', schema: z.string().min(2).default('en'), env: 'RINGSIDE_BOT_LANGUAGE',
    group: 'bot', label: 'Language', help: 'e.g. en, fr: what the caller speaks and the bot answers in.', console: true, reacts: ['bot'],
  },
  botGreeting: {
    kind: 'text', schema: z.string().optional(), env: 'RINGSIDE_BOT_GREETING',
    group: 'bot', label: 'Greeting', help: 'Said when the call’s audio connects. Empty: a greeting in the bot’s language.', defaultText: 'a greeting in the bot’s language', console: true, reacts: ['bot'],
  },
  holdMessage: {
    kind: 'text', schema: z.string().trim().min(1).optional(), env: 'RINGSIDE_HOLD_MESSAGE',
    group: 'bot', label: 'Hold message', help: 'Said when the bot asks for a person. Empty: a hold message in the bot’s language.', defaultText: 'a hold message in the bot’s language', console: true, reacts: ['bot'],
  },
  turnSilenceMs: {
    ...milliseconds(100, 5000, 500), env: 'RINGSIDE_TURN_SILENCE_MS',
    group: 'bot', label: 'End of turn (ms of silence)', help: 'Silence that ends the caller’s turn. 100–5000.', console: true, reacts: ['bot'],
  },
  bargeInMs: {
    ...milliseconds(60, 3000, 250), env: 'RINGSIDE_BARGE_IN_MS',
    group: 'bot', label: 'Barge-in after (ms of speech)', help: 'Shorter sounds ("yeah", "mm") do not interrupt the bot. 60–3000.', console: true, reacts: ['bot'],
  },
  modelTimeoutMs: {
    ...milliseconds(500, 120_000, 8000), env: 'RINGSIDE_MODEL_TIMEOUT_MS',
    group: 'bot', label: 'Model timeout (ms)', help: 'A model silent this long counts as failed. 500–120000.', console: true, reacts: ['bot'],
  },

  // Read by the attention scorer each time it scores a call: a change applies to live calls at once.
  attentionThreshold: {
    ...score(60), env: 'RINGSIDE_ATTENTION_THRESHOLD',
    group: 'attention', label: 'Alert threshold', help: 'A live call whose attention score reaches this (1–100) raises a notification.', console: true,
  },
  attentionKeywords: {
    ...keywordLines('en: lawyer, cancel, complaint, refund\nfr: avocat, résilier, réclamation, remboursement'), env: 'RINGSIDE_ATTENTION_KEYWORDS',
    group: 'attention', label: 'Alert keywords',
    help: 'Words that raise an alert when a caller says them: one line per language ("fr: réclamation, avocat"); a line without a language applies to all.',
    console: true,
  },
  // Read at each caller line: a change applies to live calls at once.
  attentionSideRequests: {
    kind: 'number',
    schema: z.coerce.number({ error: 'must be a number of requests' }).int('must be a whole number').min(0, 'must be 0 (off) or more').max(500, 'must be 500 or less').default(30),
    env: 'RINGSIDE_ATTENTION_SIDE_REQUESTS',
    group: 'attention', label: 'LLM side requests per call',
    help: 'At most one per caller line, for the briefing and the frustration or asks for a person that words miss (0: none; facts found by pattern and the bot’s tools still brief).',
    console: true,
  },

  // Read by the retention job each time it runs (daily, and at start-up): a change applies at its next run.
  retentionRecordingsDays: {
    ...retentionDays(), env: 'RINGSIDE_RETENTION_RECORDINGS_DAYS',
    group: 'privacy', label: 'Keep recordings (days)', help: 'Recordings older than this are deleted from the disk each day. 0 keeps them.', console: true,
  },
  retentionTranscriptsDays: {
    ...retentionDays(), env: 'RINGSIDE_RETENTION_TRANSCRIPTS_DAYS',
    group: 'privacy', label: 'Keep transcripts and summaries (days)', help: 'Transcripts, summaries and briefings older than this are deleted each day. 0 keeps them.', console: true,
  },
  retentionWebhookBodiesDays: {
    ...retentionDays(), env: 'RINGSIDE_RETENTION_WEBHOOK_BODIES_DAYS',
    group: 'privacy', label: 'Keep raw webhook bodies (days)', help: 'The bodies providers sent, kept as received, are deleted after this; the events read from them stay. 0 keeps them.', console: true,
  },
  retentionAuditDays: {
    ...retentionDays(), env: 'RINGSIDE_RETENTION_AUDIT_DAYS',
    group: 'privacy', label: 'Keep the audit trail (days)', help: 'Records of what administrators did (holds, exports, erasures) are deleted after this. 0 keeps them.', console: true,
  },
  // Read each time a text is redacted: a change applies to what is said from then on.
  redactEmails: {
    ...hideOrKeep('keep'), env: 'RINGSIDE_REDACT_EMAILS',
    group: 'privacy', label: 'Hide e-mail addresses', help: 'Hide: e-mail addresses said or written in a call are kept and shown as [e-mail]. Card numbers and IBANs are always hidden.', console: true,
  },
  redactPhones: {
    ...hideOrKeep('keep'), env: 'RINGSIDE_REDACT_PHONES',
    group: 'privacy', label: 'Hide other phone numbers', help: 'Hide: phone numbers said in a call, other than the call’s own, are kept and shown as [phone number].', console: true,
  },
  recordingNotice: {
    ...noticeLines(), env: 'RINGSIDE_RECORDING_NOTICE',
    group: 'privacy', label: 'Recording notice',
    help: 'Said after the greeting, one line per language ("fr: Cet appel est enregistré."); empty: none. Calls where no notice was played are marked.',
    console: true, reacts: ['bot'],
  },
} as const satisfies Record<string, SettingRow>;

type Catalog = typeof CATALOG;
/** Every setting's key (as in a config file: `publicPort`). */
export type ConfigKey = keyof Catalog;
/** The settings a supervisor can change in the console. */
export type SettingKey = { [K in ConfigKey]: Catalog[K]['console'] extends true ? K : never }[ConfigKey];

export const CONFIG_KEYS = Object.keys(CATALOG) as ConfigKey[];
export const rowOf = (key: ConfigKey): SettingRow => CATALOG[key];
export const isSecret = (key: ConfigKey): boolean => rowOf(key).secret !== undefined;
/** The keys whose change the given part of the engine follows. */
export const reactsTo = (changed: Iterable<string>, reaction: Reaction): boolean =>
  [...changed].some((key) => (CATALOG as Record<string, SettingRow>)[key]?.reacts?.includes(reaction));
