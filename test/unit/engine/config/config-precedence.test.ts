import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../electron/engine/config/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'ringside-config-'));
const file = (content: unknown) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('configuration', () => {
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

  it('ignores empty environment variables', () => {
    expect(loadConfig({ env: { RINGSIDE_DATA_DIR: dir, RINGOVER_WEBHOOK_SECRET: '' } }).ringoverWebhookSecret).toBeUndefined();
  });

  it.each([
    [{ flags: { publicPort: 'abc' } }, 'Invalid config: --public-port must be a port number from 0 to 65535 (0 picks a free port)'],
    [{ flags: { consolePort: '70000' } }, 'Invalid config: --console-port must be a port number from 0 to 65535 (0 picks a free port)'],
    [{ env: { RINGSIDE_CONSOLE_TOKEN: 'short' } }, 'Invalid config: RINGSIDE_CONSOLE_TOKEN must be at least 16 characters'],
    [{ env: { RINGG_WEBHOOK_HEADER: 'Bad Header' } }, 'Invalid config: RINGG_WEBHOOK_HEADER must be an HTTP header name'],
    [{ env: { RINGOVER_WEBHOOK_SECRET: 'abc' } }, 'Invalid config: RINGOVER_WEBHOOK_SECRET must be at least 8 characters: a shorter secret is easily guessed'],
    [{ env: { RINGOVER_STREAMER_AUTH_TOKEN: '1234567' } }, 'Invalid config: RINGOVER_STREAMER_AUTH_TOKEN must be at least 8 characters'],
    [{ configFile: file({ ringotelApiToken: 'tok' }) }, 'Invalid config: RINGOTEL_API_TOKEN must be at least 8 characters'],
    [{ env: { RINGG_WEBHOOK_TOKEN: 'Bearer abc' } }, 'Invalid config: RINGG_WEBHOOK_TOKEN must be at least 8 characters: a shorter secret is easily guessed (after "Bearer " when there is one)'],
    [{ configFile: file({ publicPrt: 1 }) }, 'Invalid config: publicPrt is not a Ringside setting'],
  ])('stops with one line naming the setting (%#)', (sources, message) => {
    const run = () => loadConfig({ ...sources, env: { RINGSIDE_DATA_DIR: dir, ...(sources as { env?: object }).env } });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('accepts secrets of 8 characters and more', () => {
    const config = loadConfig({ env: { RINGSIDE_DATA_DIR: dir, RINGOVER_WEBHOOK_SECRET: '12345678', RINGG_WEBHOOK_TOKEN: 'Bearer 12345678' } });
    expect(config).toMatchObject({ ringoverWebhookSecret: '12345678', ringgWebhookToken: 'Bearer 12345678' });
  });

  it('takes any OpenAI key a local model server accepts (Ringside only passes it on)', () => {
    expect(loadConfig({ env: { RINGSIDE_DATA_DIR: dir, OPENAI_API_KEY: 'ollama' } }).openaiApiKey).toBe('ollama');
  });

  it('explains an unreadable or invalid config file', () => {
    expect(() => loadConfig({ configFile: join(dir, 'missing.json') })).toThrow(/Cannot read config file .*missing\.json \(--config\)/);
    expect(() => loadConfig({ configFile: file('{nope') })).toThrow(/is not valid JSON/);
    expect(() => loadConfig({ configFile: file('[1]') })).toThrow(/must hold a JSON object/);
  });
});
