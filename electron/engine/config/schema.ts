// Engine configuration: one schema, three sources (file < environment < flags).
import { z } from 'zod';

const PORT_MESSAGE = 'must be a port number from 0 to 65535 (0 picks a free port)';
const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE);
const secret = z.string().min(1).optional();

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
  ringgWebhookToken: secret,
  ringoverStreamerAuthToken: secret,
  /** A port of its own for the stream server; unset (or equal to publicPort) shares the public listener. */
  ringoverWebsocketPort: port.optional(),
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
};

/** Command-line flag for each setting that has one. */
export const FLAG_NAMES: Partial<Record<ConfigKey, string>> = {
  dataDir: '--data-dir',
  publicHost: '--public-host',
  publicPort: '--public-port',
  consolePort: '--console-port',
  consoleToken: '--console-token',
};

/** The name a user would type for a setting: its env var, else its flag, else its file key. */
export function settingName(key: string): string {
  const k = key as ConfigKey;
  return ENV_NAMES[k] ?? FLAG_NAMES[k] ?? key;
}
