import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CATALOG, CONFIG_KEYS } from '../../../shared/setting-catalog.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { say } from '../words.ts';
import { configSchema, type ConfigKey, type EngineConfig } from './schema.ts';
import { problemWords } from './problem-words.ts';

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

const keyByEnvName = new Map<string, string>(CONFIG_KEYS.map((key) => [CATALOG[key].env, key]));

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(say('cli.config.cannotRead', { file: path, reason: (error as Error).message }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(say('cli.config.notJson', { file: path, reason: (error as Error).message }));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(say('cli.config.notObject', { file: path }));
  }
  return parsed as Record<string, unknown>;
}

/** Where each explicitly set value came from (the rest are defaults). */
export type ValueSources = Partial<Record<ConfigKey, 'file' | 'env' | 'flag'>>;

export function loadConfig(sources: ConfigSources = {}): EngineConfig {
  return loadConfigWithSources(sources).config;
}

export function loadConfigWithSources(sources: ConfigSources = {}): { config: EngineConfig; sources: ValueSources } {
  const env = sources.env ?? process.env;
  const merged: Record<string, unknown> = {};
  const from: ValueSources = {};
  /** Each file value's key as written there (a setting's key or its environment name). */
  const fileKeys = new Map<string, string>();
  if (sources.configFile) {
    for (const [written, value] of Object.entries(readConfigFile(sources.configFile))) {
      const key = keyByEnvName.get(written) ?? written;
      merged[key] = value;
      from[key as ConfigKey] = 'file';
      fileKeys.set(key, written);
    }
  }
  for (const key of CONFIG_KEYS) {
    const value = env[CATALOG[key].env];
    if (value !== undefined && value !== '') {
      merged[key] = value;
      from[key] = 'env';
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
    const inFile = (written: string) => say('cli.config.inFile', { key: written, file: sources.configFile });
    if (issue.code === 'unrecognized_keys') {
      // Only a file can name a key that is not a setting: flags and variables are read by name.
      throw new ConfigError(say('cli.config.unknownKeys', { count: issue.keys.length, keys: issue.keys.map(inFile).join(', ') }));
    }
    const key = String(issue.path[0] ?? '') as ConfigKey;
    const source = from[key];
    const shown = source === 'file' ? inFile(fileKeys.get(key) ?? key) : nameSetting(key, source ?? 'cli');
    throw new ConfigError(say('cli.config.invalid', { setting: shown, problem: problemWords(issue.message) }));
  }
  return { config: result.data, sources: from };
}
