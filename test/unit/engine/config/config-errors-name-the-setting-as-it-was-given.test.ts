// A configuration that cannot start names the bad setting the way the operator gave it: the flag
// they typed, the variable they exported, or the key they wrote in the config file (and which file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type ConfigSources } from '../../../../electron/engine/config/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'ringside-config-'));
const file = (content: unknown) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const PORT = 'must be a port number from 0 to 65535 (0 picks a free port)';
const SHORT = 'must be at least 8 characters: a shorter secret is easily guessed';

function failure(sources: ConfigSources): string {
  try {
    loadConfig({ ...sources, env: { RINGSIDE_DATA_DIR: dir, ...sources.env } });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('a bad setting stops start-up with one line naming it', () => {
  it('by its flag when a flag gave it', () => {
    expect(failure({ flags: { publicPort: 'abc' } })).toBe(`Invalid config: --public-port ${PORT}`);
    expect(failure({ flags: { consolePort: '70000' } })).toBe(`Invalid config: --console-port ${PORT}`);
    expect(failure({ flags: { consoleToken: 'short' } })).toBe('Invalid config: --console-token must be at least 16 characters');
  });

  it('by its environment variable when the environment gave it', () => {
    expect(failure({ env: { RINGSIDE_PUBLIC_PORT: 'abc' } })).toBe(`Invalid config: RINGSIDE_PUBLIC_PORT ${PORT}`);
    expect(failure({ env: { RINGSIDE_CONSOLE_TOKEN: 'short' } })).toBe('Invalid config: RINGSIDE_CONSOLE_TOKEN must be at least 16 characters');
    expect(failure({ env: { RINGG_WEBHOOK_HEADER: 'Bad Header' } })).toBe('Invalid config: RINGG_WEBHOOK_HEADER must be an HTTP header name');
    expect(failure({ env: { RINGOVER_WEBHOOK_SECRET: 'abc' } })).toBe(`Invalid config: RINGOVER_WEBHOOK_SECRET ${SHORT}`);
    expect(failure({ env: { RINGOVER_STREAMER_AUTH_TOKEN: '1234567' } })).toBe(`Invalid config: RINGOVER_STREAMER_AUTH_TOKEN ${SHORT}`);
    expect(failure({ env: { RINGG_WEBHOOK_TOKEN: 'Bearer abc' } })).toBe(`Invalid config: RINGG_WEBHOOK_TOKEN ${SHORT} (after "Bearer " when there is one)`);
    expect(failure({ env: { RINGSIDE_TURN_SILENCE_MS: '20' } })).toBe('Invalid config: RINGSIDE_TURN_SILENCE_MS must be 100 ms or more');
  });

  it('by the key written in the config file, and the file', () => {
    const ports = file({ publicPort: 'abc' });
    expect(failure({ configFile: ports })).toBe(`Invalid config: publicPort in the file ${ports} ${PORT}`);
    const token = file({ ringotelApiToken: 'tok' });
    expect(failure({ configFile: token })).toBe(`Invalid config: ringotelApiToken in the file ${token} ${SHORT}`);
    // The file may use environment names as keys: the message says what the file says.
    const envKeys = file({ RINGOVER_WEBHOOK_SECRET: 'abc' });
    expect(failure({ configFile: envKeys })).toBe(`Invalid config: RINGOVER_WEBHOOK_SECRET in the file ${envKeys} ${SHORT}`);
    const number = file({ turnSilenceMs: 20 });
    expect(failure({ configFile: number })).toBe(`Invalid config: turnSilenceMs in the file ${number} must be 100 ms or more`);
  });

  it('by what overrode the file, when the flag or the variable is the bad one', () => {
    expect(failure({ configFile: file({ publicPort: 9000 }), flags: { publicPort: '-1' } })).toBe(`Invalid config: --public-port ${PORT}`);
    expect(failure({ configFile: file({ publicPort: 9000 }), env: { RINGSIDE_PUBLIC_PORT: 'x' } })).toBe(`Invalid config: RINGSIDE_PUBLIC_PORT ${PORT}`);
  });

  it('names a key of the file that is no setting', () => {
    const typo = file({ publicPrt: 1 });
    expect(failure({ configFile: typo })).toBe(`Invalid config: publicPrt in the file ${typo} is not a Ringside setting`);
  });

  it('explains an unreadable or invalid config file', () => {
    expect(() => loadConfig({ configFile: join(dir, 'missing.json') })).toThrow(/Cannot read config file .*missing\.json \(--config\)/);
    expect(() => loadConfig({ configFile: file('{nope') })).toThrow(/is not valid JSON/);
    expect(() => loadConfig({ configFile: file('[1]') })).toThrow(/must hold a JSON object/);
  });
});
