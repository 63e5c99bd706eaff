import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { configSchema, ENV_NAMES, settingName, type ConfigKey, type EngineConfig } from './schema.ts';

/** A configuration problem, phrased as one line naming the setting to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  /** Values from command-line flags, already mapped to config keys. */
  flags?: Partial<Record<ConfigKey, string>>;
  env?: Record<string, string | undefined>;
  /** A JSON file whose keys are config keys (`publicPort`) or env names (`RINGOVER_WEBHOOK_SECRET`). */
  configFile?: string;
}

/** Where Electron keeps `userData` for an app named Ringside, so desktop and `serve` share one store. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  const home = homedir();
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Ringside');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Ringside');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Ringside');
}

const keyByEnvName = new Map(Object.entries(ENV_NAMES).map(([key, env]) => [env, key]));

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path} (--config): ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} (--config) is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`Config file ${path} (--config) must hold a JSON object of settings`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) out[keyByEnvName.get(name) ?? name] = value;
  return out;
}

/** Where each explicitly set value came from (the rest are defaults). */
export type ValueSources = Partial<Record<ConfigKey, 'file' | 'env' | 'flag'>>;

export function loadConfig(sources: ConfigSources = {}): EngineConfig {
  return loadConfigWithSources(sources).config;
}

export function loadConfigWithSources(sources: ConfigSources = {}): { config: EngineConfig; sources: ValueSources } {
  const env = sources.env ?? process.env;
  const merged: Record<string, unknown> = sources.configFile ? readConfigFile(sources.configFile) : {};
  const from: ValueSources = Object.fromEntries(Object.keys(merged).map((key) => [key, 'file']));
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      merged[key] = value;
      from[key as ConfigKey] = 'env';
    }
  }
  for (const [key, value] of Object.entries(sources.flags ?? {})) {
    if (value === undefined) continue;
    merged[key] = value;
    from[key as ConfigKey] = 'flag';
  }
  merged.dataDir ??= defaultDataDir(env);

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const shown = issue.code === 'unrecognized_keys' ? issue.keys.map(settingName).join(', ') : settingName(key);
    const message = issue.code === 'unrecognized_keys' ? 'is not a Ringside setting' : issue.message;
    throw new ConfigError(`Invalid config: ${shown} ${message}`);
  }
  return { config: result.data, sources: from };
}
