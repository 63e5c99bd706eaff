import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../electron/engine/config/load.ts';
import { CATALOG, CONFIG_KEYS, type ConfigKey } from '../../../../shared/setting-catalog.ts';

/** A valid value for each setting whose schema takes more than any text. */
const SAMPLES: Partial<Record<ConfigKey, string>> = {
  publicPort: '1', consolePort: '2', teamPort: '4', ringoverWebsocketPort: '3', turnSilenceMs: '600', bargeInMs: '300', modelTimeoutMs: '9000',
  publicAccess: 'ngrok', botEngine: 'realtime', callMode: 'human', ringgWebhookHeader: 'X-Ringg',
  publicUrl: 'https://calls.example.com', ringoverApiBaseUrl: 'https://api.example.com', openaiBaseUrl: 'http://localhost:8080/v1',
  sttBaseUrl: 'http://localhost:8080/v1', llmBaseUrl: 'http://localhost:8080/v1', ttsBaseUrl: 'http://localhost:8080/v1', ngrokDomain: 'ringside.ngrok.app',
  attentionThreshold: '75', attentionKeywords: 'fr: avocat', attentionSideRequests: '12',
  ringoverReconcileMinutes: '7', streamAllowList: '203.0.113.0/24', trustedProxies: '10.0.0.0/8',
  ttsProvider: 'elevenlabs', elevenlabsBaseUrl: 'https://api.eu.residency.elevenlabs.io',
  retentionRecordingsDays: '30', retentionTranscriptsDays: '60', retentionWebhookBodiesDays: '7', retentionAuditDays: '365',
  redactEmails: 'hide', redactPhones: 'hide',
  oidcIssuer: 'https://login.example.com/realms/team',
  databaseUrl: 'postgres://ringside:secret@db.example.com:5432/ringside', natsUrl: 'nats://nats.example.com:4222',
};

const dir = mkdtempSync(join(tmpdir(), 'ringside-config-'));
const file = (content: unknown) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('configuration sources', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ env: { RINGSIDE_DATA_DIR: dir } });
    expect(config).toMatchObject({ publicHost: '0.0.0.0', publicPort: 8000, consolePort: 8010, ringgWebhookHeader: 'Authorization', dataDir: dir });
    expect(config.consoleToken).toBeUndefined();
  });

  it('lets flags override env, and env override the file', () => {
    const configFile = file({ publicPort: 9000, consolePort: 9010, RINGOVER_WEBHOOK_SECRET: 'from-file', ringyoWebhookSecret: 'file-ringyo' });
    const config = loadConfig({
      configFile,
      env: { RINGSIDE_DATA_DIR: dir, RINGOVER_WEBHOOK_SECRET: 'from-env' },
      flags: { publicPort: '9100' },
    });
    expect(config).toMatchObject({ publicPort: 9100, consolePort: 9010, ringoverWebhookSecret: 'from-env', ringyoWebhookSecret: 'file-ringyo' });
  });

  it('reads every setting from its environment variable, and from the file by key or by environment name', () => {
    const defaults = loadConfig({ env: { RINGSIDE_DATA_DIR: dir } });
    for (const key of CONFIG_KEYS) {
      const sample = SAMPLES[key] ?? 'a-value-of-16-chars';
      const config = loadConfig({ env: { RINGSIDE_DATA_DIR: dir, [CATALOG[key].env]: sample } });
      expect(config[key], key).toBeDefined();
      expect(config[key], key).not.toEqual(defaults[key]);
    }
    expect(loadConfig({ configFile: file({ RINGSIDE_PUBLIC_PORT: 9001 }), env: { RINGSIDE_DATA_DIR: dir } }).publicPort).toBe(9001);
    expect(loadConfig({ configFile: file({ publicPort: '9002' }), env: { RINGSIDE_DATA_DIR: dir } }).publicPort).toBe(9002);
  });

  it('takes an ElevenLabs URL with or without the /v1 its SDK adds', () => {
    for (const url of ['https://api.eu.residency.elevenlabs.io', 'https://api.eu.residency.elevenlabs.io/', 'https://api.eu.residency.elevenlabs.io/v1/']) {
      expect(loadConfig({ env: { RINGSIDE_DATA_DIR: dir, ELEVENLABS_BASE_URL: url } }).elevenlabsBaseUrl, url).toBe('https://api.eu.residency.elevenlabs.io');
    }
  });

  it('ignores empty environment variables', () => {
    expect(loadConfig({ env: { RINGSIDE_DATA_DIR: dir, RINGOVER_WEBHOOK_SECRET: '' } }).ringoverWebhookSecret).toBeUndefined();
  });

  it('accepts secrets of 8 characters and more', () => {
    const config = loadConfig({ env: { RINGSIDE_DATA_DIR: dir, RINGOVER_WEBHOOK_SECRET: '12345678', RINGG_WEBHOOK_TOKEN: 'Bearer 12345678' } });
    expect(config).toMatchObject({ ringoverWebhookSecret: '12345678', ringgWebhookToken: 'Bearer 12345678' });
  });

  it('takes any OpenAI key a local model server accepts (Ringside only passes it on)', () => {
    expect(loadConfig({ env: { RINGSIDE_DATA_DIR: dir, OPENAI_API_KEY: 'ollama' } }).openaiApiKey).toBe('ollama');
  });
});
